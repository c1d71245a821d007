package uk.sendplan.api.web;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.function.Supplier;

/**
 * Long work a page starts and then follows (a fee audit, a scenario, a register import, an upload's dry run): run in the background as the
 * user who started it, one at a time of each kind, so the form answers at once with a page that refreshes itself until
 * the work is done. The work is the feature service's own, as GraphQL runs it; a job is only how its page finds the
 * result, and only its starter finds it. A feature declares its kind as a component extending this class.
 */
public abstract class BackgroundJobs<T> {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    /** How long a finished job is kept for its page to find (what the work saved stays). */
    static final Duration KEPT = Duration.ofHours(1);

    /** One piece of work: who started it, when, and its result once done (or why it failed). */
    public static final class Job<T> {
        private final String id = UUID.randomUUID().toString();
        private final String subject;
        private final String label;
        private final Object form;
        private final Instant startedAt = Instant.now();
        private volatile T result;
        private volatile String failure;
        private volatile ApiException refusal;
        private volatile Instant finishedAt;

        Job(String subject, String label, Object form) {
            this.subject = subject;
            this.label = label;
            this.form = form;
        }

        public String id() {
            return id;
        }

        /** What the page calls the work ("Fee audit of 2026-27, England"). */
        public String label() {
            return label;
        }

        /**
         * The form the work was started from, as the user filled it in, so a page can show it again with the refusal
         * the work ended with next to its field; null when the work was started without one.
         */
        public <F> F form(Class<F> type) {
            return type.cast(form);
        }

        /** The work's result; null until it has finished well. */
        public T result() {
            return result;
        }

        /** Why the work stopped, for its page; null unless it failed. */
        public String failure() {
            return failure;
        }

        /** The service's refusal the work ended with, so a form can show it by the field it names; null otherwise. */
        public ApiException refusal() {
            return refusal;
        }

        /**
         * Shows the work's failure on the form it was started from: the service's refusal next to the field its path
         * names ({@code fields}, as {@link FormErrors#add(ApiException, Map, String)}), anything else next to {@code fallback}.
         */
        public void failureOn(FormErrors errors, Map<String, String> fields, String fallback) {
            if (refusal != null) {
                errors.add(refusal, fields, fallback);
            } else {
                errors.add(fallback, failure);
            }
        }

        public boolean running() {
            return finishedAt == null;
        }

        public long seconds() {
            return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toSeconds();
        }
    }

    private final Map<String, Job<T>> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner;
    private final CurrentUser currentUser;

    protected BackgroundJobs(String kind, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.runner = Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, kind);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the work as the actor; a refusal it ends with is the job's failure in the service's words. */
    public Job<T> start(Actor actor, String label, Supplier<T> work) {
        return start(actor, label, null, work);
    }

    /** Starts the work as {@link #start(Actor, String, Supplier)} does, keeping the form it was started from ({@link Job#form}). */
    public Job<T> start(Actor actor, String label, Object form, Supplier<T> work) {
        Instant forgetBefore = Instant.now().minus(KEPT);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(forgetBefore));
        Job<T> job = new Job<>(actor.subject(), label, form);
        jobs.put(job.id, job);
        runner.submit(() -> currentUser.as(actor, () -> {
            try {
                job.result = work.get();
            } catch (ApiException refused) {
                job.refusal = refused;
                job.failure = refused.getMessage();
            } catch (RuntimeException e) {
                log.error("{} ({}) failed", label, job.id, e);
                job.failure = "It stopped before it finished, and nothing of it was saved. Start it again.";
            } finally {
                job.finishedAt = Instant.now();
            }
        }));
        return job;
    }

    /** The job, if this subject started it. */
    public Optional<Job<T>> find(String id, String subject) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> j.subject.equals(subject));
    }

    @PreDestroy
    public void stop() {
        runner.shutdownNow();
    }
}
