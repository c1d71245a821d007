package uk.sendplan.api.fees;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.api.fees.FeeFixtures.band;
import static uk.sendplan.api.fees.FeeFixtures.fee;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.RATE_BAND;
import static uk.sendplan.db.jooq.Tables.RATE_FRAMEWORK;

/** Versions of the framework: drafts, publication, corrections that supersede, and the rules a framework follows. */
class RateFrameworkTest extends GraphQlTestBase {

    FeeFixtures fixtures;
    String year;

    @BeforeEach
    void year() {
        fixtures = new FeeFixtures(graphQl);
        year = FeeFixtures.freshYears()[1];
    }

    @Test
    void aPublishedFrameworkNeverChangesAndACorrectionSupersedesItAndRechecksTheYearsFees() {
        String v1 = fixtures.draft(year);
        graphQl.documentName("rateFramework").variable("id", v1).execute()
                .path("rateFramework.status").entity(String.class).isEqualTo("DRAFT")
                .path("rateFramework.version").entity(Integer.class).isEqualTo(1)
                .path("rateFramework.createdBy").entity(String.class).isEqualTo("admin")
                .path("rateFramework.publishedAt").valueIsNull()
                .path("rateFramework.bands[*].code").entityList(String.class).containsExactly("DAY-2", "DAY-3", "DAY-3-ASD", "RES52-4", "P16-3")
                .path("rateFramework.areaAdjustments[*].region.code").entityList(String.class).hasSize(9)
                .path("rateFramework.areaAdjustments[6].region.code").entity(String.class).isEqualTo(FeeFixtures.LONDON)
                .path("rateFramework.areaAdjustments[6].multiplier").entity(Double.class).isEqualTo(1.2)
                .path("rateFramework.areaAdjustments[0].multiplier").entity(Double.class).isEqualTo(1.0);

        // a draft changes freely
        graphQl.documentName("updateRateFramework").variable("input", Map.of("id", v1, "maxUpliftPercent", 4.5)).execute()
                .path("updateRateFramework.framework.maxUpliftPercent").entity(Double.class).isEqualTo(4.5)
                .path("updateRateFramework.framework.bands[*].code").entityList(String.class).hasSize(5);
        graphQl.documentName("publishRateFramework").variable("input", Map.of("id", v1)).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED")
                .path("publishRateFramework.framework.publishedBy").entity(String.class).isEqualTo("admin")
                .path("publishRateFramework.superseded").valueIsNull()
                .path("publishRateFramework.feesRechecked").entity(Integer.class).isEqualTo(0);

        String provider = fixtures.provider("Framework Test Ltd", "INDEPENDENT", true);
        int urn = fixtures.setting(provider, "INDEPENDENT_SPECIAL", FeeFixtures.GATESHEAD, false, "SEMH");
        String feeId = fixtures.submit(urn, year, List.of(fee(3, "DAY", "55000.00")))
                .path("submitFees.fees[0].check.verdict").entity(String.class).isEqualTo("ABOVE_REFERENCE")
                .path("submitFees.fees[0].id").entity(String.class).get();

        // published: never changes, never published again
        int auditBefore = db.fetchCount(AUDIT_EVENT);
        rejects("updateRateFramework", Map.of("id", v1, "name", "Renamed"), "input.id: rate framework " + v1 + " (" + year
                + " version 1) is PUBLISHED and never changes; correct it with createRateFramework(copyFromId: " + v1 + ") and publish the correction");
        rejects("updateRateFramework", Map.of("id", v1, "bands", List.of(band("DAY-3", "DAY", 3, null, "1.00", "2.00"))),
                "input.id: rate framework " + v1 + " (" + year + " version 1) is PUBLISHED and never changes");
        rejects("publishRateFramework", Map.of("id", v1), "input.id: rate framework " + v1 + " (" + year
                + " version 1) is PUBLISHED and cannot be published again: only a DRAFT can be published");
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);

        // the correction: a copy with the DAY-3 reference raised
        List<Map<String, Object>> corrected = new ArrayList<>(FeeFixtures.bands());
        corrected.set(1, band("DAY-3", "DAY", 3, null, "56000.00", "67200.00"));
        Map<String, Object> correction = new LinkedHashMap<>();
        correction.put("financialYear", year);
        correction.put("name", "Test framework (corrected)");
        correction.put("bands", corrected);
        correction.put("copyFromId", v1);
        String v2 = graphQl.documentName("createRateFramework").variable("input", correction).execute()
                .path("createRateFramework.framework.version").entity(Integer.class).isEqualTo(2)
                .path("createRateFramework.framework.status").entity(String.class).isEqualTo("DRAFT")
                .path("createRateFramework.framework.maxUpliftPercent").entity(Double.class).isEqualTo(4.5)
                .path("createRateFramework.framework.description").entity(String.class).isEqualTo("For tests")
                .path("createRateFramework.framework.areaAdjustments[6].multiplier").entity(Double.class).isEqualTo(1.2)
                .path("createRateFramework.framework.id").entity(String.class).get();
        rejects("createRateFramework", FeeFixtures.frameworkInput(year), "input.financialYear: " + year
                + " already has a DRAFT framework (framework " + v2 + ", version 2); change it with updateRateFramework or publish it first");

