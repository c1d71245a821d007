package uk.sendplan.api.demand;

import uk.sendplan.db.types.ChildGender;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.RequestStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A placement request's audit snapshot writes the JSON the trail has always stored: the expected documents are events
 * the service wrote when the snapshot was the record's column map (snake-case keys, timestamps left out). Key order is
 * not compared: PostgreSQL's jsonb keeps none.
 */
class RequestSnapshotTest extends GraphQlTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void aRequestKeepsItsColumnNamesAndNullsAndLeavesOutItsTimestamps() {
        PlacementRequestRecord r = new PlacementRequestRecord();
        r.setLaCode("886");
        r.setReference("DEMO-886-00022");
        r.setPrimaryNeed("PD");
        r.setBand(2);
        r.setAge(8);
        r.setEasting(601100);
        r.setNorthing(140600);
        r.setGender(ChildGender.MALE);
        r.setNeedsBoarding(false);
        r.setKeepCurrent(false);
        r.setStartTerm("2027-AUTUMN");
        r.setStatus(RequestStatus.OPEN);
        r.setDemo(true);
        r.setCreatedAt(java.time.Instant.EPOCH);
        assertWritten(RequestSnapshot.of(r, List.of()), """
                {"id":null,"la_code":"886","reference":"DEMO-886-00022","primary_need":"PD","secondary_need":null,"band":2,"age":8,
                 "easting":601100,"northing":140600,"gender":"MALE","needs_boarding":false,"current_setting_urn":null,"keep_current":false,
                 "start_term":"2027-AUTUMN","status":"OPEN","status_reason":null,"demo":true,"sibling_group":null,
                 "alternative_provision_allowed":null,"preferences":[]}""");
        assertWritten(new RequestSnapshot.Status(RequestStatus.WITHDRAWN), """
                {"status":"WITHDRAWN"}""");
    }

    private void assertWritten(AuditSnapshot snapshot, String stored) {
        assertThat(json.readTree(json.writeValueAsString(snapshot))).isEqualTo(json.readTree(stored));
    }
}
