package uk.sendplan.api.demand;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.GridPoint;
import uk.sendplan.db.jooq.tables.records.PlacementRequestRecord;
import uk.sendplan.db.types.RequestStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.jooq.impl.DSL.*;
import static uk.sendplan.db.jooq.Tables.*;

@Repository
class DemandRepository {

    /** The family's preferences, best first, nested in each request (one query). */
    private static final Field<List<Integer>> PREFERENCES = multiset(
            select(REQUEST_PREFERENCE.SETTING_URN).from(REQUEST_PREFERENCE)
                    .where(REQUEST_PREFERENCE.REQUEST_ID.eq(PLACEMENT_REQUEST.ID)).orderBy(REQUEST_PREFERENCE.RANK))
            .convertFrom(rows -> rows.map(r -> r.value1())).as("preferences");

    private final DSLContext db;
    private final ReferenceData reference;

    DemandRepository(DSLContext db, ReferenceData reference) {
        this.db = db;
        this.reference = reference;
    }

    Optional<PlacementRequestView> find(long id) {
        return db.select(PLACEMENT_REQUEST.asterisk(), PREFERENCES).from(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.ID.eq(id))
                .fetchOptional(this::view);
    }

    Optional<PlacementRequestRecord> lock(long id) {
        return db.selectFrom(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.ID.eq(id)).forUpdate().fetchOptional();
    }

    List<PlacementRequestView> findAll(Condition condition, int limit) {
        return db.select(PLACEMENT_REQUEST.asterisk(), PREFERENCES).from(PLACEMENT_REQUEST).where(condition)
                .orderBy(PLACEMENT_REQUEST.ID).limit(limit).fetch(this::view);
    }

    Map<Long, PlacementRequestView> findByIds(Collection<Long> ids) {
        Map<Long, PlacementRequestView> byId = new LinkedHashMap<>();
        db.select(PLACEMENT_REQUEST.asterisk(), PREFERENCES).from(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.ID.in(ids))
                .orderBy(PLACEMENT_REQUEST.ID).fetch(this::view).forEach(r -> byId.put(r.id(), r));
        return byId;
    }

    int count(Condition condition) {
        return db.fetchCount(PLACEMENT_REQUEST, condition);
    }

    Map<String, PlacementRequestRecord> byReference(String laCode) {
        Map<String, PlacementRequestRecord> byReference = new LinkedHashMap<>();
        db.selectFrom(PLACEMENT_REQUEST).where(PLACEMENT_REQUEST.LA_CODE.eq(laCode)).fetch()
                .forEach(r -> byReference.put(r.getReference(), r));
        return byReference;
    }

