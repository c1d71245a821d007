package uk.sendplan.api.fees;

import uk.sendplan.db.types.FeeVerdict;

import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;

import uk.sendplan.db.types.RateFrameworkStatus;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.api.fees.FeeChecker.Outcome;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.db.types.FindingStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fees' audit snapshots write the JSON the trail has always stored: each expected document is an event the service
 * wrote before snapshots were records (built as maps). Key order is not compared: PostgreSQL's jsonb keeps none.
 */
class FeeSnapshotTest extends GraphQlTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void aFeeHasItsBreakdownOnlyWhenGivenAndItsVerdictOnlyWhenChecked() {
        FeeView plain = fee(41865, 1, 5_000_000, null);
        assertWritten(FeeSnapshot.of(plain, null), """
                {"feeId":41865,"band":3,"kind":"DAY","revision":1,"annualFee":"50000.00","justification":null}""");
        FeeView broken = fee(53, 1, 4_498_000, new FeeView.Breakdown(2_653_820, 629_720, 449_800, 179_920, 494_780, 89_960));
        assertWritten(new FeeSnapshot.Schedule(9202012, "2025-26", List.of(FeeSnapshot.of(broken, outcome(FeeVerdict.WITHIN_REFERENCE)))), """
                {"urn":9202012,"financialYear":"2025-26","fees":[{"feeId":53,"band":3,"kind":"DAY","revision":1,"annualFee":"44980.00",
                 "breakdown":{"education":"26538.20","care":"6297.20","therapies":"4498.00","transport":"1799.20","overheads":"4947.80","surplus":"899.60"},
                 "justification":null,"verdict":"WITHIN_REFERENCE"}]}""");
    }

    @Test
    void aFrameworkKeepsAmountsAsDecimalStringsAndAdjustmentsByRegion() {
        RateFrameworkView f = new RateFrameworkView(1, "2026-27", 1, "Shutdown test", "For the shutdown test", RateFrameworkStatus.DRAFT,
                new BigDecimal("5.00"), null, null, Instant.EPOCH, "admin", null, null, null,
                List.of(new RateFrameworkView.Band("DAY-3", "Day, complexity 3", ProvisionKind.DAY, 3, List.of(), 5_000_000, 6_000_000, null)),
                List.of(new AreaAdjustment("E12000001", new BigDecimal("1.000")), new AreaAdjustment("E12000007", new BigDecimal("1.120"))),
                new RateFrameworkView.Transparency(new BigDecimal("0.00"), List.of(ProviderKind.INDEPENDENT), 100));
        assertWritten(FrameworkSnapshot.of(f), """
                {"id":1,"financialYear":"2026-27","version":1,"name":"Shutdown test","description":"For the shutdown test","status":"DRAFT",
                 "maxUpliftPercent":"5.00","bands":[{"code":"DAY-3","description":"Day, complexity 3","kind":"DAY","complexity":3,"needs":[],
                 "referenceRate":"50000.00","ceiling":"60000.00"}],"areaAdjustments":{"E12000001":"1.000","E12000007":"1.120"},
                 "surplusCapPercent":"0.00","breakdownRequiredFrom":["INDEPENDENT"],"breakdownTolerance":"1.00"}""");
        assertWritten(new FrameworkSnapshot.Status(RateFrameworkStatus.DRAFT), """
                {"status":"DRAFT"}""");
        assertWritten(new FrameworkSnapshot.Published(RateFrameworkStatus.PUBLISHED, null, 0, Map.of()), """
                {"status":"PUBLISHED","supersedes":null,"feesRechecked":0,"verdicts":{}}""");
        assertWritten(new FrameworkSnapshot.Status(RateFrameworkStatus.SUPERSEDED, 15L), """
                {"status":"SUPERSEDED","supersededBy":15}""");
    }

    @Test
    void auditRunsAndFindingsKeepTheirKeys() {
        Map<FeeVerdict, Integer> verdicts = new LinkedHashMap<>();
        verdicts.put(FeeVerdict.ABOVE_CEILING, 1);
        verdicts.put(FeeVerdict.ABOVE_REFERENCE, 3);
        assertWritten(new FeeAuditSnapshot("2041-42", 5, FeeAuditSnapshot.Scope.of(new FeeAuditView.Scope(null, null, null)), 9, verdicts, 4, 0), """
                {"financialYear":"2041-42","frameworkId":5,"scope":{"regionCode":null,"laCode":null,"providerId":null},"feesChecked":9,
                 "verdicts":{"ABOVE_CEILING":1,"ABOVE_REFERENCE":3},"findingsOpened":4,"findingsAlreadyRaised":0}""");
        FeeView fee = fee(24400, 1, 6_094_000, null);
        assertWritten(new FeeAuditSnapshot.FindingOpened(FindingStatus.OPEN, FeeVerdict.ABOVE_CEILING, 10, FeeSnapshot.of(fee, outcome(FeeVerdict.ABOVE_CEILING)), 9320010, "2026-27"), """
                {"status":"OPEN","verdict":"ABOVE_CEILING","auditId":10,"fee":{"feeId":24400,"band":3,"kind":"DAY","revision":1,"annualFee":"60940.00",
                 "justification":null,"verdict":"ABOVE_CEILING"},"urn":9320010,"financialYear":"2026-27"}""");
        assertWritten(new FeeAuditSnapshot.FindingState(FindingStatus.PROVIDER_RESPONDED), """
                {"status":"PROVIDER_RESPONDED"}""");
    }

    private static FeeView fee(long id, int revision, long pence, FeeView.Breakdown breakdown) {
        return new FeeView(id, 9202012, "2025-26", 3, ProvisionKind.DAY, revision, true, pence, breakdown, null, null, Instant.EPOCH, "provider-demo");
    }

    private static Outcome outcome(FeeVerdict verdict) {
        return new Outcome(verdict, null, null, null, null, null, null, null, null, false, List.of(), false, null, null,
                new BigDecimal("100.00"), 0, List.of());
    }

    private void assertWritten(AuditSnapshot snapshot, String stored) {
        assertThat(json.readTree(json.writeValueAsString(snapshot))).isEqualTo(json.readTree(stored));
    }
}
