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
 * @param siblingGroup     requests with the same group id are siblings, placed together where possible; or {@code null}
 * @param alternativeProvisionAllowed whether alternative provision may be planned for the child; {@code null}
 *                         takes the default ({@link #allowsAlternativeProvision()})
 */
public record PlacementRequest(String id, String laCode, Need need, int band, int age, double easting,
                               double northing, Gender gender, boolean needsBoarding, String currentSettingId,
                               boolean keepCurrent, List<String> preferences, String siblingGroup,
                               Boolean alternativeProvisionAllowed) {

    public PlacementRequest {
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
    }

    /** A request without a sibling group that takes the default on alternative provision. */
    public PlacementRequest(String id, String laCode, Need need, int band, int age, double easting, double northing,
                            Gender gender, boolean needsBoarding, String currentSettingId, boolean keepCurrent,
                            List<String> preferences) {
        this(id, laCode, need, band, age, easting, northing, gender, needsBoarding, currentSettingId, keepCurrent,
                preferences, null, null);
    }

    /**
     * Alternative provision (a pupil referral unit or AP academy) is not where a child with an EHC
     * plan is placed unless the request says so; by default it is allowed only for social,
     * emotional and mental health needs, the one need AP is commissioned for.
     */
    public boolean allowsAlternativeProvision() {
        return alternativeProvisionAllowed != null ? alternativeProvisionAllowed : need == Need.SEMH;
    }
}
