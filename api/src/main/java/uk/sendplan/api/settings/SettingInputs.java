package uk.sendplan.api.settings;

import java.util.List;
import uk.sendplan.db.types.Gender;
import uk.sendplan.db.types.OfstedRating;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RegistrationStatus;
import uk.sendplan.db.types.Sector;

/** GraphQL inputs and payloads of the register's mutations. */
final class SettingInputs {

    private SettingInputs() {
    }

    record GridPointInput(int easting, int northing) {
    }

    record PlaceCommissionInput(String laCode, int places) {
    }

    record PlaceInput(String need, String phase, int capacity, int occupied, List<PlaceCommissionInput> commissions) {
    }

    record RegisterSettingInput(int urn, String name, String type, Sector sector, String providerId, String laCode,
                                String postcode, GridPointInput location, int ageFrom, int ageTo, Gender gender,
                                Boolean boarding, OfstedRating ofstedRating, List<PlaceInput> places) {
    }

    record UpdateSettingInput(int urn, String name, String type, Sector sector, String providerId, String laCode,
                              String postcode, GridPointInput location, Integer ageFrom, Integer ageTo, Gender gender,
                              Boolean boarding, OfstedRating ofstedRating) {
    }

    record SetPlacesInput(int urn, List<PlaceInput> places) {
    }

    record SetRegistrationStatusInput(int urn, RegistrationStatus status, String reason) {
    }

    record RegisterProviderInput(String name, String companyNumber, ProviderKind kind, Boolean forProfit, String laCode) {
    }

    record SettingPayload(SettingView setting) {
    }

    record ProviderPayload(ProviderView provider) {
    }

    record SettingsStatusInput(List<Integer> urns, String providerId, String reason) {
    }

    record SettingsStatusPayload(List<SettingView> settings) {
    }
}
