package uk.sendplan.api.settings;

import java.util.List;
import uk.sendplan.db.types.RegistrationStatus;

/** A setting as written in bulk (GIAS import, demo data): already validated, places included. */
public record SettingDraft(int urn, String name, String type, String sector, long providerId, String laCode, String postcode,
                           Integer easting, Integer northing, int ageFrom, int ageTo, String gender, boolean boarding,
                           String ofstedRating, RegistrationStatus registrationStatus, String source, List<PlaceDraft> places) {

    public record PlaceDraft(String need, String phase, int capacity, int occupied) {
    }

    public boolean demo() {
        return urn >= SettingRules.FIRST_DEMO_URN;
    }
}
