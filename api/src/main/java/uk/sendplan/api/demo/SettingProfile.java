package uk.sendplan.api.demo;

import uk.sendplan.api.demo.DemoRegister.AgeBand;

import java.util.List;
import java.util.Map;

/** What a typical demo setting of a kind looks like: its name, size, vacancies, boarding, gender, owner and ages. */
record SettingProfile(String label, int typicalSize, double vacancyRate, double boardingShare, double boysOnlyShare,
                      double laMaintainedShare, List<AgeBand> ages) {

    /** The profile of each kind of setting the demo register holds, by setting type code. */
    static final Map<String, SettingProfile> BY_TYPE = Map.of(
            "RESOURCED_PROVISION", new SettingProfile("Resourced Provision", 14, 0.10, 0, 0, 0.5,
                    List.of(new AgeBand(4, 11, 0.6), new AgeBand(11, 16, 0.3), new AgeBand(11, 18, 0.1))),
            "SEN_UNIT", new SettingProfile("SEN Unit", 10, 0.10, 0, 0, 0.5,
                    List.of(new AgeBand(4, 11, 0.6), new AgeBand(11, 16, 0.4))),
            "STATE_SPECIAL", new SettingProfile("Special School", 120, 0.04, 0.02, 0, 0.45,
                    List.of(new AgeBand(2, 19, 0.35), new AgeBand(4, 11, 0.2), new AgeBand(11, 19, 0.35), new AgeBand(3, 16, 0.1))),
            "NON_MAINTAINED_SPECIAL", new SettingProfile("Non-maintained Special School", 60, 0.12, 0.4, 0, 0,
                    List.of(new AgeBand(5, 19, 0.6), new AgeBand(8, 19, 0.4))),
            "INDEPENDENT_SPECIAL", new SettingProfile("Independent Special School", 45, 0.12, 0.15, 0.1, 0,
                    List.of(new AgeBand(5, 19, 0.3), new AgeBand(7, 18, 0.3), new AgeBand(11, 19, 0.3), new AgeBand(8, 16, 0.1))),
            "ALTERNATIVE_PROVISION", new SettingProfile("Alternative Provision", 40, 0.15, 0, 0, 0.6,
                    List.of(new AgeBand(11, 16, 0.8), new AgeBand(5, 11, 0.2))),
            "SPECIALIST_POST_16", new SettingProfile("Specialist College", 60, 0.12, 0.3, 0, 0,
                    List.of(new AgeBand(16, 25, 1.0))));
}
