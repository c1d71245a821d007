package uk.sendplan.planner.solver;

import java.util.List;
import java.util.function.Function;

/**
 * Why a child has no place, as data: the API names settings by name and URN, the CLI by the problem's ids. Each
 * says what a commissioner can act on.
 */
public sealed interface UnplacedReason {

    /** The reason in words, each setting named by {@code settingName}. */
    String describe(Function<String, String> settingName);

    /**
     * No setting meets the rules, applied one by one up to the first that leaves none standing (e.g. "need ASD, age
     * 11 and the 75-minute travel limit (SECONDARY)"); when that rule was the travel limit, the nearest setting that meets
     * the rest and its journey.
     */
    record NoSettingMeets(String rules, String nearestSettingId, Long nearestMinutes) implements UnplacedReason {
        @Override
        public String describe(Function<String, String> settingName) {
            return "no setting meets " + rules + (nearestSettingId == null ? ""
                    : "; the nearest that meets the rest is " + settingName.apply(nearestSettingId) + " at " + nearestMinutes + " minutes");
        }
    }

    /** Settings meet every rule but all are full: the nearest of them, and how many more. */
    record SuitableSettingsFull(String rules, List<String> nearestSettingIds, int more) implements UnplacedReason {
        public SuitableSettingsFull {
            nearestSettingIds = List.copyOf(nearestSettingIds);
        }

        @Override
        public String describe(Function<String, String> settingName) {
            return "settings that meet " + rules + " are all full: " + String.join(", ", nearestSettingIds.stream().map(settingName).toList())
                    + (more > 0 ? " and " + more + " more" : "");
        }
    }

    /** An interim plan has not yet used settings that have room (the solve is still improving). */
    record RoomNotYetUsed(int settingsWithRoom, String nearestSettingId) implements UnplacedReason {
        @Override
        public String describe(Function<String, String> settingName) {
            return settingsWithRoom + " suitable setting" + (settingsWithRoom == 1 ? " has" : "s have") + " room but this interim plan has not used "
                    + (settingsWithRoom == 1 ? "it" : "them") + " yet (nearest: " + settingName.apply(nearestSettingId) + ")";
        }
    }

    /** A reason as a plan file states it, read back: words only. */
    record AsWritten(String text) implements UnplacedReason {
        @Override
        public String describe(Function<String, String> settingName) {
            return text;
        }
    }
}
