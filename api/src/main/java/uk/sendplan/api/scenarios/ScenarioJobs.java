package uk.sendplan.api.scenarios;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.CurrentUser;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scenarios the planner's pages start: each runs in the background as its planner, one at a time (a scenario plans its
 * children twice), so the page answers at once and follows the run until it has finished. The run itself is
 * {@link Scenarios#run}, as from GraphQL; a job is only how its page finds it.
 */
@Component
class ScenarioJobs {

    private static final Logger log = LoggerFactory.getLogger(ScenarioJobs.class);

    /** How long a finished job is kept for its page to find (the scenario itself stays). */
    static final Duration KEPT = Duration.ofHours(1);

    /** One scenario started from the pages: who started it, when, and the scenario once run (or why it failed). */
    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String subject;
        final String name;
        final Instant startedAt = Instant.now();
        volatile Long scenarioId;
        volatile String failure;
        volatile Instant finishedAt;

        Job(String subject, String name) {
            this.subject = subject;
            this.name = name;
        }

        long seconds() {
            return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toSeconds();
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "scenario");
        thread.setDaemon(true);
        return thread;
    });
    private final Scenarios scenarios;
    private final CurrentUser currentUser;

    ScenarioJobs(Scenarios scenarios, CurrentUser currentUser) {
        this.scenarios = scenarios;
        this.currentUser = currentUser;
    }

    Job start(Actor actor, Scenarios.RunScenarioInput input) {
        Instant forgetBefore = Instant.now().minus(KEPT);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(forgetBefore));
        Job job = new Job(actor.subject(), input.name().trim());
        jobs.put(job.id, job);
        runner.submit(() -> currentUser.as(actor, () -> {
            try {
                job.scenarioId = scenarios.run(input).id();
            } catch (ApiException refused) {
                job.failure = refused.getMessage();
            } catch (RuntimeException e) {
                log.error("Scenario {} ({}) failed", job.id, job.name, e);
                job.failure = "The scenario stopped before it finished, and nothing of it was saved. Run it again.";
            } finally {
                job.finishedAt = Instant.now();
            }
        }));
        return job;
    }

    /** The job, if this subject started it. */
    Optional<Job> find(String id, String subject) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.subject.equals(subject));
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
