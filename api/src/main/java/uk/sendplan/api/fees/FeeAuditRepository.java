package uk.sendplan.api.fees;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.SelectConditionStep;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.fees.FeeAuditView.ProviderFindingCount;
import uk.sendplan.api.fees.FeeAuditView.Scope;
import uk.sendplan.api.fees.FeeAuditView.Statistic;
import uk.sendplan.api.fees.FeeFindingView.Event;
import uk.sendplan.db.jooq.tables.FeeCheck;
import uk.sendplan.db.jooq.tables.records.FeeAuditRecord;
import uk.sendplan.db.jooq.tables.records.FeeFindingRecord;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Reads and writes of audits, findings and finding events, and the statistics of an audit's checks. */
@Repository
class FeeAuditRepository {

    /** A validated findings filter; null parts do not filter. */
    record FindingQuery(String financialYear, Long auditId, List<FindingStatus> statuses, FeeVerdict verdict, Long providerId, Integer urn,
                        String regionCode) {
    }

    record NewFinding(long feeId, long auditId, long checkId, FeeVerdict verdict) {
    }

    record NewEvent(long findingId, FindingStatus fromStatus, FindingStatus toStatus, String note, String actor) {
    }

    private static final int CHUNK = 2000;
    private static final FeeCheck AUDITED = FEE_CHECK.as("audited");
    private static final List<FindingStatus> UNDECIDED = List.of(FindingStatus.OPEN, FindingStatus.PROVIDER_RESPONDED);

    private final DSLContext db;

