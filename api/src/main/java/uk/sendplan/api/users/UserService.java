package uk.sendplan.api.users;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.audit.AuditTrail;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.jooq.tables.records.AppUserRecord;

import java.time.Instant;
import java.util.List;

import static uk.sendplan.db.jooq.Tables.APP_USER;

/** Users' roles and scopes: admins grant them, everyone can read their own. */
@Service
public class UserService {

    record UserView(String subject, String role, String laCode, String regionCode, Long providerId, String displayName, boolean active) {
    }

    record UserScopeInput(String subject, String role, String laCode, String regionCode, String providerId, String displayName) {
    }

    private final DSLContext db;
    private final Access access;
    private final ReferenceData reference;
    private final SettingService settings;
    private final AuditTrail audit;

    UserService(DSLContext db, Access access, ReferenceData reference, SettingService settings, AuditTrail audit) {
        this.db = db;
        this.access = access;
        this.reference = reference;
        this.settings = settings;
        this.audit = audit;
    }

    UserView me() {
        Actor actor = access.actor();
        return db.selectFrom(APP_USER).where(APP_USER.SUBJECT.eq(actor.subject())).fetchOptional(UserService::view)
                .orElse(new UserView(actor.subject(), actor.role() == null ? null : actor.role().name(), actor.laCode(),
                        actor.regionCode(), actor.providerId(), null, actor.role() != null));
    }

    List<UserView> users() {
        access.require("users", Role.ADMIN);
        return db.selectFrom(APP_USER).orderBy(APP_USER.SUBJECT).fetch(UserService::view);
    }

    @Transactional
    UserView setScope(UserScopeInput input) {
        access.require("setUserScope", Role.ADMIN);
        if (input.subject() == null || input.subject().isBlank() || input.subject().length() > 200) {
            throw ApiException.badRequest("input.subject", "the subject (a JWT's sub, or a demo user's name) is 1-200 characters");
        }
        Role role = Role.valueOf(input.role());
        requireScope("input.laCode", input.laCode(), role == Role.COMMISSIONER, "a commissioner's LA");
        requireScope("input.regionCode", input.regionCode(), role == Role.REGIONAL_PLANNER, "a regional planner's region");
        requireScope("input.providerId", input.providerId(), role == Role.PROVIDER, "a provider user's organisation");
        if (input.laCode() != null) {
            reference.requireLocalAuthority("input.laCode", input.laCode());
        }
        if (input.regionCode() != null) {
            reference.requireRegion("input.regionCode", input.regionCode());
        }
        Long providerId = null;
        if (input.providerId() != null) {
            providerId = Ids.parse("input.providerId", input.providerId());
            if (settings.provider(providerId).isEmpty()) {
                throw ApiException.badRequest("input.providerId", "no provider with id " + input.providerId());
            }
        }
        AppUserRecord record = db.selectFrom(APP_USER).where(APP_USER.SUBJECT.eq(input.subject())).forUpdate().fetchOptional()
                .orElseGet(() -> {
                    AppUserRecord created = db.newRecord(APP_USER);
                    created.setSubject(input.subject());
                    created.setCreatedAt(Instant.now());
                    return created;
                });
        UserSnapshot before = record.getRole() == null ? null : UserSnapshot.of(record);
        record.setRole(role.name());
        record.setLaCode(input.laCode());
        record.setRegionCode(input.regionCode());
        record.setProviderId(providerId);
        record.setDisplayName(input.displayName());
        record.setActive(true);
        record.setUpdatedAt(Instant.now());
        record.store();
        audit.record("USER_SCOPE_SET", "user", input.subject(), before, UserSnapshot.of(record), null);
        return view(record);
    }

    @Transactional
    UserView deactivate(String subject) {
        Actor actor = access.require("deactivateUser", Role.ADMIN);
        if (actor.subject().equals(subject)) {
            throw ApiException.badRequest("subject", "an administrator can't deactivate their own account");
        }
        AppUserRecord record = db.selectFrom(APP_USER).where(APP_USER.SUBJECT.eq(subject)).forUpdate().fetchOptional()
                .orElseThrow(() -> ApiException.notFound("subject", "no user " + subject));
        UserSnapshot before = UserSnapshot.of(record);
        record.setActive(false);
        record.setUpdatedAt(Instant.now());
        record.store();
        audit.record("USER_DEACTIVATED", "user", subject, before, UserSnapshot.of(record), null);
        return view(record);
    }

    private static void requireScope(String field, String value, boolean needed, String what) {
        if (needed && value == null) {
            throw ApiException.badRequest(field, "required: " + what);
        }
        if (!needed && value != null) {
            throw ApiException.badRequest(field, "must be left out for this role (only " + what + " is scoped by it)");
        }
    }

    private static UserView view(AppUserRecord u) {
        return new UserView(u.getSubject(), u.getRole(), u.getLaCode(), u.getRegionCode(), u.getProviderId(), u.getDisplayName(), u.getActive());
    }
}