        graphQl.documentName("publishRateFramework").variable("input", Map.of("id", v2, "reason", "DAY-3 reference corrected")).execute()
                .path("publishRateFramework.framework.status").entity(String.class).isEqualTo("PUBLISHED")
                .path("publishRateFramework.framework.supersedes.id").entity(String.class).isEqualTo(v1)
                .path("publishRateFramework.superseded.id").entity(String.class).isEqualTo(v1)
                .path("publishRateFramework.superseded.status").entity(String.class).isEqualTo("SUPERSEDED")
                .path("publishRateFramework.superseded.supersededBy.id").entity(String.class).isEqualTo(v2)
                .path("publishRateFramework.feesRechecked").entity(Integer.class).isEqualTo(1)
                .path("publishRateFramework.verdicts[0].verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("publishRateFramework.verdicts[0].fees").entity(Integer.class).isEqualTo(1);

        // every check names its version; the old one is kept
        graphQl.documentName("fee").fragmentName("feeFields").variable("id", feeId).execute()
                .path("fee.check.verdict").entity(String.class).isEqualTo("WITHIN_REFERENCE")
                .path("fee.check.framework.id").entity(String.class).isEqualTo(v2)
                .path("fee.check.occasion").entity(String.class).isEqualTo("FRAMEWORK_PUBLISHED")
                .path("fee.check.adjustedReference").entity(String.class).isEqualTo("56000.00")
                .path("fee.checks[*].verdict").entityList(String.class).containsExactly("WITHIN_REFERENCE", "ABOVE_REFERENCE")
                .path("fee.checks[*].framework.version").entityList(Integer.class).containsExactly(2, 1)
                .path("fee.checks[*].occasion").entityList(String.class).containsExactly("FRAMEWORK_PUBLISHED", "SUBMISSION");

        graphQl.documentName("rateFramework").variable("id", v1).execute()
                .path("rateFramework.status").entity(String.class).isEqualTo("SUPERSEDED")
                .path("rateFramework.supersededAt").hasValue()
                .path("rateFramework.bands[1].referenceRate").entity(String.class).isEqualTo("50000.00")
                .path("rateFramework.supersededBy.id").entity(String.class).isEqualTo(v2);
        graphQl.documentName("publishedRateFramework").variable("financialYear", year).execute()
                .path("publishedRateFramework.id").entity(String.class).isEqualTo(v2);
        graphQl.documentName("rateFrameworks").variable("financialYear", year).execute()
                .path("rateFrameworks[*].id").entityList(String.class).containsExactly(v2, v1);
        rejects("updateRateFramework", Map.of("id", v1, "name", "x"), "input.id: rate framework " + v1 + " (" + year
                + " version 1) is SUPERSEDED and never changes");

        graphQl.documentName("auditTrail").variable("entityType", "rate_framework").variable("entityId", v1).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly(
                        "RATE_FRAMEWORK_SUPERSEDED", "RATE_FRAMEWORK_PUBLISHED", "RATE_FRAMEWORK_UPDATED", "RATE_FRAMEWORK_CREATED")
                .path("auditTrail.edges[0].node.after.supersededBy").entity(Integer.class).isEqualTo(Integer.parseInt(v2))
                .path("auditTrail.edges[2].node.before.maxUpliftPercent").entity(String.class).isEqualTo("5.00")
                .path("auditTrail.edges[2].node.after.maxUpliftPercent").entity(String.class).isEqualTo("4.50")
                .path("auditTrail.edges[3].node.after.bands[1].referenceRate").entity(String.class).isEqualTo("50000.00");
        graphQl.documentName("auditTrail").variable("entityType", "rate_framework").variable("entityId", v2).execute()
                .path("auditTrail.edges[*].node.action").entityList(String.class).containsExactly("RATE_FRAMEWORK_PUBLISHED", "RATE_FRAMEWORK_CREATED")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("DAY-3 reference corrected")
                .path("auditTrail.edges[0].node.after.feesRechecked").entity(Integer.class).isEqualTo(1)
                .path("auditTrail.edges[1].node.reason").entity(String.class).isEqualTo("copied from framework " + v1 + " (" + year + " version 1)");
    }