    Map<Long, List<Integer>> preferences(Collection<Long> ids) {
        Map<Long, List<Integer>> byId = new LinkedHashMap<>();
        db.select(REQUEST_PREFERENCE.REQUEST_ID, REQUEST_PREFERENCE.SETTING_URN).from(REQUEST_PREFERENCE)
                .where(REQUEST_PREFERENCE.REQUEST_ID.in(ids)).orderBy(REQUEST_PREFERENCE.REQUEST_ID, REQUEST_PREFERENCE.RANK)
                .fetch().forEach(r -> byId.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return byId;
    }

    long insert(PlacementRequestRecord request) {
        Instant now = Instant.now();
        request.setCreatedAt(now);
        request.setUpdatedAt(now);
        return db.insertInto(PLACEMENT_REQUEST).set(request).returning(PLACEMENT_REQUEST.ID).fetchOne(PLACEMENT_REQUEST.ID);
    }

    void update(PlacementRequestRecord request) {
        request.setUpdatedAt(Instant.now());
        request.changed(PLACEMENT_REQUEST.ID, false);  // the id identifies the row; it is never written
        db.executeUpdate(request);
    }

    void replacePreferences(long requestId, List<Integer> urns) {
        db.deleteFrom(REQUEST_PREFERENCE).where(REQUEST_PREFERENCE.REQUEST_ID.eq(requestId)).execute();
        if (!urns.isEmpty()) {
            var insert = db.insertInto(REQUEST_PREFERENCE, REQUEST_PREFERENCE.REQUEST_ID, REQUEST_PREFERENCE.RANK, REQUEST_PREFERENCE.SETTING_URN);
            for (int i = 0; i < urns.size(); i++) {
                insert = insert.values(requestId, i + 1, urns.get(i));
            }
            insert.execute();
        }
    }

    /** Bulk insert of new requests with their preferences (import, demo demand); returns the ids in order. */
    List<Long> insertAll(List<PlacementRequestRecord> requests, List<List<Integer>> preferences) {
        Instant now = Instant.now();
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += 1000) {
            List<PlacementRequestRecord> chunk = requests.subList(from, Math.min(requests.size(), from + 1000));
            chunk.forEach(r -> {
                r.setCreatedAt(now);
                r.setUpdatedAt(now);
            });
            var insert = db.insertInto(PLACEMENT_REQUEST, PLACEMENT_REQUEST.LA_CODE, PLACEMENT_REQUEST.REFERENCE, PLACEMENT_REQUEST.PRIMARY_NEED,
                    PLACEMENT_REQUEST.SECONDARY_NEED, PLACEMENT_REQUEST.BAND, PLACEMENT_REQUEST.AGE, PLACEMENT_REQUEST.EASTING,
                    PLACEMENT_REQUEST.NORTHING, PLACEMENT_REQUEST.GENDER, PLACEMENT_REQUEST.NEEDS_BOARDING, PLACEMENT_REQUEST.CURRENT_SETTING_URN,
                    PLACEMENT_REQUEST.KEEP_CURRENT, PLACEMENT_REQUEST.START_TERM, PLACEMENT_REQUEST.STATUS, PLACEMENT_REQUEST.DEMO,
                    PLACEMENT_REQUEST.CREATED_AT, PLACEMENT_REQUEST.UPDATED_AT, PLACEMENT_REQUEST.SIBLING_GROUP,
                    PLACEMENT_REQUEST.ALTERNATIVE_PROVISION_ALLOWED);
            for (PlacementRequestRecord r : chunk) {
                insert = insert.values(r.getLaCode(), r.getReference(), r.getPrimaryNeed(), r.getSecondaryNeed(), r.getBand(), r.getAge(),
                        r.getEasting(), r.getNorthing(), r.getGender(), r.getNeedsBoarding(), r.getCurrentSettingUrn(), r.getKeepCurrent(),
                        r.getStartTerm(), r.getStatus(), r.getDemo(), r.getCreatedAt(), r.getUpdatedAt(), r.getSiblingGroup(),
                        r.getAlternativeProvisionAllowed());
            }
            ids.addAll(insert.returning(PLACEMENT_REQUEST.ID).fetch(PLACEMENT_REQUEST.ID));
        }
        var rows = new ArrayList<org.jooq.Row3<Long, Integer, Integer>>();
        for (int i = 0; i < ids.size(); i++) {
            List<Integer> urns = preferences.get(i);
            for (int rank = 0; rank < urns.size(); rank++) {
                rows.add(row(ids.get(i), rank + 1, urns.get(rank)));
            }
        }
        for (int from = 0; from < rows.size(); from += 2000) {
            db.insertInto(REQUEST_PREFERENCE, REQUEST_PREFERENCE.REQUEST_ID, REQUEST_PREFERENCE.RANK, REQUEST_PREFERENCE.SETTING_URN)
                    .valuesOfRows(rows.subList(from, Math.min(rows.size(), from + 2000))).execute();
        }
        return ids;
    }

    /** A status change by planning; updated_at stays, as it marks changes to what the request asks for. */
    int setStatus(Collection<Long> ids, RequestStatus from, RequestStatus to) {
        return db.update(PLACEMENT_REQUEST).set(PLACEMENT_REQUEST.STATUS, to)
                .where(PLACEMENT_REQUEST.ID.in(ids)).and(PLACEMENT_REQUEST.STATUS.eq(from)).execute();
    }

    /** Counts by need × phase × status, for aggregate views. */
    org.jooq.Result<org.jooq.Record4<String, Integer, RequestStatus, Integer>> summary(Condition condition) {
        return db.select(PLACEMENT_REQUEST.PRIMARY_NEED, PLACEMENT_REQUEST.AGE, PLACEMENT_REQUEST.STATUS, org.jooq.impl.DSL.count())
                .from(PLACEMENT_REQUEST).where(condition)
                .groupBy(PLACEMENT_REQUEST.PRIMARY_NEED, PLACEMENT_REQUEST.AGE, PLACEMENT_REQUEST.STATUS).fetch();
    }

    private PlacementRequestView view(Record row) {
        PlacementRequestRecord r = row.into(PLACEMENT_REQUEST);
        return new PlacementRequestView(r.getId(), r.getLaCode(), r.getReference(), r.getPrimaryNeed(), r.getSecondaryNeed(),
                r.getBand(), r.getAge(), reference.phaseForAge(r.getAge()).orElseThrow().code(),
                new GridPoint(r.getEasting(), r.getNorthing()), r.getGender(), r.getNeedsBoarding(), r.getCurrentSettingUrn(),
                r.getKeepCurrent(), row.get(PREFERENCES), r.getStartTerm(), r.getStatus(), r.getStatusReason(), r.getDemo(), r.getUpdatedAt(),
                r.getSiblingGroup(), r.getAlternativeProvisionAllowed());
    }
}
