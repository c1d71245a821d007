package uk.sendplan.api.audit;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Condition;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.AuditEventRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.jooq.impl.DSL.select;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.LOCAL_AUTHORITY;

/**
 * The append-only trail every feature writes to, inside the same transaction as the change it records:
 * if the change rolls back, so does its record. The database refuses updates and deletes of past events.
 */
@Service
public class AuditTrail {

    /**
     * Whose record the change is about, so each role reads only the part of the trail it may see. {@code commercial}:
     * a dealing between an LA and a provider (an offer, an agreement), which a regional planner does not read.
     */
    public record Scope(String laCode, Long providerId, boolean childLevel, boolean commercial) {
        public static final Scope NONE = new Scope(null, null, false);

        public Scope(String laCode, Long providerId, boolean childLevel) {
            this(laCode, providerId, childLevel, false);
        }

        public static Scope children(String laCode) {
            return new Scope(laCode, null, true);
        }

        public static Scope between(String laCode, long providerId) {
            return new Scope(laCode, providerId, false, true);
        }
    }

    public record Change(String action, String entityType, String entityId, AuditSnapshot before, AuditSnapshot after, String reason,
                         Scope scope) {
        public Change(String action, String entityType, String entityId, AuditSnapshot before, AuditSnapshot after, String reason) {
            this(action, entityType, entityId, before, after, reason, Scope.NONE);
        }
    }

    public record Event(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
                        Object before, Object after, String reason) {
    }

    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private final DSLContext db;
    private final JsonMapper json;
    private final CurrentUser currentUser;
    private final Access access;

    AuditTrail(DSLContext db, JsonMapper json, CurrentUser currentUser, Access access) {
        this.db = db;
        this.json = json;
        this.currentUser = currentUser;
        this.access = access;
    }

    /** Records one change by the current user. */
    public void record(String action, String entityType, Object entityId, AuditSnapshot before, AuditSnapshot after, String reason) {
        record(Scope.NONE, action, entityType, entityId, before, after, reason);
    }

    /** Records one change by the current user, about a record in this scope. */
    public void record(Scope scope, String action, String entityType, Object entityId, AuditSnapshot before, AuditSnapshot after, String reason) {
        recordAll(List.of(new Change(action, entityType, String.valueOf(entityId), before, after, reason, scope)));
    }

    /** Records many changes in one batch (an import). */
    public void recordAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String actor = currentUser.name();
        List<AuditEventRecord> rows = new ArrayList<>(changes.size());
        for (Change change : changes) {
            AuditEventRecord row = new AuditEventRecord();
            row.setActor(actor);
            row.setAction(change.action());
            row.setEntityType(change.entityType());
            row.setEntityId(change.entityId());
            row.setBefore(jsonb(change.before()));
            row.setAfter(jsonb(change.after()));
            row.setReason(change.reason());
            row.setLaCode(change.scope().laCode());
            row.setProviderId(change.scope().providerId());
            row.setChildLevel(change.scope().childLevel());
            row.setCommercial(change.scope().commercial());
            rows.add(row);
        }
        db.batchInsert(rows).execute();
    }

    /**
     * Newest first; {@code beforeId} pages backwards; only what the current user's role may read. A child-level
     * event (a placement request's before and after: age, gender, home, reference) is its LA's commissioner's alone,
     * as every other child-level record is: admins and regulators read the rest of the trail.
     */
    public List<Event> events(String entityType, String entityId, Long beforeId, int limit) {
        Actor actor = access.require("auditTrail", Role.values());
        Condition condition = switch (actor.role()) {
            case ADMIN, REGULATOR -> AUDIT_EVENT.CHILD_LEVEL.isFalse();
            case COMMISSIONER -> AUDIT_EVENT.LA_CODE.eq(actor.laCode());
            case PROVIDER -> AUDIT_EVENT.PROVIDER_ID.eq(actor.providerId()).and(AUDIT_EVENT.CHILD_LEVEL.isFalse());
            case REGIONAL_PLANNER -> AUDIT_EVENT.CHILD_LEVEL.isFalse().and(AUDIT_EVENT.COMMERCIAL.isFalse()).and(AUDIT_EVENT.LA_CODE.in(
                    select(LOCAL_AUTHORITY.CODE).from(LOCAL_AUTHORITY).where(LOCAL_AUTHORITY.REGION_CODE.eq(actor.regionCode()))));
        };
        if (entityType != null) {
            condition = condition.and(AUDIT_EVENT.ENTITY_TYPE.eq(entityType));
        }
        if (entityId != null) {
            condition = condition.and(AUDIT_EVENT.ENTITY_ID.eq(entityId));
        }
        if (beforeId != null) {
            condition = condition.and(AUDIT_EVENT.ID.lt(beforeId));
        }
        return db.selectFrom(AUDIT_EVENT).where(condition).orderBy(AUDIT_EVENT.ID.desc()).limit(limit)
                .fetch(this::event);
    }

    private Event event(Record row) {
        AuditEventRecord r = row.into(AUDIT_EVENT);
        return new Event(r.getId(), r.getOccurredAt(), r.getActor(), r.getAction(), r.getEntityType(), r.getEntityId(),
                parse(r.getBefore()), parse(r.getAfter()), r.getReason());
    }

    private JSONB jsonb(AuditSnapshot value) {
        return value == null ? null : JSONB.valueOf(json.writeValueAsString(value));
    }

    private Object parse(JSONB value) {
        return value == null ? null : json.readValue(value.data(), ANY);
    }
}
