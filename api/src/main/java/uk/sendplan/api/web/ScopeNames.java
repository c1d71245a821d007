package uk.sendplan.api.web;

import uk.sendplan.api.system.Actor;

import java.util.Optional;

/** The name of the organisation a signed-in user acts for (an LA, a region, a provider), from the feature that owns it. */
public interface ScopeNames {

    /** Empty when this feature does not own the actor's kind of scope. */
    Optional<String> organisationOf(Actor actor);
}
