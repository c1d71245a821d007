package uk.sendplan.api.reference;

import org.springframework.stereotype.Component;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.ScopeNames;

import java.util.Optional;

/** A commissioner's LA and a regional planner's region by name, and England for the national roles, for the pages' header. */
@Component
class ReferenceScopeNames implements ScopeNames {

    private final ReferenceData reference;

    ReferenceScopeNames(ReferenceData reference) {
        this.reference = reference;
    }

    @Override
    public Optional<String> organisationOf(Actor actor) {
        if (actor.is(Role.COMMISSIONER)) {
            return reference.localAuthority(actor.laCode()).map(ReferenceData.LocalAuthority::name);
        }
        if (actor.is(Role.REGIONAL_PLANNER)) {
            return reference.region(actor.regionCode()).map(ReferenceData.Region::name);
        }
        if (actor.is(Role.REGULATOR, Role.ADMIN)) {
            return Optional.of("England");
        }
        return Optional.empty();
    }
}
