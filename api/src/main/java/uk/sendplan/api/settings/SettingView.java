package uk.sendplan.api.settings;

import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.db.types.RegistrationStatus;

import java.time.Instant;

/** A setting as the API shows it; places, provider and LA are resolved per field. */
public record SettingView(int urn, String name, String type, String sector, long providerId, String laCode, String postcode,
                          GridPoint location, int ageFrom, int ageTo, String gender, boolean boarding, String ofstedRating,
                          RegistrationStatus registrationStatus, String statusReason, boolean demo, String source,
                          int capacity, int occupied, Instant updatedAt) {

    public int vacancies() {
        return capacity - occupied;
    }
}
