package uk.sendplan.api.system;

import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The access rules every feature's service applies before it reads or writes. A refusal is FORBIDDEN and says
 * nothing about whether the record exists.
 */
@Component
public class Access {

    private final CurrentUser currentUser;

    Access(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    public Actor actor() {
        Actor actor = currentUser.actor();
        if (actor == null) {
            throw ApiException.forbidden("sign in to use the service");
        }
        return actor;
    }

    /** The actor, if their role is one of these; FORBIDDEN otherwise. */
    public Actor require(String operation, Role... roles) {
        Actor actor = actor();
        if (actor.role() == null) {
            throw ApiException.forbidden(operation + ": your account (" + actor.subject() + ") has no role in this service yet; ask an administrator to grant one");
        }
        if (!actor.is(roles)) {
            throw ApiException.forbidden(operation + ": not permitted for your role (" + actor.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + "); permitted for: " + Arrays.stream(roles).map(r -> r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining(", ")));
        }
        return actor;
    }

    /** A commissioner may act only for their own LA. */
    public Actor requireCommissionerOf(String operation, String laCode) {
        Actor actor = require(operation, Role.COMMISSIONER);
        if (!actor.laCode().equals(laCode)) {
            throw outOfScope(operation);
        }
        return actor;
    }

    /** A provider may act only for their own organisation; admins for any. */
    public Actor requireProviderOrAdmin(String operation, long providerId) {
        Actor actor = require(operation, Role.PROVIDER, Role.ADMIN);
        if (actor.is(Role.PROVIDER) && actor.providerId() != providerId) {
            throw outOfScope(operation);
        }
        return actor;
    }

    /** An id the client gave for a record in its scope: one that isn't even a number is out of scope like any other. */
    public long idInScope(String operation, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw outOfScope(operation);
        }
    }

    /** The same words whether the record is someone else's or does not exist. */
    public ApiException outOfScope(String operation) {
        return ApiException.forbidden(operation + ": not found in your scope");
    }
}
