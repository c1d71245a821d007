package uk.sendplan.api.planning;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

/**
 * A plan's place values (the value of one more place in each place cell that has one), saved with its result and read
 * best first: cells where one more place places a child, then the largest saving. Aggregates only: no child's record.
 */
@Repository
class PlaceValueRepository {

    /** A cell's value, pence a year; the setting's name for people is the register's (settings), added by the caller. */
    record CellValue(int urn, String settingName, String need, String phase, String laCode, Long contractId, String contractLaCode,
                     int childrenPlaced, long scoreSavingPence, long annualSavingPence, int childrenMoved) {

        CellValue named(String name) {
            return new CellValue(urn, name, need, phase, laCode, contractId, contractLaCode, childrenPlaced, scoreSavingPence,
                    annualSavingPence, childrenMoved);
        }
    }

    /** The cells of one LA × need × phase with a value, summed (each cell's value alone: see the schema). */
    record LocalAuthorityValue(String laCode, String need, String phase, int cells, int childrenPlaced, long scoreSavingPence,
                               long annualSavingPence) {
    }

    private final DSLContext db;

    PlaceValueRepository(DSLContext db) {
        this.db = db;
    }

    /** Replaces the plan's values, in the caller's transaction; {@code null}: not known for this result. */
    void save(long planId, List<PlanTranslator.PlaceValueRow> rows) {
        db.deleteFrom(PLAN_PLACE_VALUE).where(PLAN_PLACE_VALUE.PLAN_ID.eq(planId)).execute();
        db.update(PLAN).set(PLAN.PLACE_VALUES_KNOWN, rows != null).where(PLAN.ID.eq(planId)).execute();
        // COPY, as the plan's other rows: a region's thousands of cells as a multi-row INSERT were 11 bind values each,
        // slow to bind and near PostgreSQL's limit of 65,535 in one statement
        PlanRepository.copy(db, PLAN_PLACE_VALUE, List.of(PLAN_PLACE_VALUE.PLAN_ID, PLAN_PLACE_VALUE.SETTING_URN, PLAN_PLACE_VALUE.NEED_CODE,
                PLAN_PLACE_VALUE.PHASE_CODE, PLAN_PLACE_VALUE.LA_CODE, PLAN_PLACE_VALUE.CONTRACT_ID, PLAN_PLACE_VALUE.CONTRACT_LA_CODE,
                PLAN_PLACE_VALUE.CHILDREN_PLACED, PLAN_PLACE_VALUE.SCORE_SAVING_PENCE, PLAN_PLACE_VALUE.ANNUAL_SAVING_PENCE,
                PLAN_PLACE_VALUE.CHILDREN_MOVED), rows == null ? List.of() : rows, (r, row) -> row
                .add(planId).add(r.urn()).add(r.need()).add(r.phase()).add(r.laCode()).add(r.contractId()).add(r.contractLaCode())
                .add(r.childrenPlaced()).add(r.scoreSavingPence()).add(r.annualSavingPence()).add(r.childrenMoved()));
    }

    boolean known(long planId) {
        return Boolean.TRUE.equals(db.select(PLAN.PLACE_VALUES_KNOWN).from(PLAN).where(PLAN.ID.eq(planId)).fetchOne(PLAN.PLACE_VALUES_KNOWN));
    }

    /** The best {@code limit} cells: a child placed first, then the larger saving (annual cost plus penalties). */
    List<CellValue> best(long planId, int limit) {
        return db.select(PLAN_PLACE_VALUE.SETTING_URN, inline((String) null), PLAN_PLACE_VALUE.NEED_CODE, PLAN_PLACE_VALUE.PHASE_CODE,
                        PLAN_PLACE_VALUE.LA_CODE, PLAN_PLACE_VALUE.CONTRACT_ID, PLAN_PLACE_VALUE.CONTRACT_LA_CODE,
                        PLAN_PLACE_VALUE.CHILDREN_PLACED, PLAN_PLACE_VALUE.SCORE_SAVING_PENCE, PLAN_PLACE_VALUE.ANNUAL_SAVING_PENCE,
                        PLAN_PLACE_VALUE.CHILDREN_MOVED)
                .from(PLAN_PLACE_VALUE).where(PLAN_PLACE_VALUE.PLAN_ID.eq(planId))
                .orderBy(PLAN_PLACE_VALUE.CHILDREN_PLACED.desc(), PLAN_PLACE_VALUE.SCORE_SAVING_PENCE.desc(), PLAN_PLACE_VALUE.SETTING_URN,
                        PLAN_PLACE_VALUE.NEED_CODE, PLAN_PLACE_VALUE.PHASE_CODE, PLAN_PLACE_VALUE.CONTRACT_ID.nullsFirst())
                .limit(limit)
                .fetch(r -> new CellValue(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                        r.value9(), r.value10(), r.value11()));
    }

    /** The cells' values summed by the setting's LA, need and phase, best first as {@link #best}. */
    List<LocalAuthorityValue> byLocalAuthority(long planId, int limit) {
        Field<Integer> cells = count();
        Field<BigDecimal> placed = sum(PLAN_PLACE_VALUE.CHILDREN_PLACED);
        Field<BigDecimal> score = sum(PLAN_PLACE_VALUE.SCORE_SAVING_PENCE);
        Field<BigDecimal> annual = sum(PLAN_PLACE_VALUE.ANNUAL_SAVING_PENCE);
        return db.select(PLAN_PLACE_VALUE.LA_CODE, PLAN_PLACE_VALUE.NEED_CODE, PLAN_PLACE_VALUE.PHASE_CODE, cells, placed, score, annual)
                .from(PLAN_PLACE_VALUE).where(PLAN_PLACE_VALUE.PLAN_ID.eq(planId))
                .groupBy(PLAN_PLACE_VALUE.LA_CODE, PLAN_PLACE_VALUE.NEED_CODE, PLAN_PLACE_VALUE.PHASE_CODE)
                .orderBy(placed.desc(), score.desc(), PLAN_PLACE_VALUE.LA_CODE, PLAN_PLACE_VALUE.NEED_CODE, PLAN_PLACE_VALUE.PHASE_CODE)
                .limit(limit)
                .fetch(r -> new LocalAuthorityValue(r.value1(), r.value2(), r.value3(), r.value4(), r.value5().intValue(),
                        r.value6().longValue(), r.value7().longValue()));
    }
}