    @Test
    void aFrameworkFollowsItsRulesAndABrokenOneWritesNothing() {
        int frameworks = db.fetchCount(RATE_FRAMEWORK);
        int bands = db.fetchCount(RATE_BAND);
        invalid(in -> in.put("financialYear", "2026-28"), "input.financialYear: expected a financial year such as 2026-27, got \"2026-28\"");
        invalid(in -> in.put("name", " "), "input.name: is required and must not be blank");
        invalid(in -> in.put("maxUpliftPercent", 150.0), "input.maxUpliftPercent: must be from 0 to 100 with at most 2 decimal places, got 150.0");
        invalid(in -> in.put("maxUpliftPercent", 2.125), "input.maxUpliftPercent: must be from 0 to 100 with at most 2 decimal places, got 2.125");
        invalid(in -> in.remove("bands"), "input.bands: is required unless copyFromId is given");
        invalid(in -> in.put("bands", List.of()), "input.bands: a framework needs at least one band");
        invalid(in -> in.put("bands", List.of(band("day-3", "DAY", 3, null, "1.00", "1.00"))),
                "input.bands[0].code: 1 to 20 capital letters, digits, '-' or '_', starting with a letter or digit, got \"day-3\"");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 3, null, "1.00", "1.00"), band("A", "DAY", 4, null, "1.00", "1.00"))),
                "input.bands[1].code: band A is given twice");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 6, null, "1.00", "1.00"))),
                "input.bands[0].complexity: unknown band 6; complexity bands are 1 to 5");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 3, null, "-1.00", "1.00"))),
                "input.bands[0].referenceRate: must be more than £0.00 and at most £1,500,000.00 a year, got -£1.00");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 3, null, "50000.00", "40000.00"))),
                "input.bands[0].ceiling: must not be below the reference rate (£40,000.00 < £50,000.00)");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 3, null, "1.00", "1.00"), band("B", "DAY", 3, null, "2.00", "2.00"))),
                "input.bands[1]: bands A and B both cover DAY complexity 3 for every need; a fee must have one band");
        invalid(in -> in.put("bands", List.of(band("A", "DAY", 3, List.of("ASD", "SLCN"), "1.00", "1.00"),
                        band("B", "DAY", 3, List.of("SLCN"), "2.00", "2.00"))),
                "input.bands[1]: bands A and B both cover DAY complexity 3 for SLCN; a fee must have one band");
        invalid(in -> in.put("areaAdjustments", List.of(Map.of("regionCode", FeeFixtures.LONDON, "multiplier", 2.5))),
                "input.areaAdjustments[0].multiplier: must be from 0.5 to 2.0 with at most 3 decimal places, got 2.5");
        invalid(in -> in.put("areaAdjustments", List.of(Map.of("regionCode", FeeFixtures.LONDON, "multiplier", 1.1),
                        Map.of("regionCode", FeeFixtures.LONDON, "multiplier", 1.2))),
                "input.areaAdjustments[1].regionCode: region " + FeeFixtures.LONDON + " is given twice");
        invalid(in -> in.put("areaAdjustments", List.of(Map.of("regionCode", "W99", "multiplier", 1.1))),
                "input.areaAdjustments[0].regionCode: unknown region code \"W99\"");
        graphQl.documentName("createRateFramework").variable("input", Map.of("financialYear", year, "name", "Copy", "copyFromId", "987654"))
                .execute().errors().expect(e -> e.getErrorType() == ErrorType.NOT_FOUND
                        && e.getMessage().equals("input.copyFromId: no rate framework with id 987654")).verify();
        assertThat(db.fetchCount(RATE_FRAMEWORK)).isEqualTo(frameworks);
        assertThat(db.fetchCount(RATE_BAND)).isEqualTo(bands);

        // a need-specific band beside the band for every need is fine
        Map<String, Object> valid = FeeFixtures.frameworkInput(year);
        graphQl.documentName("createRateFramework").variable("input", valid).execute()
                .path("createRateFramework.framework.bands[*].code").entityList(String.class).contains("DAY-3", "DAY-3-ASD");
    }

    private void invalid(Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> input = new HashMap<>(FeeFixtures.frameworkInput(year));
        change.accept(input);
        rejects("createRateFramework", input, message);
    }

    private void rejects(String document, Map<String, Object> input, String message) {
        int auditBefore = db.fetchCount(AUDIT_EVENT);
        graphQl.documentName(document).variable("input", input).execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(message)).verify();
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);
    }
}
