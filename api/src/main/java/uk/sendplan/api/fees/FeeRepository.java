package uk.sendplan.api.fees;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.fees.FeeChecker.Outcome;
import uk.sendplan.api.fees.FeeView.Breakdown;
import uk.sendplan.db.jooq.tables.Fee;
import uk.sendplan.db.jooq.tables.records.FeeCheckRecord;
import uk.sendplan.db.jooq.tables.records.FeeRecord;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.ProvisionKind;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Reads and writes of fees (append-only revisions) and their checks. */
@Repository
class FeeRepository {

    /** A fee to store: the next revision of its setting, year, band and kind. */
    record NewFee(int urn, String financialYear, int band, ProvisionKind kind, int revision, long annualFeePence, Breakdown breakdown,
                  String justification, String revisionReason) {
    }

    /** A check to store for a stored fee. */
    record NewCheck(long feeId, long frameworkId, FeeCheckOccasion occasion, Long auditId, Outcome outcome) {
    }

    private static final int CHUNK = 2000;
    private static final Fee NEWER = FEE.as("newer");
    /** The highest revision of its setting, year, band and kind: the fee in force. */
    private static final Condition IS_CURRENT = notExists(selectOne().from(NEWER)
            .where(NEWER.SETTING_URN.eq(FEE.SETTING_URN)).and(NEWER.FINANCIAL_YEAR.eq(FEE.FINANCIAL_YEAR))
            .and(NEWER.BAND.eq(FEE.BAND)).and(NEWER.KIND.eq(FEE.KIND)).and(NEWER.REVISION.gt(FEE.REVISION)));
    private static final Field<Boolean> CURRENT = field(IS_CURRENT).as("is_current");

    private final DSLContext db;
    private final BulkCopy bulk;

    FeeRepository(DSLContext db, BulkCopy bulk) {
        this.db = db;
        this.bulk = bulk;
    }

    // ------------------------------------------------------------------ fees

    Optional<FeeView> find(long id) {
        return fees(FEE.ID.eq(id)).stream().findFirst();
    }

