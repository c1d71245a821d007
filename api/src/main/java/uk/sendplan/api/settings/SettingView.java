package uk.sendplan.api.settings;

import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.OfstedRating;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

import java.time.Instant;

/** A setting as the API shows it; places, provider and LA are resolved per field. */
public record SettingView(int urn, String name, String type, Sector sector, long providerId, String laCode, String postcode,
                          GridPoint location, int ageFrom, int ageTo, Gender gender, boolean boarding, OfstedRating ofstedRating,
                          RegistrationStatus registrationStatus, String statusReason, boolean demo, RecordSource source,
                          int capacity, int occupied, Instant updatedAt) {

    public int vacancies() {
        return capacity - occupied;
    }
}
