package uk.sendplan.api.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is making the current request, for access checks and the audit trail. Work the service does on its own
 * behalf (demo data at first start, background plan jobs) runs {@link #asSystem} or {@link #as}.
 */
@Component
public class CurrentUser {

    private static final ThreadLocal<Actor> OVERRIDE = new ThreadLocal<>();

    /** The actor, or null when nobody is signed in. */
    public Actor actor() {
        Actor override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal) {
            return principal.actor();
        }
        if (authentication instanceof ActorAuthentication actorAuthentication) {
            return actorAuthentication.actor();
        }
        return null;
    }

    public String name() {
        Actor actor = actor();
        return actor == null ? "anonymous" : actor.subject();
    }

    /** Runs work attributed to the service itself, e.g. "system:demo-data". */
    public void asSystem(String name, Runnable work) {
        as(new Actor("system:" + name, Role.ADMIN, null, null, null), work);
    }

    /** Runs work on behalf of an actor outside its request, e.g. a plan job started by a commissioner. */
    public void as(Actor actor, Runnable work) {
        Actor previous = OVERRIDE.get();
        OVERRIDE.set(actor);
        try {
            work.run();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    /** A principal that carries its actor (demo users signed in with HTTP Basic). */
    public interface ActorPrincipal {
        Actor actor();
    }

    /** An authentication that carries its actor (a validated JWT). */
    public interface ActorAuthentication {
        Actor actor();
    }
}