    Map<Long, FeeView> findAll(Collection<Long> ids) {
        Map<Long, FeeView> byId = new LinkedHashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(ids))) {
            fees(FEE.ID.in(chunk)).forEach(f -> byId.put(f.id(), f));
        }
        return byId;
    }

    /** Current fees of a year, of the given settings (null: every setting), by URN, kind and band. */
    List<FeeView> current(String financialYear, Collection<Integer> urns) {
        if (urns == null) {
            return latestRevisions(FEE.FINANCIAL_YEAR.eq(financialYear));
        }
        List<FeeView> fees = new ArrayList<>();
        for (List<Integer> chunk : chunks(List.copyOf(urns))) {
            fees.addAll(latestRevisions(FEE.FINANCIAL_YEAR.eq(financialYear).and(FEE.SETTING_URN.in(chunk))));
        }
        return fees;
    }

    /**
     * What a plan prices with: the year's current fees of these settings, by URN, kind and band, each with its latest
     * check's verdict, in one read per chunk of settings. A plan of an LA reads a few thousand fees; reading their whole
     * views and every column of their checks (reasons and all) was most of {@code startPlan}'s own time.
     */
    List<FeeService.SettingFee> currentWithVerdicts(String financialYear, Collection<Integer> urns) {
        Field<FeeVerdict> verdict = select(FEE_CHECK.VERDICT).from(FEE_CHECK).where(FEE_CHECK.FEE_ID.eq(FEE.ID))
                .orderBy(FEE_CHECK.ID.desc()).limit(1).asField("verdict");
        List<FeeService.SettingFee> fees = new ArrayList<>();
        for (List<Integer> chunk : chunks(List.copyOf(urns))) {
            fees.addAll(db.select(FEE.SETTING_URN, FEE.BAND, FEE.KIND, FEE.ID, FEE.REVISION, FEE.ANNUAL_FEE_PENCE, verdict)
                    .distinctOn(FEE.SETTING_URN, FEE.KIND, FEE.BAND).from(FEE)
                    .where(FEE.FINANCIAL_YEAR.eq(financialYear)).and(FEE.SETTING_URN.in(chunk))
                    .orderBy(FEE.SETTING_URN, FEE.KIND, FEE.BAND, FEE.REVISION.desc())
                    .fetch(r -> new FeeService.SettingFee(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
        }
        return fees;
    }

    /** The latest revision per setting, kind and band among the rows matching: one sort, which year-wide reads need. */
    private List<FeeView> latestRevisions(Condition condition) {
        return db.select(FEE.asterisk()).distinctOn(FEE.SETTING_URN, FEE.KIND, FEE.BAND).from(FEE).where(condition)
                .orderBy(FEE.SETTING_URN, FEE.KIND, FEE.BAND, FEE.REVISION.desc())
                .fetch(r -> view(r.into(FEE), true));
    }

    /** Every revision of one fee, oldest first. */
    List<FeeView> revisions(int urn, String financialYear, int band, ProvisionKind kind) {
        return fees(key(urn, financialYear, band, kind));
    }

    Optional<FeeView> currentFee(int urn, String financialYear, int band, ProvisionKind kind) {
        return fees(key(urn, financialYear, band, kind).and(IS_CURRENT)).stream().findFirst();
    }

    /** Current fee amounts of a year by setting, band and kind: last year's fees for uplift checks. */
    Map<FeeView.Key, Long> currentAmounts(String financialYear, Collection<Integer> urns) {
        Map<FeeView.Key, Long> amounts = new HashMap<>();
        current(financialYear, urns).forEach(f -> amounts.put(f.key(), f.annualFeePence()));
        return amounts;
    }

    private static Condition key(int urn, String financialYear, int band, ProvisionKind kind) {
        return FEE.SETTING_URN.eq(urn).and(FEE.FINANCIAL_YEAR.eq(financialYear)).and(FEE.BAND.eq(band)).and(FEE.KIND.eq(kind));
    }

    private List<FeeView> fees(Condition condition) {
        return db.select(FEE.asterisk(), CURRENT).from(FEE).where(condition)
                .orderBy(FEE.SETTING_URN, FEE.KIND, FEE.BAND, FEE.REVISION)
                .fetch(r -> view(r.into(FEE), r.get(CURRENT)));
    }

    private static FeeView view(FeeRecord f, boolean current) {
        Breakdown breakdown = f.getEducationPence() == null ? null : new Breakdown(f.getEducationPence(), f.getCarePence(),
                f.getTherapiesPence(), f.getTransportPence(), f.getOverheadsPence(), f.getSurplusPence());
        return new FeeView(f.getId(), f.getSettingUrn(), f.getFinancialYear(), f.getBand(), f.getKind(), f.getRevision(),
                current, f.getAnnualFeePence(), breakdown, f.getJustification(), f.getRevisionReason(),
                f.getSubmittedAt(), f.getSubmittedBy());
    }

    /** Stores fees in bulk; returns them as stored, in the order given. Each is the current revision when written. */
    List<FeeView> insert(List<NewFee> fees, String submittedBy) {
        // microseconds, as PostgreSQL keeps them, so the rows can be found again by this instant
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(fees.size());
        for (NewFee f : fees) {
            Breakdown b = f.breakdown();
            rows.add(new Object[]{f.urn(), f.financialYear(), f.band(), f.kind(), f.revision(), f.annualFeePence(),
                    b == null ? null : b.educationPence(), b == null ? null : b.carePence(), b == null ? null : b.therapiesPence(),
                    b == null ? null : b.transportPence(), b == null ? null : b.overheadsPence(), b == null ? null : b.surplusPence(),
                    f.justification(), f.revisionReason(), now, submittedBy});
        }
        bulk.copy(FEE, List.of(FEE.SETTING_URN, FEE.FINANCIAL_YEAR, FEE.BAND, FEE.KIND, FEE.REVISION, FEE.ANNUAL_FEE_PENCE,
                FEE.EDUCATION_PENCE, FEE.CARE_PENCE, FEE.THERAPIES_PENCE, FEE.TRANSPORT_PENCE, FEE.OVERHEADS_PENCE, FEE.SURPLUS_PENCE,
                FEE.JUSTIFICATION, FEE.REVISION_REASON, FEE.SUBMITTED_AT, FEE.SUBMITTED_BY), rows);

        // COPY returns no ids: read them back by each row's unique key (setting, year, band, kind, revision); a row
        // another transaction wrote at the same instant has a key of its own and is passed over
        Map<String, Long> ids = new HashMap<>();
        db.select(FEE.ID, FEE.SETTING_URN, FEE.FINANCIAL_YEAR, FEE.BAND, FEE.KIND, FEE.REVISION).from(FEE)
                .where(FEE.FINANCIAL_YEAR.in(fees.stream().map(NewFee::financialYear).distinct().toList())).and(FEE.SUBMITTED_AT.eq(now))
                .fetch().forEach(r -> ids.put(rowKey(r.value2(), r.value3(), r.value4(), r.value5(), r.value6()), r.value1()));
        return fees.stream().map(f -> new FeeView(ids.get(rowKey(f.urn(), f.financialYear(), f.band(), f.kind(), f.revision())), f.urn(),
                f.financialYear(), f.band(), f.kind(), f.revision(), true, f.annualFeePence(), f.breakdown(), f.justification(),
                f.revisionReason(), now, submittedBy)).toList();
    }

    private static String rowKey(int urn, String financialYear, int band, ProvisionKind kind, int revision) {
        return urn + "/" + financialYear + "/" + band + "/" + kind + "/" + revision;
    }

    // ------------------------------------------------------------------ checks

    /** Stores checks in bulk. */
    void insertChecks(List<NewCheck> checks) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(checks.size());
        for (NewCheck c : checks) {
            Outcome o = c.outcome();
            FeeChecker.SettingFacts s = o.setting();
            rows.add(new Object[]{c.feeId(), c.frameworkId(), c.occasion(), c.auditId(), now, o.verdict(), s.type(),
                    s.regulated(), s.laCode(), s.regionCode(), s.providerId(), s.forProfit(), o.bandCode(), o.areaMultiplier(),
                    o.adjustedReferencePence(), o.adjustedCeilingPence(), o.previousFeePence(), o.upliftPercent(), o.maxUpliftPercent(),
                    o.justified(), o.reasons().toArray(String[]::new), o.surplusCapPercent(), o.breakdownRequired(),
                    o.breakdownTolerancePence(), o.breakdownTotalPence(), o.surplusPence()});
        }
        bulk.copy(FEE_CHECK, List.of(FEE_CHECK.FEE_ID, FEE_CHECK.FRAMEWORK_ID, FEE_CHECK.OCCASION, FEE_CHECK.AUDIT_ID,
                FEE_CHECK.CHECKED_AT, FEE_CHECK.VERDICT, FEE_CHECK.SETTING_TYPE, FEE_CHECK.REGULATED, FEE_CHECK.LA_CODE,
                FEE_CHECK.REGION_CODE, FEE_CHECK.PROVIDER_ID, FEE_CHECK.FOR_PROFIT, FEE_CHECK.BAND_CODE, FEE_CHECK.AREA_MULTIPLIER,
                FEE_CHECK.ADJUSTED_REFERENCE_PENCE, FEE_CHECK.ADJUSTED_CEILING_PENCE, FEE_CHECK.PREVIOUS_FEE_PENCE,
                FEE_CHECK.UPLIFT_PERCENT, FEE_CHECK.MAX_UPLIFT_PERCENT, FEE_CHECK.JUSTIFIED, FEE_CHECK.REASONS,
                FEE_CHECK.SURPLUS_CAP_PERCENT, FEE_CHECK.BREAKDOWN_REQUIRED, FEE_CHECK.BREAKDOWN_TOLERANCE_PENCE,
                FEE_CHECK.BREAKDOWN_TOTAL_PENCE, FEE_CHECK.SURPLUS_PENCE), rows);
    }

    /** The id of each check an audit made, by its fee's id. */
    Map<Long, Long> checkIdsOfAudit(long auditId) {
        Map<Long, Long> idsByFee = new HashMap<>();
        db.select(FEE_CHECK.ID, FEE_CHECK.FEE_ID).from(FEE_CHECK).where(FEE_CHECK.AUDIT_ID.eq(auditId))
                .fetch().forEach(r -> idsByFee.put(r.value2(), r.value1()));
        return idsByFee;
    }

    /** The latest check of each fee. */
    Map<Long, FeeCheckView> latestChecks(Collection<Long> feeIds) {
        Map<Long, FeeCheckView> byFee = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(feeIds))) {
            db.select(FEE_CHECK.asterisk(), FEE.ANNUAL_FEE_PENCE).distinctOn(FEE_CHECK.FEE_ID)
                    .from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                    .where(FEE_CHECK.FEE_ID.in(chunk))
                    .orderBy(FEE_CHECK.FEE_ID, FEE_CHECK.ID.desc())
                    .fetch(FeeRepository::checkView).forEach(c -> byFee.put(c.feeId(), c));
        }
        return byFee;
    }

    /**
     * The year's current fees of regulated settings, each with what its latest check recorded of the setting (its
     * provider and region) and the band's adjusted reference; the surplus is the breakdown's (null: none given).
     */
    List<FeeService.RegulatedFee> regulated(String financialYear) {
        return db.select(FEE.ID, FEE.BAND, FEE.KIND, FEE.ANNUAL_FEE_PENCE, FEE.SURPLUS_PENCE, FEE_CHECK.PROVIDER_ID, FEE_CHECK.REGION_CODE,
                        FEE_CHECK.ADJUSTED_REFERENCE_PENCE, FEE_CHECK.REGULATED)
                .distinctOn(FEE.ID).from(FEE).join(FEE_CHECK).on(FEE_CHECK.FEE_ID.eq(FEE.ID))
                .where(FEE.FINANCIAL_YEAR.eq(financialYear)).and(IS_CURRENT)
                .orderBy(FEE.ID, FEE_CHECK.ID.desc())
                .fetch().stream().filter(r -> r.get(FEE_CHECK.REGULATED))
                .map(r -> new FeeService.RegulatedFee(r.get(FEE.ID), r.get(FEE_CHECK.PROVIDER_ID), r.get(FEE_CHECK.REGION_CODE), r.get(FEE.BAND),
                        r.get(FEE.KIND), r.get(FEE.ANNUAL_FEE_PENCE), r.get(FEE.SURPLUS_PENCE), r.get(FEE_CHECK.ADJUSTED_REFERENCE_PENCE)))
                .toList();
    }

    /** Every check of a fee, newest first. */
    /** A revision's newest checks, at most {@code limit} (the schema's bound on Fee.checks). */
    List<FeeCheckView> checks(long feeId, int limit) {
        return db.select(FEE_CHECK.asterisk(), FEE.ANNUAL_FEE_PENCE).from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(FEE_CHECK.FEE_ID.eq(feeId)).orderBy(FEE_CHECK.ID.desc()).limit(limit).fetch(FeeRepository::checkView);
    }

    Map<Long, FeeCheckView> checksById(Collection<Long> ids) {
        Map<Long, FeeCheckView> byId = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(ids))) {
            checks(FEE_CHECK.ID.in(chunk)).forEach(c -> byId.put(c.id(), c));
        }
        return byId;
    }

    private List<FeeCheckView> checks(Condition condition) {
        return db.select(FEE_CHECK.asterisk(), FEE.ANNUAL_FEE_PENCE).from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(condition).orderBy(FEE_CHECK.ID.desc()).fetch(FeeRepository::checkView);
    }

    private static FeeCheckView checkView(Record r) {
        FeeCheckRecord c = r.into(FEE_CHECK);
        return new FeeCheckView(c.getId(), c.getFeeId(), c.getFrameworkId(), c.getOccasion(), c.getAuditId(), c.getCheckedAt(),
                c.getVerdict(), r.get(FEE.ANNUAL_FEE_PENCE), c.getSettingType(), c.getRegulated(), c.getLaCode(), c.getRegionCode(),
                c.getProviderId(), c.getForProfit(), c.getBandCode(), c.getAreaMultiplier(), c.getAdjustedReferencePence(),
                c.getAdjustedCeilingPence(), c.getPreviousFeePence(), c.getUpliftPercent(), c.getMaxUpliftPercent(),
                c.getJustified(), Arrays.asList(c.getReasons()), true, c.getBreakdownRequired(), c.getBreakdownTotalPence(),
                c.getSurplusPence(), c.getSurplusCapPercent(), c.getBreakdownTolerancePence());
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + CHUNK)));
        }
        return chunks;
    }
}
