package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import uk.sendplan.api.GraphQlTestBase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.FEE;
import static uk.sendplan.db.jooq.Tables.FEE_CHECK;

/** Every refused fee names the field and the rule, and nothing of the request is written. */
class FeeErrorsTest extends GraphQlTestBase {

    FeeFixtures fixtures;
    String year;
    String draftYear;
    int urn;

    @BeforeEach
    void setting() {
        fixtures = new FeeFixtures(graphQl);
        String[] years = FeeFixtures.freshYears();
        draftYear = years[0];
        year = years[1];
        fixtures.draft(draftYear);
        fixtures.published(year);
        urn = fixtures.setting(fixtures.provider("Fee Errors Ltd", "INDEPENDENT", true), "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
    }

    @Test
    void aSubmissionBreakingARuleIsRefusedWhole() {
        rejectsSubmission(draftYear, List.of(fee(3, "DAY", "50000.00")), ErrorType.BAD_REQUEST,
                "input.financialYear: no published rates framework for " + draftYear
                        + "; fees for a year can be stated and checked once the regulator has published its framework");
        rejectsSubmission("2090-91", List.of(fee(3, "DAY", "50000.00")), ErrorType.BAD_REQUEST,
                "input.financialYear: no published rates framework for 2090-91");
        rejectsSubmission("2026/27", List.of(fee(3, "DAY", "50000.00")), ErrorType.BAD_REQUEST,
                "input.financialYear: expected a financial year such as 2026-27, got \"2026/27\"");
        rejectsSubmission(year, List.of(fee(3, "DAY", "50000.00"), fee(2, "DAY", "-5.00")), ErrorType.BAD_REQUEST,
                "input.fees[1].annualFee: must be more than £0.00 and at most £1,500,000.00 a year, got -£5.00");
        rejectsSubmission(year, List.of(fee(3, "DAY", "0.00")), ErrorType.BAD_REQUEST,
                "input.fees[0].annualFee: must be more than £0.00 and at most £1,500,000.00 a year, got £0.00");
        rejectsSubmission(year, List.of(fee(3, "DAY", "1500000.01")), ErrorType.BAD_REQUEST,
                "input.fees[0].annualFee: must be more than £0.00 and at most £1,500,000.00 a year, got £1,500,000.01");
        rejectsSubmission(year, List.of(fee(6, "DAY", "50000.00")), ErrorType.BAD_REQUEST,
                "input.fees[0].band: unknown band 6; complexity bands are 1 to 5");
        rejectsSubmission(year, List.of(fee(0, "DAY", "50000.00")), ErrorType.BAD_REQUEST,
                "input.fees[0].band: unknown band 0; complexity bands are 1 to 5");
        rejectsSubmission(year, List.of(fee(3, "DAY", "50000.00"), fee(3, "DAY", "51000.00")), ErrorType.BAD_REQUEST,
                "input.fees[1]: band 3 DAY is given twice");
        rejectsSubmission(year, List.of(), ErrorType.BAD_REQUEST, "input.fees: give at least one fee");
        Map<String, Object> partTooLarge = new LinkedHashMap<>(fee(3, "DAY", "50000.00"));
        partTooLarge.put("breakdown", Map.of("education", "1500000.01", "care", "0.00", "therapies", "0.00", "transport", "0.00",
                "overheads", "0.00", "surplus", "0.00"));
        rejectsSubmission(year, List.of(partTooLarge), ErrorType.BAD_REQUEST,
                "input.fees[0].breakdown.education: must be at most £1,500,000.00 a year, got £1,500,000.01");
        Map<String, Object> negativePart = new LinkedHashMap<>(fee(3, "DAY", "50000.00"));
        negativePart.put("breakdown", Map.of("education", "51000.00", "care", "0.00", "therapies", "0.00", "transport", "0.00",
                "overheads", "0.00", "surplus", "-1000.00"));
        rejectsSubmission(year, List.of(negativePart), ErrorType.BAD_REQUEST,
                "input.fees[0].breakdown.surplus: must not be negative, got -£1,000.00");

        int before = db.fetchCount(FEE);
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", 699_999, "financialYear", year, "fees", List.of(fee(3, "DAY", "50000.00"))))
                .execute().errors().expect(e -> e.getErrorType() == ErrorType.NOT_FOUND
                        && e.getMessage().equals("input.urn: no setting with URN 699999")).verify()
                .path("submitFees").pathDoesNotExist();
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year, "fees", List.of(fee(3, "DAY", "12.345"))))
                .execute().errors().expect(e -> e.getMessage().contains("Money: expected pounds as a decimal string with at most 2 decimal places"))
                .verify();
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", year, "fees", List.of(fee(3, "WEEKEND", "1.00"))))
                .execute().errors().expect(e -> e.getMessage().contains("WEEKEND") && e.getMessage().contains("ProvisionKind")).verify();
        assertThat(db.fetchCount(FEE)).isEqualTo(before);
    }

    @Test
    void aSecondSubmissionForTheSameBandMustBeAnExplicitRevision() {
        fixtures.submitted(urn, year, List.of(fee(3, "DAY", "50000.00")));

        rejectsSubmission(year, List.of(fee(2, "DAY", "40000.00"), fee(3, "DAY", "49000.00")), ErrorType.BAD_REQUEST,
                "input.fees[1]: setting " + urn + " already has a fee for " + year
                        + " band 3 DAY (revision 1); a change must be an explicit revision with reviseFee, which keeps the old one");
        rejectsRevision(revision(2, "51000.00", "Price review"), ErrorType.BAD_REQUEST,
                "input.revises: the current revision is 1, not 2; read the fee again before revising it");
        rejectsRevision(revision(1, "51000.00", " "), ErrorType.BAD_REQUEST, "input.reason: is required and must not be blank");
        rejectsRevision(revision(1, "-1.00", "Price review"), ErrorType.BAD_REQUEST,
                "input.annualFee: must be more than £0.00 and at most £1,500,000.00 a year, got -£1.00");
        Map<String, Object> otherBand = revision(1, "51000.00", "Price review");
        otherBand.put("band", 4);
        rejectsRevision(otherBand, ErrorType.NOT_FOUND, "input: setting " + urn + " has no fee for " + year
                + " band 4 DAY to revise; state it with submitFees");
        Map<String, Object> draft = revision(1, "51000.00", "Price review");
        draft.put("financialYear", draftYear);
        rejectsRevision(draft, ErrorType.BAD_REQUEST, "input.financialYear: no published rates framework for " + draftYear);

        graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", revision(1, "51000.00", "Price review")).execute()
                .path("reviseFee.fee.revision").entity(Integer.class).isEqualTo(2);
        // someone who read revision 1 cannot overwrite revision 2 unseen
        rejectsRevision(revision(1, "52000.00", "Price review"), ErrorType.BAD_REQUEST,
                "input.revises: the current revision is 2, not 1; read the fee again before revising it");
    }

    @Test
    void twoRevisionsRacingFromTheSameRevisionLeaveOneAndRefuseTheOtherByItsRule() throws Exception {
        fixtures.submitted(urn, year, List.of(fee(3, "DAY", "50000.00")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<GraphQlTester.Response>> racing = pool.invokeAll(List.of(
                    () -> graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", revision(1, "51000.00", "First")).execute(),
                    () -> graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", revision(1, "52000.00", "Second")).execute()));
            int won = 0;
            for (Future<GraphQlTester.Response> response : racing) {
                List<ResponseError> errors = new ArrayList<>();
                response.get().errors().filter(errors::add).verify();
                if (errors.isEmpty()) {
                    won++;
                } else {
                    assertThat(errors).singleElement().satisfies(e -> {
                        assertThat(e.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                        assertThat(e.getMessage()).isIn("input.revises: the current revision is 2, not 1; read the fee again before revising it",
                                "reviseFee: this fee was submitted or revised meanwhile; read it again and submit an explicit revision (fee_revision_unique)");
                    });
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(db.fetchCount(FEE, FEE.SETTING_URN.eq(urn))).isEqualTo(2);
    }

    @Test
    void checkFeeNamesItsRuleToo() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("financialYear", draftYear);
        input.put("band", 3);
        input.put("kind", "DAY");
        input.put("annualFee", "50000.00");
        graphQl.documentName("checkFee").variable("input", input).execute().errors()
                .expect(e -> e.getMessage().startsWith("input.financialYear: no published rates framework for " + draftYear)).verify();
        input.put("financialYear", year);
        input.put("band", 9);
        graphQl.documentName("checkFee").variable("input", input).execute().errors()
                .expect(e -> e.getMessage().equals("input.band: unknown band 9; complexity bands are 1 to 5")).verify();
        input.put("band", 3);
        input.put("urn", 699_998);
        graphQl.documentName("checkFee").variable("input", input).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.NOT_FOUND && e.getMessage().equals("input.urn: no setting with URN 699998")).verify();
    }

    private Map<String, Object> revision(int revises, String annualFee, String reason) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("urn", urn);
        input.put("financialYear", year);
        input.put("band", 3);
        input.put("kind", "DAY");
        input.put("revises", revises);
        input.put("annualFee", annualFee);
        input.put("reason", reason);
        return input;
    }

    private void rejectsRevision(Map<String, Object> input, ErrorType type, String message) {
        int fees = db.fetchCount(FEE);
        int checks = db.fetchCount(FEE_CHECK);
        int events = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName("reviseFee").fragmentName("feeFields").variable("input", input).execute()
                .errors().expect(e -> e.getErrorType() == type && e.getMessage().startsWith(message)).verify()
                .path("reviseFee").pathDoesNotExist();
        assertThat(db.fetchCount(FEE)).isEqualTo(fees);
        assertThat(db.fetchCount(FEE_CHECK)).isEqualTo(checks);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(events);
    }

    private void rejectsSubmission(String financialYear, List<Map<String, Object>> fees, ErrorType type, String message) {
        int feesBefore = db.fetchCount(FEE);
        int checks = db.fetchCount(FEE_CHECK);
        int events = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName("submitFees").fragmentName("feeFields").variable("input", Map.of("urn", urn, "financialYear", financialYear, "fees", fees)).execute()
                .errors().expect(e -> e.getErrorType() == type && e.getMessage().startsWith(message)).verify()
                .path("submitFees").pathDoesNotExist();
        assertThat(db.fetchCount(FEE)).isEqualTo(feesBefore);
        assertThat(db.fetchCount(FEE_CHECK)).isEqualTo(checks);
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(events);
    }

    @Test
    void anAuditScopeWhoseLaIsOutsideItsRegionIsRefused() {
        int audits = db.fetchCount(uk.sendplan.db.jooq.Tables.FEE_AUDIT);
        as("regulator").documentName("runFeeAudit").variable("financialYear", year)
                .variable("scope", Map.of("regionCode", FeeFixtures.NORTH_EAST, "laCode", FeeFixtures.CAMDEN)).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("scope.laCode: LA 202 (Camden) is not in "
                        + "region E12000001; give the LA alone, or an LA of that region")).verify()
                .path("runFeeAudit").pathDoesNotExist();
        assertThat(db.fetchCount(uk.sendplan.db.jooq.Tables.FEE_AUDIT)).isEqualTo(audits);
        // the LA within its own region is the LA's audit
        as("regulator").documentName("runFeeAudit").variable("financialYear", year)
                .variable("scope", Map.of("regionCode", FeeFixtures.NORTH_EAST, "laCode", FeeFixtures.GATESHEAD)).execute()
                .path("runFeeAudit.audit.scope.localAuthority.code").entity(String.class).isEqualTo(FeeFixtures.GATESHEAD);
    }
}
