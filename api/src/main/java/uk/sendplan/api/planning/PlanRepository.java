package uk.sendplan.api.planning;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.db.jooq.tables.records.PlanRecord;
import uk.sendplan.db.types.AssignmentStatus;
import uk.sendplan.db.types.PlanScope;
import uk.sendplan.db.types.PlanStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

@Repository
class PlanRepository {

    private static final TypeReference<List<PenaltyCost>> PENALTIES = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<PlanNote>> NOTES = new TypeReference<>() {
    };

    private final DSLContext db;
    private final JsonMapper json;
    private final PlaceValueRepository placeValues;

    PlanRepository(DSLContext db, JsonMapper json, PlaceValueRepository placeValues) {
        this.db = db;
        this.json = json;
        this.placeValues = placeValues;
    }

    long insert(String name, PlanScope scopeType, String scopeCode, String financialYear, String startTerm, int timeLimitSeconds,
                PlanSnapshot.Weights weights, PlanSnapshot.Rules rules, String createdBy) {
        return db.insertInto(PLAN)
                .set(PLAN.NAME, name).set(PLAN.SCOPE_TYPE, scopeType).set(PLAN.SCOPE_CODE, scopeCode)
                .set(PLAN.FINANCIAL_YEAR, financialYear).set(PLAN.START_TERM, startTerm).set(PLAN.STATUS, PlanStatus.QUEUED)
                .set(PLAN.TIME_LIMIT_SECONDS, timeLimitSeconds).set(PLAN.WEIGHTS, jsonb(weights)).set(PLAN.RULES, jsonb(rules))
                .set(PLAN.CREATED_BY, createdBy)
                .set(PLAN.CREATED_AT, Instant.now())
                .returning(PLAN.ID).fetchOne(PLAN.ID);
    }

    Optional<PlanView> find(long id) {
        return db.selectFrom(PLAN).where(PLAN.ID.eq(id)).fetchOptional(this::view);
    }

    List<PlanView> list(Condition condition, Long beforeId, int limit) {
        Condition c = beforeId == null ? condition : condition.and(PLAN.ID.lt(beforeId));
        return db.selectFrom(PLAN).where(c).orderBy(PLAN.ID.desc()).limit(limit).fetch(this::view);
    }

    /** {@code startedAt}: when the register and demand were read, so approval can tell what changed since. */
    void started(long id, Instant startedAt, int requests, List<ProblemBuilder.Excluded> excluded, List<PlanNote> notes) {
        db.update(PLAN).set(PLAN.STATUS, PlanStatus.SOLVING).set(PLAN.STARTED_AT, startedAt).set(PLAN.REQUESTS, requests)
                .set(PLAN.EXCLUDED, jsonb(excluded.stream().map(e -> Map.<String, Object>of("urn", e.urn(), "name", e.name(), "reason", e.reason())).toList()))
                .set(PLAN.NOTES, jsonb(notes))
                .where(PLAN.ID.eq(id)).execute();
    }

    /** Ends a job: only a plan still QUEUED or SOLVING changes, so a late callback can't undo a cancellation's outcome. */
    boolean finish(long id, PlanStatus status, String failure) {
        return db.update(PLAN).set(PLAN.STATUS, status).set(PLAN.FINISHED_AT, Instant.now()).set(PLAN.FAILURE, failure)
                .where(PLAN.ID.eq(id)).and(PLAN.STATUS.in(PlanStatus.QUEUED, PlanStatus.SOLVING)).execute() == 1;
    }

    /** Plans left unfinished by a previous run (none of {@code running}) keep their best result and become INTERRUPTED. */
    int interruptUnfinished(Collection<Long> running) {
        return db.update(PLAN).set(PLAN.STATUS, PlanStatus.INTERRUPTED).set(PLAN.FINISHED_AT, Instant.now())
                .set(PLAN.FAILURE, "the service stopped while this plan was queued or solving; its best result so far is kept")
                .where(PLAN.STATUS.in(PlanStatus.QUEUED, PlanStatus.SOLVING)).and(running.isEmpty() ? noCondition() : PLAN.ID.notIn(running)).execute();
    }

