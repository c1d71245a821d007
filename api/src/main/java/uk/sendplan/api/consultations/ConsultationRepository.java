package uk.sendplan.api.consultations;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.settings.NewProvision;
import uk.sendplan.db.types.ConsultationAnswer;
import uk.sendplan.db.types.ConsultationChange;
import uk.sendplan.db.types.ConsultationStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION;
import static uk.sendplan.db.jooq.Tables.HOST_CONSULTATION_CELL;
import static uk.sendplan.db.jooq.Tables.NEED_TYPE;
import static uk.sendplan.db.jooq.Tables.PHASE;

/** The host_consultation and host_consultation_cell tables. */
@Repository
class ConsultationRepository {

    private static final int CHUNK = 1000;

    private final DSLContext db;

    ConsultationRepository(DSLContext db) {
        this.db = db;
    }

    /** Opens a consultation for each opening, with its cells; returns the new ids by URN. */
    Map<Integer, Long> open(List<NewProvision.Opening> openings) {
        Map<Integer, Long> ids = new HashMap<>();
        Instant now = Instant.now();
        for (int from = 0; from < openings.size(); from += CHUNK) {
            var rows = openings.subList(from, Math.min(openings.size(), from + CHUNK)).stream()
                    .map(o -> DSL.row(o.urn(), o.laCode(), o.providerId(), o.registered() ? ConsultationChange.NEW_REGISTRATION : ConsultationChange.MORE_PLACES, now))
                    .toList();
            db.insertInto(HOST_CONSULTATION, HOST_CONSULTATION.SETTING_URN, HOST_CONSULTATION.LA_CODE, HOST_CONSULTATION.PROVIDER_ID,
                            HOST_CONSULTATION.CHANGE, HOST_CONSULTATION.ASKED_AT)
                    .valuesOfRows(rows).returningResult(HOST_CONSULTATION.SETTING_URN, HOST_CONSULTATION.ID).fetch()
                    .forEach(r -> ids.put(r.value1(), r.value2()));
        }
        var cells = openings.stream().flatMap(o -> o.cells().stream()
                .map(c -> DSL.row(ids.get(o.urn()), c.need(), c.phase(), c.before(), c.after()))).toList();
        for (int from = 0; from < cells.size(); from += CHUNK) {
            db.insertInto(HOST_CONSULTATION_CELL, HOST_CONSULTATION_CELL.CONSULTATION_ID, HOST_CONSULTATION_CELL.NEED_CODE,
                    HOST_CONSULTATION_CELL.PHASE_CODE, HOST_CONSULTATION_CELL.PLACES_BEFORE, HOST_CONSULTATION_CELL.PLACES_AFTER)
                    .valuesOfRows(cells.subList(from, Math.min(cells.size(), from + CHUNK))).execute();
        }
        return ids;
    }

    /** Consultations matching the condition, newest first, at most {@code limit}, each with its cells. */
    List<ConsultationView> search(Condition condition, int limit) {
        return search(condition, 0, limit);
    }

    /** Consultations matching the condition, newest first, {@code limit} of them after skipping {@code offset}: a page of a table. */
    List<ConsultationView> search(Condition condition, int offset, int limit) {
        var rows = db.selectFrom(HOST_CONSULTATION).where(condition).orderBy(HOST_CONSULTATION.ID.desc()).offset(offset).limit(limit).fetch();
        Map<Long, List<ConsultationView.Cell>> cells = cells(rows.map(r -> r.getId()));
        List<ConsultationView> views = new ArrayList<>();
        rows.forEach(r -> views.add(new ConsultationView(r.getId(), r.getSettingUrn(), r.getLaCode(), r.getProviderId(), r.getChange(),
                cells.getOrDefault(r.getId(), List.of()), r.getAskedAt(), r.getStatus(), r.getAnswer(), r.getReason(), r.getAnsweredBy(),
                r.getAnsweredAt())));
        return views;
    }

    int count(Condition condition) {
        return db.fetchCount(HOST_CONSULTATION, condition);
    }

    /** The consultation, locked until the transaction ends, so two answers at once queue and the second sees the first. */
    Optional<ConsultationView> lock(long id) {
        if (db.selectFrom(HOST_CONSULTATION).where(withId(id)).forUpdate().fetchOptional().isEmpty()) {
            return Optional.empty();
        }
        return search(withId(id), 1).stream().findFirst();
    }

    void answer(long id, ConsultationAnswer answer, String reason, String by, Instant at) {
        db.update(HOST_CONSULTATION).set(HOST_CONSULTATION.STATUS, ConsultationStatus.ANSWERED).set(HOST_CONSULTATION.ANSWER, answer)
                .set(HOST_CONSULTATION.REASON, reason).set(HOST_CONSULTATION.ANSWERED_BY, by).set(HOST_CONSULTATION.ANSWERED_AT, at)
                .where(HOST_CONSULTATION.ID.eq(id)).execute();
    }

    /** Cells in DfE's order of needs and phases. */
    private Map<Long, List<ConsultationView.Cell>> cells(Collection<Long> ids) {
        Map<Long, List<ConsultationView.Cell>> cells = new HashMap<>();
        if (ids.isEmpty()) {
            return cells;
        }
        db.select(HOST_CONSULTATION_CELL.CONSULTATION_ID, HOST_CONSULTATION_CELL.NEED_CODE, HOST_CONSULTATION_CELL.PHASE_CODE,
                        HOST_CONSULTATION_CELL.PLACES_BEFORE, HOST_CONSULTATION_CELL.PLACES_AFTER)
                .from(HOST_CONSULTATION_CELL).join(NEED_TYPE).on(NEED_TYPE.CODE.eq(HOST_CONSULTATION_CELL.NEED_CODE))
                .join(PHASE).on(PHASE.CODE.eq(HOST_CONSULTATION_CELL.PHASE_CODE))
                .where(HOST_CONSULTATION_CELL.CONSULTATION_ID.in(ids)).orderBy(PHASE.SORT_ORDER, NEED_TYPE.SORT_ORDER)
                .forEach(r -> cells.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new ConsultationView.Cell(r.value2(), r.value3(), r.value4(), r.value5())));
        return cells;
    }

    static Condition withId(long id) {
        return HOST_CONSULTATION.ID.eq(id);
    }

    static Condition ofLa(String laCode) {
        return HOST_CONSULTATION.LA_CODE.eq(laCode);
    }

    static Condition ofProvider(long providerId) {
        return HOST_CONSULTATION.PROVIDER_ID.eq(providerId);
    }

    static Condition ofSettings(Collection<Integer> urns) {
        return HOST_CONSULTATION.SETTING_URN.in(urns);
    }

    static Condition withStatus(ConsultationStatus status) {
        return status == null ? DSL.trueCondition() : HOST_CONSULTATION.STATUS.eq(status);
    }
}
