package uk.sendplan.api.planning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.db.types.PlanStatus;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.solver.Plan;
import uk.sendplan.planner.solver.PlanJob;
import uk.sendplan.planner.solver.PlanProgress;
import uk.sendplan.planner.solver.PlacementPlanner;
import uk.sendplan.planner.solver.SolveOptions;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs plans in the background on the planner engine, at most {@code send.planning.concurrent-plans} at once (the
 * rest wait in QUEUED). Each improved best result is pushed to subscribers at once; while a plan searches, each best
 * result that has stood for {@code send.planning.save-interval} is saved, and the final one when it ends (a plan of
 * per-child rules only has one, saved once); cancelling keeps the best result; a restart marks what was left
 * unfinished INTERRUPTED.
 */
@Component
class PlanJobs {

    private static final Logger log = LoggerFactory.getLogger(PlanJobs.class);

    /**
     * What a running plan needs to build its problem; {@code register}, the settings and fees {@code startPlan} read to
     * check the plan can run, saves reading them again when the plan starts solving at once.
     */
    record Spec(String name, List<String> laCodes, String financialYear, String startTerm, Parameters parameters, Duration timeLimit,
                ProblemBuilder.Register register) {
    }

    /** A progress report as subscribers see it. */
    record Progress(long planId, PlanStatus status, String score, Integer placed, Integer unplaced, Long totalCostPence, double elapsedSeconds,
                    boolean done) {
    }

    /** A best plan as reported by the solver, and when (System.nanoTime). */
    private record Reported(PlanProgress progress, long nanos) {
    }

    private static final class Live {
        final Sinks.Many<Progress> sink = Sinks.many().replay().latest();
        volatile PlanJob job;
        volatile boolean cancelRequested;
        volatile Reported best;
    }

    /** How long a shutdown waits for running plans to save their best results. */
    private static final Duration SAVE_ON_STOP = Duration.ofSeconds(30);

    private final ConcurrentHashMap<Long, Live> live = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final PlanRepository plans;
    private final ProblemBuilder builder;
    private final DemandService demand;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;
    private final Duration saveInterval;
    private final int concurrentPlans;
    private final PlacementPlanner planner = new PlacementPlanner();
    private volatile boolean stopping;

    PlanJobs(PlanRepository plans, ProblemBuilder builder, DemandService demand, CurrentUser currentUser, TransactionTemplate transaction,
             @Value("${send.planning.concurrent-plans:2}") int concurrentPlans,
             @Value("${send.planning.save-interval:PT2S}") Duration saveInterval) {
        this.plans = plans;
        this.builder = builder;
        this.demand = demand;
        this.currentUser = currentUser;
        this.transaction = transaction;
        if (saveInterval.toMillis() < 1) {
            throw new IllegalArgumentException("send.planning.save-interval must be at least 1 ms, got " + saveInterval);
        }
        this.saveInterval = saveInterval;
        this.concurrentPlans = concurrentPlans;
        this.workers = Executors.newFixedThreadPool(concurrentPlans, Thread.ofPlatform().name("plan-", 1).daemon().factory());
    }

    /** At start-up, before any new plan: nothing can still be solving, so what a previous run left is INTERRUPTED. */
    @EventListener(ApplicationReadyEvent.class)
    void interruptLeftovers() {
        int interrupted = interruptUnfinished();
        if (interrupted > 0) {
            log.warn("{} plan(s) left queued or solving by the previous run are now INTERRUPTED, their best results kept", interrupted);
        }
    }

    /** Marks unfinished plans that no job of this service is running as INTERRUPTED; their saved results stay. */
    int interruptUnfinished() {
        return transaction.execute(status -> plans.interruptUnfinished(live.keySet()));
    }

