package uk.sendplan.api.users;

import uk.sendplan.api.audit.AuditSnapshot;
import uk.sendplan.db.jooq.tables.records.AppUserRecord;

/** A user's role and scope as the audit trail keeps them, before and after an administrator changes them. */
record UserSnapshot(String role, String laCode, String regionCode, Long providerId, Boolean active) implements AuditSnapshot {

    static UserSnapshot of(AppUserRecord u) {
        return new UserSnapshot(u.getRole(), u.getLaCode(), u.getRegionCode(), u.getProviderId(), u.getActive());
    }
}
