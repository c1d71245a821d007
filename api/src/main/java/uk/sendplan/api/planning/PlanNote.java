package uk.sendplan.api.planning;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A child's preference or current setting that a plan could not honour, and why. It names the child (their LA's
 * case reference), so it is child-level: it is stored with the child's LA and, like a plan's assignments, read in
 * full only by that LA's commissioner; a regional planner reads counts ({@link #counts}).
 */
record PlanNote(String laCode, String reference, Kind kind, String text) {

    enum Kind {
        /** The child is to stay put, but their current setting has no places for their need and phase. */
        CURRENT_SETTING_LACKS_PLACES,
        /** The child is to stay put, but their current setting is left out of the plan. */
        CURRENT_SETTING_UNAVAILABLE,
        /** The child is to stay put, but a rule of the current placement no longer holds. */
        CURRENT_SETTING_UNSUITABLE,
        /** A ranked preference names a setting with no available places for the child's need and phase. */
        PREFERENCE_UNAVAILABLE
    }

    /** The notes in aggregate, one line per kind that occurs, in the order of {@link Kind}: no child is named. */
    static List<String> counts(List<PlanNote> notes) {
        Map<Kind, Set<String>> children = new LinkedHashMap<>();
        Map<Kind, Integer> occurrences = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            children.put(kind, new LinkedHashSet<>());
            occurrences.put(kind, 0);
        }
        for (PlanNote note : notes) {
            // a reference is unique within its LA only
            children.get(note.kind()).add(note.laCode() + "/" + note.reference());
            occurrences.merge(note.kind(), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            int n = children.get(kind).size();
            if (n == 0) {
                continue;
            }
            String who = number(n) + (n == 1 ? " child" : " children");
            lines.add(switch (kind) {
                case CURRENT_SETTING_LACKS_PLACES -> who + " can't be kept in their current setting: it has no places for their need and phase";
                case CURRENT_SETTING_UNAVAILABLE -> who + " can't be kept in their current setting: it is not available to this plan (see excluded settings)";
                case CURRENT_SETTING_UNSUITABLE -> who + " can't be kept in their current setting: its rules are no longer met, so the plan looks for a place that fits";
                case PREFERENCE_UNAVAILABLE -> who + " had preferred settings with no available places for their need and phase in this plan ("
                        + number(occurrences.get(kind)) + (occurrences.get(kind) == 1 ? " preference)" : " preferences)");
            });
        }
        return lines;
    }

    private static String number(int n) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(n);
    }
}
