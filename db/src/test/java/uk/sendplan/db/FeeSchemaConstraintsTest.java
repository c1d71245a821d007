package uk.sendplan.db;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.sendplan.db.testing.TestDatabase;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.ProvisionKind;
import uk.sendplan.db.types.RateFrameworkStatus;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.Sector;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * The fee rules the database enforces whatever code writes: published frameworks, fees, checks and finding events
 * never change, findings move only along their workflow. Each test runs in a transaction that is rolled back, since
 * append-only rows could not be cleaned up otherwise.
 */
class FeeSchemaConstraintsTest {

    static Connection connection;
    static DSLContext db;

    @BeforeAll
    static void migrate() throws Exception {
        TestDatabase database = TestDatabase.get();
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).schemas("send").load().migrate();
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        connection.setSchema("send");
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    @BeforeEach
    void begin() throws Exception {
        connection.setAutoCommit(false);
    }

    @AfterEach
    void rollBack() throws Exception {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    @Test
    void financialYearsAreWrittenLike2026Dash27() {
        fails(() -> framework("2026-28", RateFrameworkStatus.DRAFT), "financial_year_format");
        fails(() -> framework("abc", RateFrameworkStatus.DRAFT), "financial_year_format");
        assertThat(framework("2099-00", RateFrameworkStatus.DRAFT)).isPositive();
    }

    @Test
    void aPublishedFrameworkNeverChangesExceptToBeSuperseded() {
        long id = framework("2030-31", RateFrameworkStatus.DRAFT);
        db.insertInto(RATE_BAND).set(RATE_BAND.FRAMEWORK_ID, id).set(RATE_BAND.CODE, "DAY-3").set(RATE_BAND.DESCRIPTION, "Day 3")
                .set(RATE_BAND.KIND, ProvisionKind.DAY).set(RATE_BAND.COMPLEXITY, 3).set(RATE_BAND.REFERENCE_PENCE, 5_000_000L)
                .set(RATE_BAND.CEILING_PENCE, 6_000_000L).execute();
        db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.PUBLISHED).set(RATE_FRAMEWORK.PUBLISHED_AT, Instant.now())
                .set(RATE_FRAMEWORK.PUBLISHED_BY, "regulator").where(RATE_FRAMEWORK.ID.eq(id)).execute();

        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.NAME, "Changed").where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_published_is_immutable");
        fails(() -> db.update(RATE_BAND).set(RATE_BAND.REFERENCE_PENCE, 1L).where(RATE_BAND.FRAMEWORK_ID.eq(id)).execute(),
                "rate_framework_published_is_immutable");
        fails(() -> db.deleteFrom(RATE_BAND).where(RATE_BAND.FRAMEWORK_ID.eq(id)).execute(), "rate_framework_published_is_immutable");
        fails(() -> db.insertInto(RATE_AREA_ADJUSTMENT).set(RATE_AREA_ADJUSTMENT.FRAMEWORK_ID, id)
                .set(RATE_AREA_ADJUSTMENT.REGION_CODE, "E12000007").set(RATE_AREA_ADJUSTMENT.MULTIPLIER, new BigDecimal("1.100")).execute(),
                "rate_framework_published_is_immutable");
        fails(() -> db.deleteFrom(RATE_FRAMEWORK).where(RATE_FRAMEWORK.ID.eq(id)).execute(), "rate_framework_published_is_immutable");
        fails(() -> framework("2030-31", RateFrameworkStatus.PUBLISHED), "rate_framework_one_published");

