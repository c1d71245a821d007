package uk.sendplan.api.system;

import org.jooq.DSLContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static uk.sendplan.db.jooq.Tables.APP_USER;

/** Roles and scopes by subject, from the app_user table (managed by admins in the users feature). */
@Component
public class UserDirectory {

    private final DSLContext db;

    UserDirectory(DSLContext db) {
        this.db = db;
    }

    /** The active user's actor, if the subject has a row. */
    public Optional<Actor> find(String subject) {
        return db.selectFrom(APP_USER).where(APP_USER.SUBJECT.eq(subject)).and(APP_USER.ACTIVE.isTrue())
                .fetchOptional(u -> new Actor(u.getSubject(), Role.valueOf(u.getRole()), u.getLaCode(), u.getRegionCode(), u.getProviderId()));
    }

    /** A signed-in subject without a row (or deactivated) gets no role: every operation then says to ask an admin. */
    JwtAuthenticationToken authenticate(Jwt jwt) {
        Actor actor = find(jwt.getSubject()).orElse(new Actor(jwt.getSubject(), null, null, null, null));
        return new SecurityConfiguration.ActorJwtAuthentication(jwt, actor);
    }
}