    /** Replaces the plan's result with a better one, in one transaction (the caller's). */
    void saveResult(long id, PlanTranslator.Result result) {
        saveResult(id, result, new PlanPhases());
    }

    /** As above, timing the placements and unplaced rows apart from the place values in {@code phases}. */
    void saveResult(long id, PlanTranslator.Result result, PlanPhases phases) {
        db.update(PLAN)
                .set(PLAN.SCORE, result.score()).set(PLAN.PLACED, result.assignments().size()).set(PLAN.UNPLACED, result.unplaced().size())
                .set(PLAN.TOTAL_COST_PENCE, result.totalCostPence())
                .set(PLAN.BASELINE_PLACED, result.baselinePlaced()).set(PLAN.BASELINE_UNPLACED, result.baselineUnplaced())
                .set(PLAN.BASELINE_COST_PENCE, result.baselineCostPence()).set(PLAN.ELAPSED_MS, result.elapsedMs())
                .set(PLAN.PROVEN_OPTIMAL, result.provenOptimal())
                .set(PLAN.GAP_PERCENT, result.gapPercent() == null ? null
                        : BigDecimal.valueOf(result.gapPercent()).setScale(4, java.math.RoundingMode.HALF_UP))
                .where(PLAN.ID.eq(id)).execute();
        db.deleteFrom(PLAN_ASSIGNMENT).where(PLAN_ASSIGNMENT.PLAN_ID.eq(id)).execute();
        db.deleteFrom(PLAN_UNPLACED).where(PLAN_UNPLACED.PLAN_ID.eq(id)).execute();
        copy(PLAN_ASSIGNMENT, List.of(PLAN_ASSIGNMENT.PLAN_ID, PLAN_ASSIGNMENT.REQUEST_ID, PLAN_ASSIGNMENT.LA_CODE,
                PLAN_ASSIGNMENT.SETTING_URN, PLAN_ASSIGNMENT.NEED_CODE, PLAN_ASSIGNMENT.PHASE_CODE, PLAN_ASSIGNMENT.BAND,
                PLAN_ASSIGNMENT.FEE_KIND, PLAN_ASSIGNMENT.FEE_PENCE, PLAN_ASSIGNMENT.TRANSPORT_PENCE, PLAN_ASSIGNMENT.ANNUAL_COST_PENCE,
                PLAN_ASSIGNMENT.DISTANCE_KM, PLAN_ASSIGNMENT.TRAVEL_MINUTES, PLAN_ASSIGNMENT.PINNED, PLAN_ASSIGNMENT.BOARDING,
                PLAN_ASSIGNMENT.OUT_OF_AREA, PLAN_ASSIGNMENT.PENALTIES, PLAN_ASSIGNMENT.REACTIVE_SETTING_URN,
                PLAN_ASSIGNMENT.REACTIVE_COST_PENCE, PLAN_ASSIGNMENT.CONTRACT_ID), result.assignments(), (a, row) -> row
                .add(id).add(a.requestId()).add(a.laCode()).add(a.urn()).add(a.need()).add(a.phase()).add(a.band())
                .add(PLAN_ASSIGNMENT.FEE_KIND.getConverter().to(a.feeKind())).add(a.feePence()).add(a.transportPence())
                .add(a.annualCostPence()).add(BigDecimal.valueOf(a.distanceKm()).setScale(2, java.math.RoundingMode.HALF_UP))
                .add(BigDecimal.valueOf(a.travelMinutes()).setScale(1, java.math.RoundingMode.HALF_UP)).add(a.pinned())
                .add(a.boarding()).add(a.outOfArea()).add(json.writeValueAsString(a.penalties())).add(a.reactiveUrn())
                .add(a.reactiveCostPence()).add(a.contractId()));
        db.deleteFrom(PLAN_CONTRACT_USE).where(PLAN_CONTRACT_USE.PLAN_ID.eq(id)).execute();
        for (PlanTranslator.ContractUse use : result.contractUses()) {
            db.insertInto(PLAN_CONTRACT_USE).set(PLAN_CONTRACT_USE.PLAN_ID, id).set(PLAN_CONTRACT_USE.CONTRACT_ID, use.contractId())
                    .set(PLAN_CONTRACT_USE.LA_CODE, use.laCode()).set(PLAN_CONTRACT_USE.SETTING_URN, use.urn()).set(PLAN_CONTRACT_USE.NEED_CODE, use.need())
                    .set(PLAN_CONTRACT_USE.PHASE_CODE, use.phase()).set(PLAN_CONTRACT_USE.PLACES_OPEN, use.placesOpen())
                    .set(PLAN_CONTRACT_USE.FILLED, use.filled()).execute();
        }
        copy(PLAN_UNPLACED, List.of(PLAN_UNPLACED.PLAN_ID, PLAN_UNPLACED.REQUEST_ID, PLAN_UNPLACED.LA_CODE, PLAN_UNPLACED.NEED_CODE,
                PLAN_UNPLACED.PHASE_CODE, PLAN_UNPLACED.REASON, PLAN_UNPLACED.BLOCKING_URNS), result.unplaced(), (u, row) -> row
                .add(id).add(u.requestId()).add(u.laCode()).add(u.need()).add(u.phase()).add(u.reason())
                .add(u.blockingUrns().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"))));
        phases.lap(PlanPhases.SAVE);
        placeValues.save(id, result.placeValues());
        phases.lap(PlanPhases.PLACE_VALUES);
    }

    /**
     * Writes rows with PostgreSQL's COPY on the transaction's own connection: a regional plan's 20,000 rows go in one
     * statement, several times faster than multi-row INSERTs, with the same constraints and foreign keys checked.
     */
    private <T> void copy(org.jooq.Table<?> table, List<org.jooq.TableField<?, ?>> columns, List<T> rows,
                          java.util.function.BiConsumer<T, CopyRows> write) {
        copy(db, table, columns, rows, write);
    }

    /** As above, for the plan's other repositories (its place values), in the caller's transaction. */
    static <T> void copy(DSLContext db, org.jooq.Table<?> table, List<org.jooq.TableField<?, ?>> columns, List<T> rows,
                         java.util.function.BiConsumer<T, CopyRows> write) {
        if (rows.isEmpty()) {
            return;
        }
        CopyRows text = new CopyRows();
        rows.forEach(row -> {
            write.accept(row, text);
            text.endRow();
        });
        String sql = "COPY " + db.render(table) + " (" + columns.stream().map(c -> db.render(c.getUnqualifiedName()))
                .collect(java.util.stream.Collectors.joining(", ")) + ") FROM STDIN WITH (FORMAT csv)";
        db.connection(connection -> {
            try {
                connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(sql, new java.io.StringReader(text.toString()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Rows in COPY's CSV format: text always quoted (so an empty text is not NULL), NULL as an empty unquoted field. */
    static final class CopyRows {

        private final StringBuilder text = new StringBuilder(1 << 16);
        private boolean first = true;

        CopyRows add(Object value) {
            if (!first) {
                text.append(',');
            }
            first = false;
            if (value instanceof String s) {
                text.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else if (value instanceof BigDecimal d) {
                text.append(d.toPlainString());
            } else if (value != null) {
                text.append(value);
            }
            return this;
        }

        void endRow() {
            text.append('\n');
            first = true;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    // ------------------------------------------------------------------ reading results

    record AssignmentView(long planId, long requestId, String laCode, int urn, String need, String phase, int band, ProvisionKind feeKind,
                          long feePence, long transportPence, long annualCostPence, double distanceKm, double travelMinutes,
                          boolean pinned, boolean boarding, boolean outOfArea, List<PenaltyCost> penalties, AssignmentStatus status,
                          String approvedBy, Instant approvedAt, Integer reactiveUrn, Long reactiveCostPence, Long contractId) {
    }

    record UnplacedView(long planId, long requestId, String laCode, String need, String phase, String reason, List<Integer> blockingUrns) {
    }

    List<AssignmentView> assignments(long planId, Collection<String> laCodes, Long afterRequestId, int limit) {
        Condition c = PLAN_ASSIGNMENT.PLAN_ID.eq(planId);
        if (laCodes != null) {
            c = c.and(PLAN_ASSIGNMENT.LA_CODE.in(laCodes));
        }
        if (afterRequestId != null) {
            c = c.and(PLAN_ASSIGNMENT.REQUEST_ID.gt(afterRequestId));
        }
        return db.selectFrom(PLAN_ASSIGNMENT).where(c).orderBy(PLAN_ASSIGNMENT.REQUEST_ID).limit(limit).fetch(r -> new AssignmentView(
                r.getPlanId(), r.getRequestId(), r.getLaCode(), r.getSettingUrn(), r.getNeedCode(), r.getPhaseCode(), r.getBand(),
                r.getFeeKind(), r.getFeePence(), r.getTransportPence(), r.getAnnualCostPence(), r.getDistanceKm().doubleValue(),
                r.getTravelMinutes().doubleValue(), r.getPinned(), r.getBoarding(), r.getOutOfArea(), json.readValue(r.getPenalties().data(), PENALTIES),
                r.getStatus(), r.getApprovedBy(), r.getApprovedAt(), r.getReactiveSettingUrn(), r.getReactiveCostPence(),
                r.getContractId()));
    }

    int countAssignments(long planId, Collection<String> laCodes) {
        Condition c = PLAN_ASSIGNMENT.PLAN_ID.eq(planId);
        return db.fetchCount(PLAN_ASSIGNMENT, laCodes == null ? c : c.and(PLAN_ASSIGNMENT.LA_CODE.in(laCodes)));
    }

    List<UnplacedView> unplaced(long planId, Collection<String> laCodes) {
        Condition c = PLAN_UNPLACED.PLAN_ID.eq(planId);
        if (laCodes != null) {
            c = c.and(PLAN_UNPLACED.LA_CODE.in(laCodes));
        }
        return db.selectFrom(PLAN_UNPLACED).where(c).orderBy(PLAN_UNPLACED.REQUEST_ID).fetch(r -> new UnplacedView(r.getPlanId(),
                r.getRequestId(), r.getLaCode(), r.getNeedCode(), r.getPhaseCode(), r.getReason(), List.of(r.getBlockingUrns())));
    }

    /** Aggregates of a plan's result for its summary (no child-level data leaves this method). */
    record Totals(int placed, long costPence, double averageTravelMinutes, int outOfArea, Map<String, Integer> placedByType,
                  List<Shortfall> shortfall) {
    }

    /** The totals with placements counted per setting (URN), for the service to group by kind of setting. */
    record RawTotals(int placed, long costPence, double averageTravelMinutes, int outOfArea, Map<Integer, Integer> placedByUrn,
                     List<Shortfall> shortfall) {
    }

    record Shortfall(String need, String phase, int unplaced) {
    }

    /** The children a plan was made for: those it placed and those it could not. */
    java.util.Set<Long> requestIds(long planId) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>(db.select(PLAN_ASSIGNMENT.REQUEST_ID).from(PLAN_ASSIGNMENT)
                .where(PLAN_ASSIGNMENT.PLAN_ID.eq(planId)).fetch(PLAN_ASSIGNMENT.REQUEST_ID));
        ids.addAll(db.select(PLAN_UNPLACED.REQUEST_ID).from(PLAN_UNPLACED).where(PLAN_UNPLACED.PLAN_ID.eq(planId)).fetch(PLAN_UNPLACED.REQUEST_ID));
        return ids;
    }

    /** A plan's use of block-contracted places, by LA then contract (at most {@code limit} rows). */
    List<PlanTranslator.ContractUse> contractUses(long planId, int limit) {
        return db.selectFrom(PLAN_CONTRACT_USE).where(PLAN_CONTRACT_USE.PLAN_ID.eq(planId))
                .orderBy(PLAN_CONTRACT_USE.LA_CODE, PLAN_CONTRACT_USE.CONTRACT_ID).limit(limit)
                .fetch(r -> new PlanTranslator.ContractUse(r.getContractId(), r.getLaCode(), r.getSettingUrn(), r.getNeedCode(), r.getPhaseCode(),
                        r.getPlacesOpen(), r.getFilled()));
    }

    RawTotals totals(long planId, Collection<String> laCodes) {
        Condition assigned = PLAN_ASSIGNMENT.PLAN_ID.eq(planId);
        Condition unplaced = PLAN_UNPLACED.PLAN_ID.eq(planId);
        if (laCodes != null) {
            assigned = assigned.and(PLAN_ASSIGNMENT.LA_CODE.in(laCodes));
            unplaced = unplaced.and(PLAN_UNPLACED.LA_CODE.in(laCodes));
        }
        Record row = db.select(count(), coalesce(sum(PLAN_ASSIGNMENT.ANNUAL_COST_PENCE), BigDecimal.ZERO), coalesce(avg(PLAN_ASSIGNMENT.TRAVEL_MINUTES), BigDecimal.ZERO),
                        count().filterWhere(PLAN_ASSIGNMENT.OUT_OF_AREA.isTrue()))
                .from(PLAN_ASSIGNMENT).where(assigned).fetchOne();
        Map<Integer, Integer> byUrn = new java.util.LinkedHashMap<>();
        db.select(PLAN_ASSIGNMENT.SETTING_URN, count()).from(PLAN_ASSIGNMENT)
                .where(assigned).groupBy(PLAN_ASSIGNMENT.SETTING_URN).fetch().forEach(r -> byUrn.put(r.value1(), r.value2()));
        List<Shortfall> shortfall = db.select(PLAN_UNPLACED.NEED_CODE, PLAN_UNPLACED.PHASE_CODE, count())
                .from(PLAN_UNPLACED).join(NEED_TYPE).on(NEED_TYPE.CODE.eq(PLAN_UNPLACED.NEED_CODE))
                .join(PHASE).on(PHASE.CODE.eq(PLAN_UNPLACED.PHASE_CODE))
                .where(unplaced).groupBy(PLAN_UNPLACED.NEED_CODE, PLAN_UNPLACED.PHASE_CODE, NEED_TYPE.SORT_ORDER, PHASE.SORT_ORDER)
                .orderBy(count().desc(), NEED_TYPE.SORT_ORDER, PHASE.SORT_ORDER)
                .fetch(r -> new Shortfall(r.value1(), r.value2(), r.value3()));
        return new RawTotals(row.get(0, Integer.class), row.get(1, BigDecimal.class).longValue(), row.get(2, BigDecimal.class).doubleValue(),
                row.get(3, Integer.class), byUrn, shortfall);
    }

    private PlanView view(PlanRecord r) {
        return new PlanView(r.getId(), r.getName(), r.getScopeType(), r.getScopeCode(), r.getFinancialYear(), r.getStartTerm(), r.getStatus(),
                r.getTimeLimitSeconds(), json.readValue(r.getWeights().data(), MAP), r.getCreatedBy(), r.getCreatedAt(), r.getStartedAt(),
                r.getFinishedAt(), r.getScore(), r.getRequests(), r.getPlaced(), r.getUnplaced(), r.getTotalCostPence(), r.getBaselinePlaced(),
                r.getBaselineUnplaced(), r.getBaselineCostPence(), r.getElapsedMs(), json.readValue(r.getExcluded().data(), LIST_OF_MAPS),
                json.readValue(r.getNotes().data(), NOTES), r.getFailure(), json.readValue(r.getRules().data(), PlanSnapshot.Rules.class), r.getProvenOptimal(),
                r.getGapPercent() == null ? null : r.getGapPercent().doubleValue());
    }

    private JSONB jsonb(Object value) {
        return JSONB.valueOf(json.writeValueAsString(value));
    }
}