    void submit(long planId, Actor actor, Spec spec) {
        Live job = new Live();
        // a plan that waits its turn reads the register when its turn comes, as it may have changed meanwhile
        ProblemBuilder.Register register = live.size() < concurrentPlans ? spec.register() : null;
        live.put(planId, job);
        emit(job, new Progress(planId, PlanStatus.QUEUED, null, null, null, null, 0, false));
        PlanPhases phases = new PlanPhases();
        workers.submit(() -> currentUser.as(actor, () -> run(planId, job, spec, register, phases)));
    }

    /** Stops a queued or solving plan; a solving one keeps its best result. False if it isn't running here. */
    boolean cancel(long planId) {
        Live job = live.get(planId);
        if (job == null) {
            return false;
        }
        job.cancelRequested = true;
        PlanJob solver = job.job;
        if (solver != null) {
            solver.cancel();
        }
        return true;
    }

    /** Progress of a plan running here, from its latest report on; empty if it isn't running here. */
    Flux<Progress> progress(long planId) {
        Live job = live.get(planId);
        return job == null ? null : job.sink.asFlux();
    }

    private void run(long planId, Live job, Spec spec, ProblemBuilder.Register register, PlanPhases phases) {
        phases.lap(PlanPhases.QUEUED);
        long start = System.nanoTime();
        try {
            if (job.cancelRequested) {  // still queued: nothing solved, nothing to keep
                if (stopping) {
                    finish(planId, job, PlanStatus.INTERRUPTED, "the service stopped before this plan started solving", start, phases);
                } else {
                    finish(planId, job, PlanStatus.CANCELLED, null, start, phases);
                }
                return;
            }
            java.time.Instant read = java.time.Instant.now();
            ProblemBuilder.Built built = transaction.execute(status ->
                    builder.build(spec.name(), spec.laCodes(), spec.financialYear(), spec.startTerm(), spec.parameters(), register, phases));
            transaction.executeWithoutResult(status -> plans.started(planId, read, built.problem().requests().size(), built.excluded(), built.notes()));
            phases.lap(PlanPhases.STARTED);
            emit(job, new Progress(planId, PlanStatus.SOLVING, null, null, null, null, seconds(start), false));
            SolveOptions options = SolveOptions.DEFAULTS.withTimeLimit(spec.timeLimit())
                    .withUnimprovedTimeLimit(spec.timeLimit().compareTo(Duration.ofSeconds(5)) < 0 ? spec.timeLimit() : Duration.ofSeconds(5));
            job.job = planner.start(built.problem(), options, progress -> improved(planId, job, progress, start));
            if (job.cancelRequested) {
                job.job.cancel();
            }
            Plan plan = perChildRulesOnly(built.problem()) ? job.job.awaitPlan() : awaitSavingMeanwhile(planId, job, built, start, phases);
            phases.lap(PlanPhases.SOLVE);
            transaction.executeWithoutResult(status -> {
                PlanTranslator.Result result = PlanTranslator.translate(built, plan, (System.nanoTime() - start) / 1_000_000);
                phases.lap(PlanPhases.TRANSLATE);
                plans.saveResult(planId, result, phases);
                demand.markProposed(result.assignments().stream().map(PlanTranslator.AssignmentRow::requestId).toList());
            });
            phases.lap(PlanPhases.PROPOSED);
            if (stopping) {
                finish(planId, job, PlanStatus.INTERRUPTED, "the service stopped while solving; the best result so far is kept", start, phases);
            } else {
                finish(planId, job, job.cancelRequested ? PlanStatus.CANCELLED : PlanStatus.COMPLETED, null, start, phases);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(planId, job, PlanStatus.INTERRUPTED, "the service stopped while solving; the best result so far is kept", start, phases);
        } catch (RuntimeException e) {
            log.error("Plan {} failed", planId, e);
            finish(planId, job, PlanStatus.FAILED, "the plan could not be solved: " + e.getMessage(), start, phases);
        }
    }

    /** A better plan: subscribers hear of it at once; the database gets it once it has stood for a while (see below). */
    private void improved(long planId, Live job, PlanProgress progress, long start) {
        job.best = new Reported(progress, System.nanoTime());
        emit(job, new Progress(planId, PlanStatus.SOLVING, progress.score(), progress.placedCount(), progress.unplacedCount(),
                Money.fromWholePounds(progress.totalAnnualCost()), seconds(start), false));
    }

    /**
     * With no independent limit and no siblings, every rule is per child: the planner's exact construction is the
     * proven optimum and the solve ends with it, so its one best plan is saved once, at the end. (These are the
     * planner's conditions for stopping at the proof, as the README states them; with either rule on, it searches on.)
     */
    private static boolean perChildRulesOnly(uk.sendplan.planner.domain.PlacementProblem problem) {
        return problem.parameters().independentLimits().isEmpty() && problem.requests().stream().allMatch(r -> r.siblingGroup() == null);
    }

    /**
     * Waits for the solve to end, meanwhile saving each best plan that has stood for a save interval, so that a long
     * search the service loses keeps a recent result. The saves run here, not in the solver's callback, so the solver
     * never waits on the database; and a best plan about to be superseded, or to end the solve, is not written twice.
     */
    private Plan awaitSavingMeanwhile(long planId, Live job, ProblemBuilder.Built built, long start, PlanPhases phases) throws InterruptedException {
        PlanProgress saved = null;
        while (true) {
            Optional<Plan> plan = job.job.awaitPlan(saveInterval);
            if (plan.isPresent()) {
                return plan.get();
            }
            Reported best = job.best;
            if (best == null || best.progress() == saved || System.nanoTime() - best.nanos() < saveInterval.toNanos()) {
                continue;
            }
            PlanProgress latest = best.progress();
            saved = latest;
            long began = System.nanoTime();
            try {
                transaction.executeWithoutResult(status ->
                        plans.saveResult(planId, PlanTranslator.translate(built, latest.plan(), (began - start) / 1_000_000)));
            } catch (RuntimeException e) {
                // the final result is saved when the solve ends; a failed interim save only loses an interim
                log.warn("Plan {}: could not save an interim result: {}", planId, e.getMessage());
            } finally {
                phases.add(PlanPhases.INTERIM, System.nanoTime() - began);
            }
        }
    }

    private void finish(long planId, Live job, PlanStatus status, String failure, long start, PlanPhases phases) {
        try {
            transaction.executeWithoutResult(tx -> plans.finish(planId, status, failure));
            phases.lap(PlanPhases.FINISH);
            PlanView plan = plans.find(planId).orElseThrow();
            emit(job, new Progress(planId, plan.status(), plan.score(), plan.placed(), plan.unplaced(), plan.totalCostPence(), seconds(start), true));
            // where a plan's time went, for whoever wonders why one took long (the benchmark reports it too)
            log.info("Plan {} {} in {} s: {}", planId, plan.status(), String.format(java.util.Locale.ROOT, "%.3f", seconds(start)), phases);
        } finally {
            job.sink.tryEmitComplete();
            live.remove(planId);
        }
    }

    private static void emit(Live job, Progress progress) {
        job.sink.emitNext(progress, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(200)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * A shutdown stops the solves, saves each one's best result and marks it INTERRUPTED, before the database goes:
     * this bean uses the DataSource (through jOOQ and the transaction manager), so Spring destroys it first, and the
     * embedded PostgreSQL has no shutdown hook of its own that could stop it sooner.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        live.values().forEach(job -> {
            job.cancelRequested = true;
            if (job.job != null) {
                job.job.cancel();
            }
        });
        workers.shutdown();
        // a cancelled solve ends at once; what takes time is saving a large plan's result
        if (!workers.awaitTermination(SAVE_ON_STOP.toSeconds(), TimeUnit.SECONDS)) {
            log.warn("Stopping: plan(s) {} still saving after {} s; the next start marks them INTERRUPTED with their last saved result",
                    live.keySet(), SAVE_ON_STOP.toSeconds());
        }
    }
}
