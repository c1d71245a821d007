package uk.sendplan.api.fees;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.sendplan.api.fees.FeeInputs.FeeScopeInput;
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
 * Fee audits the regulator's pages start: each runs in the background as its regulator, one at a time, so the page
 * answers at once and follows the audit until it has finished (a national audit checks every current fee). The audit
 * itself is {@link FeeAudits#run}, all or nothing as from GraphQL; a job is only how its page finds it.
 */
@Component
class AuditJobs {

    private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);

    /** How long a finished job is kept for its page to find (the audit itself stays for ever). */
    static final Duration KEPT = Duration.ofHours(1);

    /** One audit started from the pages: who started it, when, and its audit once run (or why it failed). */
    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String subject;
        final Instant startedAt = Instant.now();
        final String financialYear;
        final String scope;
        volatile Long auditId;
        volatile String failure;
        volatile Instant finishedAt;

        Job(String subject, String financialYear, String scope) {
            this.subject = subject;
            this.financialYear = financialYear;
            this.scope = scope;
        }

        long seconds() {
            return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toSeconds();
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "fee-audit");
        thread.setDaemon(true);
        return thread;
    });
    private final FeeAudits audits;
    private final CurrentUser currentUser;

    AuditJobs(FeeAudits audits, CurrentUser currentUser) {
        this.audits = audits;
        this.currentUser = currentUser;
    }

    /** Starts the audit as the actor; {@code scopeWords} names its scope for the page ("England", "London"). */
    Job start(Actor actor, String financialYear, FeeScopeInput scope, String scopeWords) {
        Instant forgetBefore = Instant.now().minus(KEPT);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(forgetBefore));
        Job job = new Job(actor.subject(), financialYear, scopeWords);
        jobs.put(job.id, job);
        runner.submit(() -> currentUser.as(actor, () -> {
            try {
                job.auditId = audits.run(financialYear, scope).id();
            } catch (ApiException refused) {
                job.failure = refused.getMessage();
            } catch (RuntimeException e) {
                log.error("Fee audit {} of {} failed", job.id, financialYear, e);
                job.failure = "The audit stopped before it finished, and nothing of it was saved. Run it again.";
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
