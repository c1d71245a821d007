package uk.sendplan.api.planning;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How long each phase of one plan's run took, in the order the phases ran, so the log line at the end of a plan says
 * where its time went (reading the demand, the register, the fees; building; solving; saving). A phase run twice (an
 * interim save, say) adds up. Phases are timed on the plan's worker thread and the solver's, one after the other, so
 * the methods are synchronized only to publish the numbers safely between the two.
 */
final class PlanPhases {

    static final String QUEUED = "queued";
    static final String REQUESTS = "load requests";
    static final String SETTINGS = "load settings and places within reach";
    static final String FEES = "load fees";
    static final String BUILD = "build the problem";
    static final String STARTED = "mark the plan solving";
    static final String SOLVE = "solve";
    static final String INTERIM = "save interim results";
    static final String TRANSLATE = "translate the plan";
    static final String SAVE = "save placements, unplaced and explanations";
    static final String PLACE_VALUES = "save place values";
    static final String PROPOSED = "mark requests proposed";
    static final String FINISH = "status update";

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long mark;
    /** Time counted to other phases from inside the current one, since its start. */
    private long nested;

    PlanPhases() {
        mark = System.nanoTime();
    }

    /** Ends the current phase, named {@code phase}: the time since the last lap is counted to it. */
    synchronized void lap(String phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - mark - nested, Long::sum);
        mark = now;
        nested = 0;
    }

    /** Counts time spent inside the current phase (an interim save during the solve) to a phase of its own instead. */
    synchronized void add(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
        nested += elapsedNanos;
    }

    /** Seconds per phase, in the order the phases first ran. */
    synchronized Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.forEach((phase, n) -> seconds.put(phase, n / 1e9));
        return seconds;
    }

    @Override
    public synchronized String toString() {
        return nanos.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.3f s", e.getKey(), e.getValue() / 1e9))
                .collect(Collectors.joining(", "));
    }
}
