package uk.sendplan.api.settings;

import java.util.List;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.OfstedRating;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

/** A setting as written in bulk (GIAS import, demo data): already validated, places included. */
public record SettingDraft(int urn, String name, String type, Sector sector, long providerId, String laCode, String postcode,
                           Integer easting, Integer northing, int ageFrom, int ageTo, Gender gender, boolean boarding,
                           OfstedRating ofstedRating, RegistrationStatus registrationStatus, RecordSource source, List<PlaceDraft> places) {

    public record PlaceDraft(String need, String phase, int capacity, int occupied) {
    }

    public boolean demo() {
        return urn >= SettingRules.FIRST_DEMO_URN;
    }
}