        db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.SUPERSEDED).set(RATE_FRAMEWORK.SUPERSEDED_AT, Instant.now())
                .where(RATE_FRAMEWORK.ID.eq(id)).execute();
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.PUBLISHED).set(RATE_FRAMEWORK.SUPERSEDED_AT, (Instant) null)
                .where(RATE_FRAMEWORK.ID.eq(id)).execute(), "rate_framework_published_is_immutable");
        assertThat(db.fetchValue(RATE_BAND.REFERENCE_PENCE, RATE_BAND.FRAMEWORK_ID.eq(id))).isEqualTo(5_000_000L);
    }

    @Test
    void feesAreAppendOnlyAndTheirBreakdownIsWholeButMayMissTheFee() {
        int urn = setting(150001);
        long fee = fee(urn, 1, null, 5_000_000L, 3_000_000L);
        fails(() -> db.update(FEE).set(FEE.ANNUAL_FEE_PENCE, 1L).where(FEE.ID.eq(fee)).execute(), "fee_records_are_append_only");
        fails(() -> db.deleteFrom(FEE).where(FEE.ID.eq(fee)).execute(), "fee_records_are_append_only");
        fails(() -> fee(urn, 1, null, 5_100_000L, null), "fee_revision_unique");
        fails(() -> fee(urn, 2, null, 5_100_000L, null), "fee_revision_has_reason");
        fails(() -> fee(urn, 2, "r", 0L, null), "fee_annual_fee_range");
        fails(() -> fee(urn, 2, "r", 150_000_001L, null), "fee_annual_fee_range");
        fails(() -> db.insertInto(FEE).set(FEE.SETTING_URN, urn).set(FEE.FINANCIAL_YEAR, "2030-31").set(FEE.BAND, 4).set(FEE.KIND, ProvisionKind.DAY)
                .set(FEE.REVISION, 1).set(FEE.ANNUAL_FEE_PENCE, 100L).set(FEE.EDUCATION_PENCE, 100L).set(FEE.SUBMITTED_BY, "p").execute(),
                "fee_breakdown_complete");
        assertThat(fee(urn, 2, "Corrected", 5_100_000L, null)).isGreaterThan(fee);
        // parts of 5,000,000p against a fee of 5,100,000p are stored as stated: the check reports BREAKDOWN_INCONSISTENT
        assertThat(fee(urn, 3, "Broken down", 5_100_000L, 3_000_000L)).isGreaterThan(fee);
    }

    @Test
    void aFrameworksSurplusAndTransparencyRulesHaveRangesAndNeverChangeOncePublished() {
        long id = framework("2031-32", RateFrameworkStatus.DRAFT);
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.SURPLUS_CAP_PERCENT, new BigDecimal("100.01")).where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_surplus_cap_range");
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.SURPLUS_CAP_PERCENT, new BigDecimal("-0.01")).where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_surplus_cap_range");
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.BREAKDOWN_TOLERANCE_PENCE, -1L).where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_breakdown_tolerance_range");
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.BREAKDOWN_REQUIRED_FROM, new String[]{"PRIVATE_EQUITY"}).where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_breakdown_provider_kinds");
        db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.SURPLUS_CAP_PERCENT, BigDecimal.ZERO).set(RATE_FRAMEWORK.BREAKDOWN_REQUIRED_FROM, new String[]{"INDEPENDENT"})
                .set(RATE_FRAMEWORK.BREAKDOWN_TOLERANCE_PENCE, 100L).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.PUBLISHED)
                .set(RATE_FRAMEWORK.PUBLISHED_AT, Instant.now()).set(RATE_FRAMEWORK.PUBLISHED_BY, "regulator").where(RATE_FRAMEWORK.ID.eq(id)).execute();

        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.SURPLUS_CAP_PERCENT, new BigDecimal("10.00")).where(RATE_FRAMEWORK.ID.eq(id)).execute(),
                "rate_framework_published_is_immutable");
        // nor while being superseded, the one change a published version allows
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.SUPERSEDED).set(RATE_FRAMEWORK.SUPERSEDED_AT, Instant.now())
                .set(RATE_FRAMEWORK.BREAKDOWN_REQUIRED_FROM, new String[0]).where(RATE_FRAMEWORK.ID.eq(id)).execute(), "rate_framework_published_is_immutable");
        fails(() -> db.update(RATE_FRAMEWORK).set(RATE_FRAMEWORK.STATUS, RateFrameworkStatus.SUPERSEDED).set(RATE_FRAMEWORK.SUPERSEDED_AT, Instant.now())
                .set(RATE_FRAMEWORK.BREAKDOWN_TOLERANCE_PENCE, 0L).where(RATE_FRAMEWORK.ID.eq(id)).execute(), "rate_framework_published_is_immutable");
        assertThat(db.fetchValue(RATE_FRAMEWORK.SURPLUS_CAP_PERCENT, RATE_FRAMEWORK.ID.eq(id))).isEqualByComparingTo("0");
    }

    @Test
    void findingsMoveOnlyAlongTheirWorkflowAndChecksAndEventsNeverChange() {
        int urn = setting(150002);
        long fee = fee(urn, 1, null, 9_000_000L, null);
        long framework = framework("2030-31", RateFrameworkStatus.DRAFT);
        long audit = db.insertInto(FEE_AUDIT).set(FEE_AUDIT.FINANCIAL_YEAR, "2030-31").set(FEE_AUDIT.FRAMEWORK_ID, framework)
                .set(FEE_AUDIT.RUN_BY, "regulator").set(FEE_AUDIT.FEES_CHECKED, 1).set(FEE_AUDIT.FINDINGS_OPENED, 1)
                .set(FEE_AUDIT.FINDINGS_ALREADY_RAISED, 0).returning(FEE_AUDIT.ID).fetchOne().getId();
        long check = db.insertInto(FEE_CHECK).set(FEE_CHECK.FEE_ID, fee).set(FEE_CHECK.FRAMEWORK_ID, framework).set(FEE_CHECK.OCCASION, FeeCheckOccasion.AUDIT)
                .set(FEE_CHECK.AUDIT_ID, audit).set(FEE_CHECK.VERDICT, FeeVerdict.UPLIFT_ABOVE_CAP).set(FEE_CHECK.SETTING_TYPE, "INDEPENDENT_SPECIAL")
                .set(FEE_CHECK.REGULATED, true).set(FEE_CHECK.LA_CODE, "202").set(FEE_CHECK.REGION_CODE, "E12000007")
                .set(FEE_CHECK.PROVIDER_ID, 1L).set(FEE_CHECK.PREVIOUS_FEE_PENCE, 8_000_000L).set(FEE_CHECK.UPLIFT_PERCENT, new BigDecimal("12.50"))
                .set(FEE_CHECK.MAX_UPLIFT_PERCENT, new BigDecimal("5.00")).set(FEE_CHECK.JUSTIFIED, false)
                .set(FEE_CHECK.REASONS, new String[]{"Uplift 12.50% above the cap"}).returning(FEE_CHECK.ID).fetchOne().getId();
        fails(() -> db.update(FEE_CHECK).set(FEE_CHECK.VERDICT, FeeVerdict.WITHIN_REFERENCE).where(FEE_CHECK.ID.eq(check)).execute(),
                "fee_records_are_append_only");
        fails(() -> db.update(FEE_AUDIT).set(FEE_AUDIT.FEES_CHECKED, 2).where(FEE_AUDIT.ID.eq(audit)).execute(), "fee_records_are_append_only");

        long finding = db.insertInto(FEE_FINDING).set(FEE_FINDING.FEE_ID, fee).set(FEE_FINDING.AUDIT_ID, audit).set(FEE_FINDING.CHECK_ID, check)
                .set(FEE_FINDING.VERDICT, FeeVerdict.UPLIFT_ABOVE_CAP).returning(FEE_FINDING.ID).fetchOne().getId();
        fails(() -> db.insertInto(FEE_FINDING).set(FEE_FINDING.FEE_ID, fee).set(FEE_FINDING.AUDIT_ID, audit).set(FEE_FINDING.CHECK_ID, check)
                .set(FEE_FINDING.VERDICT, FeeVerdict.UPLIFT_ABOVE_CAP).execute(), "fee_finding_fee_id_key");
        fails(() -> status(finding, FindingStatus.ACCEPTED), "fee_finding_legal_transition");
        fails(() -> db.update(FEE_FINDING).set(FEE_FINDING.VERDICT, FeeVerdict.ABOVE_CEILING).where(FEE_FINDING.ID.eq(finding)).execute(),
                "fee_finding_legal_transition");
        status(finding, FindingStatus.PROVIDER_RESPONDED);
        status(finding, FindingStatus.UPHELD);
        fails(() -> status(finding, FindingStatus.ESCALATED), "fee_finding_legal_transition");
        fails(() -> db.deleteFrom(FEE_FINDING).where(FEE_FINDING.ID.eq(finding)).execute(), "fee_finding_legal_transition");

        long event = db.insertInto(FEE_FINDING_EVENT).set(FEE_FINDING_EVENT.FINDING_ID, finding).set(FEE_FINDING_EVENT.TO_STATUS, FindingStatus.OPEN)
                .set(FEE_FINDING_EVENT.NOTE, "Opened").set(FEE_FINDING_EVENT.ACTOR, "regulator").returning(FEE_FINDING_EVENT.ID).fetchOne().getId();
        fails(() -> db.update(FEE_FINDING_EVENT).set(FEE_FINDING_EVENT.NOTE, "Rewritten").where(FEE_FINDING_EVENT.ID.eq(event)).execute(),
                "fee_records_are_append_only");
        assertThat(db.fetchValue(FEE_FINDING.STATUS, FEE_FINDING.ID.eq(finding))).isEqualTo(FindingStatus.UPHELD);
    }

    private void status(long finding, FindingStatus status) {
        db.update(FEE_FINDING).set(FEE_FINDING.STATUS, status).where(FEE_FINDING.ID.eq(finding)).execute();
    }

    /** Asserts the statement breaks the named rule, then undoes it so the transaction can go on. */
    private static void fails(Runnable statement, String constraint) {
        try {
            Savepoint savepoint = connection.setSavepoint();
            assertThatThrownBy(statement::run).hasMessageContaining(constraint);
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long framework(String year, RateFrameworkStatus status) {
        var insert = db.insertInto(RATE_FRAMEWORK).set(RATE_FRAMEWORK.FINANCIAL_YEAR, year).set(RATE_FRAMEWORK.VERSION,
                        db.fetchCount(RATE_FRAMEWORK, RATE_FRAMEWORK.FINANCIAL_YEAR.eq(year)) + 1)
                .set(RATE_FRAMEWORK.NAME, "Test").set(RATE_FRAMEWORK.STATUS, status).set(RATE_FRAMEWORK.MAX_UPLIFT_PERCENT, new BigDecimal("5.00"))
                .set(RATE_FRAMEWORK.CREATED_BY, "regulator");
        if (status != RateFrameworkStatus.DRAFT) {
            insert = insert.set(RATE_FRAMEWORK.PUBLISHED_AT, Instant.now()).set(RATE_FRAMEWORK.PUBLISHED_BY, "regulator");
        }
        return insert.returning(RATE_FRAMEWORK.ID).fetchOne().getId();
    }

    private static long fee(int urn, int revision, String reason, long pence, Long education) {
        var insert = db.insertInto(FEE).set(FEE.SETTING_URN, urn).set(FEE.FINANCIAL_YEAR, "2030-31").set(FEE.BAND, 3).set(FEE.KIND, ProvisionKind.DAY)
                .set(FEE.REVISION, revision).set(FEE.ANNUAL_FEE_PENCE, pence).set(FEE.REVISION_REASON, reason).set(FEE.SUBMITTED_BY, "provider");
        if (education != null) {
            insert = insert.set(FEE.EDUCATION_PENCE, education).set(FEE.CARE_PENCE, 500_000L).set(FEE.THERAPIES_PENCE, 500_000L)
                    .set(FEE.TRANSPORT_PENCE, 0L).set(FEE.OVERHEADS_PENCE, 500_000L).set(FEE.SURPLUS_PENCE, 500_000L);
        }
        return insert.returning(FEE.ID).fetchOne().getId();
    }

    private static int setting(int urn) {
        long provider = db.insertInto(PROVIDER).set(PROVIDER.NAME, "Provider " + urn).set(PROVIDER.KIND, ProviderKind.INDEPENDENT)
                .set(PROVIDER.FOR_PROFIT, true).returning(PROVIDER.ID).fetchOne().getId();
        db.insertInto(SETTING).set(SETTING.URN, urn).set(SETTING.NAME, "Setting " + urn).set(SETTING.TYPE_CODE, "INDEPENDENT_SPECIAL")
                .set(SETTING.SECTOR, Sector.INDEPENDENT).set(SETTING.PROVIDER_ID, provider).set(SETTING.LA_CODE, "202")
                .set(SETTING.AGE_FROM, 5).set(SETTING.AGE_TO, 16).set(SETTING.SOURCE, RecordSource.MANUAL).execute();
        return urn;
    }
}
