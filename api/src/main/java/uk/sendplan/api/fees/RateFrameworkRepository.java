package uk.sendplan.api.fees;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Records;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.fees.RateFrameworkView.AreaAdjustment;
import uk.sendplan.api.fees.RateFrameworkView.Band;
import uk.sendplan.db.jooq.tables.RateFramework;
import uk.sendplan.db.jooq.tables.records.RateFrameworkRecord;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RateFrameworkStatus;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/** Reads and writes of the framework tables; a framework is read whole, its bands and adjustments nested. */
@Repository
class RateFrameworkRepository {

    private static final RateFramework SUCCESSOR = RATE_FRAMEWORK.as("successor");
    private static final Comparator<Band> BAND_ORDER = Comparator.comparing(Band::kind)
            .thenComparingInt(Band::complexity).thenComparing(Band::code);

    private static final Field<List<Band>> BANDS = multiset(
            select(RATE_BAND.CODE, RATE_BAND.DESCRIPTION, RATE_BAND.KIND, RATE_BAND.COMPLEXITY,
                    multiset(select(RATE_BAND_NEED.NEED_CODE).from(RATE_BAND_NEED).join(NEED_TYPE).on(NEED_TYPE.CODE.eq(RATE_BAND_NEED.NEED_CODE))
                            .where(RATE_BAND_NEED.FRAMEWORK_ID.eq(RATE_BAND.FRAMEWORK_ID)).and(RATE_BAND_NEED.BAND_CODE.eq(RATE_BAND.CODE))
                            .orderBy(NEED_TYPE.SORT_ORDER))
                            .convertFrom(rows -> rows.map(Record1::value1)),
                    RATE_BAND.REFERENCE_PENCE, RATE_BAND.CEILING_PENCE, RATE_BAND.STATE_TARIFF_MIN_PENCE, RATE_BAND.STATE_TARIFF_MAX_PENCE)
                    .from(RATE_BAND).where(RATE_BAND.FRAMEWORK_ID.eq(RATE_FRAMEWORK.ID)))
            .convertFrom(rows -> rows.map(r -> new Band(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                    r.value8() == null ? null : new RateFrameworkView.StateTariff(r.value8(), r.value9()))).stream().sorted(BAND_ORDER).toList());

    private static final Field<List<AreaAdjustment>> ADJUSTMENTS = multiset(
            select(RATE_AREA_ADJUSTMENT.REGION_CODE, RATE_AREA_ADJUSTMENT.MULTIPLIER).from(RATE_AREA_ADJUSTMENT)
                    .where(RATE_AREA_ADJUSTMENT.FRAMEWORK_ID.eq(RATE_FRAMEWORK.ID)).orderBy(RATE_AREA_ADJUSTMENT.REGION_CODE))
            .convertFrom(rows -> rows.map(Records.mapping(AreaAdjustment::new)));

    private static final Field<Long> SUPERSEDED_BY = field(select(SUCCESSOR.ID).from(SUCCESSOR)
            .where(SUCCESSOR.SUPERSEDES_ID.eq(RATE_FRAMEWORK.ID))).as("superseded_by_id");

    private final DSLContext db;

    RateFrameworkRepository(DSLContext db) {
        this.db = db;
    }

    Optional<RateFrameworkView> find(long id) {
        return frameworks(RATE_FRAMEWORK.ID.eq(id)).stream().findFirst();
    }

    Map<Long, RateFrameworkView> findAll(Collection<Long> ids) {
        Map<Long, RateFrameworkView> byId = new LinkedHashMap<>();
        frameworks(RATE_FRAMEWORK.ID.in(ids)).forEach(f -> byId.put(f.id(), f));
        return byId;
    }

    /** Newest year first, then newest version. */
    List<RateFrameworkView> list(String financialYear) {
        return frameworks(financialYear == null ? noCondition() : RATE_FRAMEWORK.FINANCIAL_YEAR.eq(financialYear));
    }

    Optional<RateFrameworkView> published(String financialYear) {
        return frameworks(RATE_FRAMEWORK.FINANCIAL_YEAR.eq(financialYear).and(RATE_FRAMEWORK.STATUS.eq(RateFrameworkStatus.PUBLISHED))).stream().findFirst();
    }

    Optional<RateFrameworkView> draft(String financialYear) {
        return frameworks(RATE_FRAMEWORK.FINANCIAL_YEAR.eq(financialYear).and(RATE_FRAMEWORK.STATUS.eq(RateFrameworkStatus.DRAFT))).stream().findFirst();
    }

    private List<RateFrameworkView> frameworks(Condition condition) {
        return db.select(RATE_FRAMEWORK.asterisk(), SUPERSEDED_BY, BANDS, ADJUSTMENTS).from(RATE_FRAMEWORK).where(condition)
                .orderBy(RATE_FRAMEWORK.FINANCIAL_YEAR.desc(), RATE_FRAMEWORK.VERSION.desc())
                .fetch(RateFrameworkRepository::view);
    }

