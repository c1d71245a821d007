package uk.sendplan.api.settings;

import uk.sendplan.db.types.Gender;

import uk.sendplan.db.types.Sector;

import uk.sendplan.db.types.ProviderKind;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.settings.PlaceView.CommissionView;
import uk.sendplan.db.jooq.tables.records.ProviderRecord;
import uk.sendplan.db.jooq.tables.records.SettingRecord;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register's audit snapshots write the JSON the trail has always stored: each expected document is an event the
 * service wrote before snapshots were records (built as maps), so stored events, the GraphQL {@code AuditEvent.before}
 * and {@code after} and every assertion on them read the same. Key order is not compared: PostgreSQL's jsonb keeps none.
 */
class SettingSnapshotTest extends GraphQlTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void aSettingWithItsPlacesKeepsItsKeysItsNullsAndLeavesOutCommissionsOnlyWhereThereAreNone() {
        SettingRecord s = setting();
        List<PlaceView> places = List.of(
                new PlaceView(800009, "ASD", "SECONDARY", 20, 12, List.of(new CommissionView("202", 8), new CommissionView("203", 4))),
                new PlaceView(800009, "SEMH", "POST_16", 6, 6, List.of()));
        assertWritten(SettingSnapshot.of(s, places), """
                {"urn":800009,"name":"Test Independent Special School 800009","type":"INDEPENDENT_SPECIAL","sector":"INDEPENDENT",
                 "providerId":324,"laCode":"202","postcode":"NW1 2DB","easting":529000,"northing":184000,"ageFrom":7,"ageTo":18,
                 "gender":"MIXED","boarding":false,"ofstedRating":null,"registrationStatus":"OPEN",
                 "places":[{"need":"ASD","phase":"SECONDARY","capacity":20,"occupied":12,"commissions":[{"laCode":"202","places":8},{"laCode":"203","places":4}]},
                           {"need":"SEMH","phase":"POST_16","capacity":6,"occupied":6}]}""");
    }

    @Test
    void anUpdateOfTheEntryAloneHasNoPlacesKey() {
        assertWritten(SettingSnapshot.of(setting(), null), """
                {"urn":800009,"name":"Test Independent Special School 800009","type":"INDEPENDENT_SPECIAL","sector":"INDEPENDENT",
                 "providerId":324,"laCode":"202","postcode":"NW1 2DB","easting":529000,"northing":184000,"ageFrom":7,"ageTo":18,
                 "gender":"MIXED","boarding":false,"ofstedRating":null,"registrationStatus":"OPEN"}""");
    }

    @Test
    void placesStatusesAndProvidersKeepTheirKeys() {
        assertWritten(SettingSnapshot.Places.of(List.of()), """
                {"places":[]}""");
        assertWritten(SettingSnapshot.Places.of(List.of(new PlaceView(1, "ASD", "PRIMARY", 1, 0, List.of()))), """
                {"places":[{"need":"ASD","phase":"PRIMARY","capacity":1,"occupied":0}]}""");
        SettingRecord open = setting();
        assertWritten(SettingSnapshot.Registration.of(open), """
                {"registrationStatus":"OPEN","statusReason":null}""");
        // a GIAS closure records the status it closes without its reason, as it always has
        assertWritten(new SettingSnapshot.Status(RegistrationStatus.OPEN), """
                {"registrationStatus":"OPEN"}""");
        assertWritten(new SettingSnapshot.Registration(RegistrationStatus.CLOSED, "Closed in GIAS"), """
                {"statusReason":"Closed in GIAS","registrationStatus":"CLOSED"}""");
        ProviderRecord p = new ProviderRecord();
        p.setId(342L);
        p.setName("Probe Ltd");
        p.setKind(ProviderKind.INDEPENDENT);
        assertWritten(ProviderSnapshot.of(p), """
                {"id":342,"name":"Probe Ltd","companyNumber":null,"kind":"INDEPENDENT","forProfit":null,"laCode":null}""");
    }

    private static SettingRecord setting() {
        SettingRecord s = new SettingRecord();
        s.setUrn(800009);
        s.setName("Test Independent Special School 800009");
        s.setTypeCode("INDEPENDENT_SPECIAL");
        s.setSector(Sector.INDEPENDENT);
        s.setProviderId(324L);
        s.setLaCode("202");
        s.setPostcode("NW1 2DB");
        s.setEasting(529000);
        s.setNorthing(184000);
        s.setAgeFrom(7);
        s.setAgeTo(18);
        s.setGender(Gender.MIXED);
        s.setBoarding(false);
        s.setRegistrationStatus(RegistrationStatus.OPEN);
        return s;
    }

    private void assertWritten(AuditSnapshot snapshot, String stored) {
        assertThat(json.readTree(json.writeValueAsString(snapshot))).isEqualTo(json.readTree(stored));
    }
}
