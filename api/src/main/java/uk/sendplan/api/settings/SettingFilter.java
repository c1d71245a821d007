package uk.sendplan.api.settings;

import java.util.List;
import uk.sendplan.db.types.RegistrationStatus;

record SettingFilter(String laCode, String regionCode, List<String> types, String need, String phase, Boolean hasVacancy,
                     String nameContains, NearInput near, List<RegistrationStatus> registrationStatuses, String providerId) {

    record NearInput(int easting, int northing, double withinKm) {
    }

    static final SettingFilter NONE = new SettingFilter(null, null, null, null, null, null, null, null, null, null);
}