    FeeAuditRepository(DSLContext db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ audits

    long insertAudit(String financialYear, long frameworkId, Scope scope, String runBy, int feesChecked, int findingsOpened,
                     int findingsAlreadyRaised) {
        FeeAuditRecord audit = new FeeAuditRecord();
        audit.setFinancialYear(financialYear);
        audit.setFrameworkId(frameworkId);
        audit.setScopeRegionCode(scope.regionCode());
        audit.setScopeLaCode(scope.laCode());
        audit.setScopeProviderId(scope.providerId());
        audit.setRunBy(runBy);
        audit.setFeesChecked(feesChecked);
        audit.setFindingsOpened(findingsOpened);
        audit.setFindingsAlreadyRaised(findingsAlreadyRaised);
        return db.insertInto(FEE_AUDIT).set(audit).returning(FEE_AUDIT.ID).fetchOne(FEE_AUDIT.ID);
    }

    Optional<FeeAuditView> find(long id) {
        return db.selectFrom(FEE_AUDIT).where(FEE_AUDIT.ID.eq(id)).fetchOptional(FeeAuditRepository::audit);
    }

    Map<Long, FeeAuditView> findAll(Collection<Long> ids) {
        Map<Long, FeeAuditView> byId = new LinkedHashMap<>();
        db.selectFrom(FEE_AUDIT).where(FEE_AUDIT.ID.in(ids)).fetch(FeeAuditRepository::audit).forEach(a -> byId.put(a.id(), a));
        return byId;
    }

    /** Newest first; {@code beforeId} pages on. */
    List<FeeAuditView> list(String financialYear, Long beforeId, int limit) {
        return db.selectFrom(FEE_AUDIT)
                .where(financialYear == null ? noCondition() : FEE_AUDIT.FINANCIAL_YEAR.eq(financialYear))
                .and(beforeId == null ? noCondition() : FEE_AUDIT.ID.lt(beforeId))
                .orderBy(FEE_AUDIT.ID.desc()).limit(limit).fetch(FeeAuditRepository::audit);
    }

    private static FeeAuditView audit(FeeAuditRecord a) {
        return new FeeAuditView(a.getId(), a.getFinancialYear(), a.getFrameworkId(),
                new Scope(a.getScopeRegionCode(), a.getScopeLaCode(), a.getScopeProviderId()), a.getRunAt(), a.getRunBy(),
                a.getFeesChecked(), a.getFindingsOpened(), a.getFindingsAlreadyRaised());
    }

    /** Fees per verdict among the audit's checks, most serious first. */
    Map<FeeVerdict, Integer> verdicts(long auditId) {
        Map<FeeVerdict, Integer> counts = new EnumMap<>(FeeVerdict.class);
        db.select(FEE_CHECK.VERDICT, count()).from(FEE_CHECK).where(FEE_CHECK.AUDIT_ID.eq(auditId)).groupBy(FEE_CHECK.VERDICT)
                .fetch().forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    /**
     * Regulated fees the audit checked, per band, kind and region and per band and kind (region null). Medians and 90th
     * percentiles are discrete (a fee someone charges, exact in pence); the median uplift is interpolated.
     */
    List<Statistic> statistics(long auditId) {
        Field<BigDecimal> median = percentileDisc(0.5).withinGroupOrderBy(FEE.ANNUAL_FEE_PENCE);
        Field<BigDecimal> p90 = percentileDisc(0.9).withinGroupOrderBy(FEE.ANNUAL_FEE_PENCE);
        Field<BigDecimal> medianUplift = percentileCont(0.5).withinGroupOrderBy(FEE_CHECK.UPLIFT_PERCENT);
        Field<Integer> forProfit = count().filterWhere(FEE_CHECK.FOR_PROFIT.isTrue());
        return db.select(FEE.BAND, FEE.KIND, FEE_CHECK.REGION_CODE, count(), median, p90, medianUplift, forProfit)
                .from(FEE_CHECK).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(FEE_CHECK.AUDIT_ID.eq(auditId)).and(FEE_CHECK.REGULATED.isTrue())
                .groupBy(groupingSets(new Field<?>[]{FEE.BAND, FEE.KIND, FEE_CHECK.REGION_CODE}, new Field<?>[]{FEE.BAND, FEE.KIND}))
                .orderBy(FEE.BAND, FEE.KIND, FEE_CHECK.REGION_CODE.asc().nullsFirst())
                .fetch(r -> new Statistic(r.value1(), r.value2(), r.value3(), r.value4(), r.value5().longValueExact(),
                        r.value6().longValueExact(), r.value7() == null ? null : r.value7().setScale(2, RoundingMode.HALF_UP),
                        BigDecimal.valueOf(r.value8()).divide(BigDecimal.valueOf(r.value4()), 3, RoundingMode.HALF_UP)));
    }

    /** Providers by findings on the fees the audit checked, most first. */
    List<ProviderFindingCount> providersWithMostFindings(long auditId, int limit) {
        return db.select(FEE_CHECK.PROVIDER_ID, count(),
                        count().filterWhere(FEE_FINDING.STATUS.in(UNDECIDED)),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.ABOVE_CEILING)),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.UPLIFT_ABOVE_CAP)),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.ABOVE_REFERENCE)),
                        countDistinct(FEE.SETTING_URN),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.SURPLUS_ABOVE_CAP)),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.BREAKDOWN_INCONSISTENT)),
                        count().filterWhere(FEE_FINDING.VERDICT.eq(FeeVerdict.BREAKDOWN_MISSING)))
                .from(FEE_CHECK).join(FEE_FINDING).on(FEE_FINDING.FEE_ID.eq(FEE_CHECK.FEE_ID)).join(FEE).on(FEE.ID.eq(FEE_CHECK.FEE_ID))
                .where(FEE_CHECK.AUDIT_ID.eq(auditId))
                .groupBy(FEE_CHECK.PROVIDER_ID)
                .orderBy(count().desc(), FEE_CHECK.PROVIDER_ID)
                .limit(limit)
                .fetch(Records.mapping(ProviderFindingCount::new));
    }

    // ------------------------------------------------------------------ findings

    /** Of these fees, those that already have a finding. */
    Set<Long> feesWithFindings(Collection<Long> feeIds) {
        Set<Long> found = new HashSet<>();
        List<Long> all = List.copyOf(feeIds);
        for (int i = 0; i < all.size(); i += CHUNK) {
            found.addAll(db.select(FEE_FINDING.FEE_ID).from(FEE_FINDING).where(FEE_FINDING.FEE_ID.in(all.subList(i, Math.min(all.size(), i + CHUNK))))
                    .fetch(FEE_FINDING.FEE_ID));
        }
        return found;
    }

    /** Opens findings; returns each finding's id by its fee's id. */
    Map<Long, Long> insertFindings(List<NewFinding> findings) {
        Map<Long, Long> idsByFee = new HashMap<>();
        for (int i = 0; i < findings.size(); i += CHUNK) {
            var rows = findings.subList(i, Math.min(findings.size(), i + CHUNK)).stream()
                    .map(f -> row(f.feeId(), f.auditId(), f.checkId(), f.verdict())).toList();
            db.insertInto(FEE_FINDING, FEE_FINDING.FEE_ID, FEE_FINDING.AUDIT_ID, FEE_FINDING.CHECK_ID, FEE_FINDING.VERDICT)
                    .valuesOfRows(rows).returningResult(FEE_FINDING.ID, FEE_FINDING.FEE_ID).fetch()
                    .forEach(r -> idsByFee.put(r.value2(), r.value1()));
        }
        return idsByFee;
    }

    void insertEvents(List<NewEvent> events) {
        for (int i = 0; i < events.size(); i += CHUNK) {
            var rows = events.subList(i, Math.min(events.size(), i + CHUNK)).stream()
                    .map(e -> row(e.findingId(), e.fromStatus(), e.toStatus(), e.note(), e.actor())).toList();
            db.insertInto(FEE_FINDING_EVENT, FEE_FINDING_EVENT.FINDING_ID, FEE_FINDING_EVENT.FROM_STATUS, FEE_FINDING_EVENT.TO_STATUS,
                    FEE_FINDING_EVENT.NOTE, FEE_FINDING_EVENT.ACTOR).valuesOfRows(rows).execute();
        }
    }

    Optional<FeeFindingView> finding(long id) {
        return findings(FEE_FINDING.ID.eq(id)).fetchOptional(FeeAuditRepository::finding);
    }

    Map<Long, FeeFindingView> findingsByFee(Collection<Long> feeIds) {
        Map<Long, FeeFindingView> byFee = new HashMap<>();
        findings(FEE_FINDING.FEE_ID.in(feeIds)).fetch(FeeAuditRepository::finding).forEach(f -> byFee.put(f.feeId(), f));
        return byFee;
    }

    /** One page, newest first; {@code beforeId} pages on. */
    List<FeeFindingView> findings(FindingQuery query, Long beforeId, int limit) {
        return findings(condition(query).and(beforeId == null ? noCondition() : FEE_FINDING.ID.lt(beforeId)))
                .orderBy(FEE_FINDING.ID.desc()).limit(limit).fetch(FeeAuditRepository::finding);
    }

    /** All matching, oldest first (the CSV export). */
    List<FeeFindingView> allFindings(FindingQuery query) {
        return findings(condition(query)).orderBy(FEE_FINDING.ID).fetch(FeeAuditRepository::finding);
    }

    int countFindings(FindingQuery query) {
        return db.fetchCount(findings(condition(query)));
    }

    private SelectConditionStep<? extends Record> findings(Condition condition) {
        return db.select(FEE_FINDING.ID, FEE_FINDING.FEE_ID, FEE_FINDING.AUDIT_ID, FEE_FINDING.CHECK_ID, FEE_FINDING.VERDICT,
                        FEE_FINDING.STATUS, FEE_FINDING.OPENED_AT, FEE_FINDING.UPDATED_AT, FEE.FINANCIAL_YEAR, FEE.SETTING_URN,
                        FEE_CHECK.PROVIDER_ID, FEE_CHECK.REGION_CODE)
                .from(FEE_FINDING).join(FEE).on(FEE.ID.eq(FEE_FINDING.FEE_ID)).join(FEE_CHECK).on(FEE_CHECK.ID.eq(FEE_FINDING.CHECK_ID))
                .where(condition);
    }

    private static FeeFindingView finding(Record r) {
        return new FeeFindingView(r.get(FEE_FINDING.ID), r.get(FEE_FINDING.FEE_ID), r.get(FEE_FINDING.AUDIT_ID), r.get(FEE_FINDING.CHECK_ID),
                r.get(FEE_FINDING.VERDICT), r.get(FEE_FINDING.STATUS), r.get(FEE_FINDING.OPENED_AT), r.get(FEE_FINDING.UPDATED_AT),
                r.get(FEE.FINANCIAL_YEAR), r.get(FEE.SETTING_URN), r.get(FEE_CHECK.PROVIDER_ID), r.get(FEE_CHECK.REGION_CODE));
    }

    private static Condition condition(FindingQuery q) {
        Condition c = noCondition();
        if (q.financialYear() != null) {
            c = c.and(FEE.FINANCIAL_YEAR.eq(q.financialYear()));
        }
        if (q.auditId() != null) {
            c = c.and(FEE_FINDING.FEE_ID.in(select(AUDITED.FEE_ID).from(AUDITED).where(AUDITED.AUDIT_ID.eq(q.auditId()))));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            c = c.and(FEE_FINDING.STATUS.in(q.statuses()));
        }
        if (q.verdict() != null) {
            c = c.and(FEE_FINDING.VERDICT.eq(q.verdict()));
        }
        if (q.providerId() != null) {
            c = c.and(FEE_CHECK.PROVIDER_ID.eq(q.providerId()));
        }
        if (q.urn() != null) {
            c = c.and(FEE.SETTING_URN.eq(q.urn()));
        }
        if (q.regionCode() != null) {
            c = c.and(FEE_CHECK.REGION_CODE.eq(q.regionCode()));
        }
        return c;
    }

    /** Locks the finding for the rest of the transaction, so two people moving it on queue. */
    Optional<FeeFindingRecord> lockFinding(long id) {
        return db.selectFrom(FEE_FINDING).where(FEE_FINDING.ID.eq(id)).forUpdate().fetchOptional();
    }

    void updateFinding(FeeFindingRecord finding) {
        db.executeUpdate(finding);
    }

    /** Events of many findings, oldest first within each. */
    Map<Long, List<Event>> events(Collection<Long> findingIds) {
        Map<Long, List<Event>> byFinding = new LinkedHashMap<>();
        findingIds.forEach(id -> byFinding.put(id, new ArrayList<>()));
        db.select(FEE_FINDING_EVENT.FINDING_ID, FEE_FINDING_EVENT.FROM_STATUS, FEE_FINDING_EVENT.TO_STATUS, FEE_FINDING_EVENT.NOTE,
                        FEE_FINDING_EVENT.ACTOR, FEE_FINDING_EVENT.OCCURRED_AT)
                .from(FEE_FINDING_EVENT).where(FEE_FINDING_EVENT.FINDING_ID.in(findingIds)).orderBy(FEE_FINDING_EVENT.ID)
                .fetch(Records.mapping(Event::new)).forEach(e -> byFinding.get(e.findingId()).add(e));
        return byFinding;
    }
}
