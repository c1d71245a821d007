package uk.sendplan.api.planning;

import uk.sendplan.db.types.PlanScope;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.types.PlanStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning's audit snapshots write the JSON the trail has always stored: each expected document is an event the
 * service wrote before snapshots were records (built as maps). Key order is not compared: PostgreSQL's jsonb keeps none.
 */
class PlanSnapshotTest extends GraphQlTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void plansAndApprovedPlacementsKeepTheirKeys() {
        // the two weights and the rules issue 11 added are written after the keys the trail already had
        assertWritten(new PlanSnapshot(PlanScope.REGION, "E12000009", "2026-27", null, 5,
                PlanSnapshot.Weights.of(new uk.sendplan.planner.domain.Weights(2000, 5000, 1000, 3000, 300, 4000)),
                new PlanSnapshot.Rules(200, 15, null, 3)), """
                {"scope":"REGION","code":"E12000009","financialYear":"2026-27","startTerm":null,"timeLimitSeconds":5,
                 "weights":{"preferenceMiss":2000,"independentPlacement":5000,"outOfArea":1000,"moveFromCurrent":3000,
                 "distanceFromHome":300,"siblingsApart":4000},"rules":{"maxBoardingKm":200,"localRadiusKm":15,"maxIndependentPlacements":3}}""");
        assertWritten(new PlanSnapshot.Status(PlanStatus.SOLVING), """
                {"status":"SOLVING"}""");
        assertWritten(new PlacementSnapshot(2008, 710001, "ASD", "PRIMARY", 4, 2_200_000, 2_263_300, true), """
                {"requestId":2008,"settingUrn":710001,"need":"ASD","phase":"PRIMARY","planId":4,"annualFeePence":2200000,
                 "annualCostPence":2263300,"pinned":true}""");
    }

    private void assertWritten(AuditSnapshot snapshot, String stored) {
        assertThat(json.readTree(json.writeValueAsString(snapshot))).isEqualTo(json.readTree(stored));
    }
}