    private static RateFrameworkView view(Record r) {
        RateFrameworkRecord f = r.into(RATE_FRAMEWORK);
        return new RateFrameworkView(f.getId(), f.getFinancialYear(), f.getVersion(), f.getName(), f.getDescription(), f.getStatus(),
                f.getMaxUpliftPercent(), f.getSupersedesId(), r.get(SUPERSEDED_BY), f.getCreatedAt(), f.getCreatedBy(),
                f.getPublishedAt(), f.getPublishedBy(), f.getSupersededAt(), r.get(BANDS), r.get(ADJUSTMENTS),
                new RateFrameworkView.Transparency(f.getSurplusCapPercent(),
                        Arrays.stream(f.getBreakdownRequiredFrom()).map(ProviderKind::valueOf).sorted().toList(), f.getBreakdownTolerancePence()));
    }

    /** Locks the framework row for the rest of the transaction, so concurrent edits and publications queue. */
    Optional<RateFrameworkRecord> lock(long id) {
        return db.selectFrom(RATE_FRAMEWORK).where(RATE_FRAMEWORK.ID.eq(id)).forUpdate().fetchOptional();
    }

    Optional<RateFrameworkRecord> lockPublished(String financialYear) {
        return db.selectFrom(RATE_FRAMEWORK).where(RATE_FRAMEWORK.FINANCIAL_YEAR.eq(financialYear))
                .and(RATE_FRAMEWORK.STATUS.eq(RateFrameworkStatus.PUBLISHED)).forUpdate().fetchOptional();
    }

    int nextVersion(String financialYear) {
        return db.select(coalesce(max(RATE_FRAMEWORK.VERSION), 0)).from(RATE_FRAMEWORK)
                .where(RATE_FRAMEWORK.FINANCIAL_YEAR.eq(financialYear)).fetchOne().value1() + 1;
    }

    long insert(RateFrameworkRecord framework) {
        return db.insertInto(RATE_FRAMEWORK).set(framework).returning(RATE_FRAMEWORK.ID).fetchOne(RATE_FRAMEWORK.ID);
    }

    void update(RateFrameworkRecord framework) {
        db.executeUpdate(framework);
    }

    /** Replaces a draft's bands and adjustments (the database refuses this for a published framework). */
    void replaceParts(long frameworkId, List<Band> bands, List<AreaAdjustment> adjustments) {
        db.deleteFrom(RATE_BAND_NEED).where(RATE_BAND_NEED.FRAMEWORK_ID.eq(frameworkId)).execute();
        db.deleteFrom(RATE_BAND).where(RATE_BAND.FRAMEWORK_ID.eq(frameworkId)).execute();
        db.deleteFrom(RATE_AREA_ADJUSTMENT).where(RATE_AREA_ADJUSTMENT.FRAMEWORK_ID.eq(frameworkId)).execute();
        db.insertInto(RATE_BAND, RATE_BAND.FRAMEWORK_ID, RATE_BAND.CODE, RATE_BAND.DESCRIPTION, RATE_BAND.KIND, RATE_BAND.COMPLEXITY,
                        RATE_BAND.REFERENCE_PENCE, RATE_BAND.CEILING_PENCE, RATE_BAND.STATE_TARIFF_MIN_PENCE, RATE_BAND.STATE_TARIFF_MAX_PENCE)
                .valuesOfRows(bands.stream().map(b -> row(frameworkId, b.code(), b.description(), b.kind(), b.complexity(),
                        b.referencePence(), b.ceilingPence(), b.stateTariff() == null ? null : b.stateTariff().minPence(),
                        b.stateTariff() == null ? null : b.stateTariff().maxPence())).toList())
                .execute();
        var needs = bands.stream().flatMap(b -> b.needs().stream().map(n -> row(frameworkId, b.code(), n))).toList();
        if (!needs.isEmpty()) {
            db.insertInto(RATE_BAND_NEED, RATE_BAND_NEED.FRAMEWORK_ID, RATE_BAND_NEED.BAND_CODE, RATE_BAND_NEED.NEED_CODE)
                    .valuesOfRows(needs).execute();
        }
        db.insertInto(RATE_AREA_ADJUSTMENT, RATE_AREA_ADJUSTMENT.FRAMEWORK_ID, RATE_AREA_ADJUSTMENT.REGION_CODE, RATE_AREA_ADJUSTMENT.MULTIPLIER)
                .valuesOfRows(adjustments.stream().map(a -> row(frameworkId, a.regionCode(), a.multiplier())).toList())
                .execute();
    }
}
