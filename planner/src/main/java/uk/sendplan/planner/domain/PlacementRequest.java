package uk.sendplan.planner.domain;

import java.util.List;

/**
 * A child (pseudonymous: an id, age, need and a grid point, nothing more) who needs a place.
 *
 * @param id               unique within the problem
 * @param laCode           DfE three-digit code of the child's home local authority
 * @param need             primary need
 * @param band             funding band 1 (lowest) to 5 (highest)
 * @param age              age in years at the start of the placement
 * @param easting          home location, British National Grid easting, metres
 * @param northing         home location, British National Grid northing, metres
 * @param gender           for single-sex settings
 * @param needsBoarding    true if the child needs a boarding (residential) place
 * @param currentSettingId setting the child attends now, or {@code null}
 * @param keepCurrent      the child stays in the current setting (pinned, and it uses a place there)
 * @param preferences      the family's preferred setting ids, best first (may be empty)
 */
public record PlacementRequest(String id, String laCode, Need need, int band, int age, double easting,
                               double northing, Gender gender, boolean needsBoarding, String currentSettingId,
                               boolean keepCurrent, List<String> preferences) {

    public PlacementRequest {
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
    }
}
