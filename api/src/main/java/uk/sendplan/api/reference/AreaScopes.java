package uk.sendplan.api.reference;

import org.springframework.stereotype.Component;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;

/**
 * The area a query of figures is about: the LA or region asked, or the caller's own when none is (a commissioner's
 * LA, a planner's region; England for everyone else), refused when it is outside a commissioner's LA or a planner's
 * region. Which roles may ask at all is the caller's rule.
 */
@Component
public class AreaScopes {

    /** An LA, a region (la null) or England (both null). */
    public record Area(LocalAuthority la, Region region) {

        public String name() {
            return la != null ? la.name() : region != null ? region.name() : "England";
        }
    }

    private final ReferenceData reference;
    private final Access access;

    AreaScopes(ReferenceData reference, Access access) {
        this.reference = reference;
        this.access = access;
    }

    /** The area of laCode or regionCode (at most one), or the caller's own; FORBIDDEN outside the caller's scope. */
    public Area resolve(String operation, String laCode, String regionCode) {
        Actor actor = access.actor();
        if (laCode != null && regionCode != null) {
            throw ApiException.badRequest("laCode", "give either laCode or regionCode, not both");
        }
        LocalAuthority la = laCode == null ? null : reference.requireLocalAuthority("laCode", laCode);
        Region region = regionCode == null ? null : reference.requireRegion("regionCode", regionCode);
        if (la == null && region == null) {
            if (actor.is(Role.COMMISSIONER)) {
                la = reference.requireLocalAuthority("laCode", actor.laCode());
            } else if (actor.is(Role.REGIONAL_PLANNER)) {
                region = reference.requireRegion("regionCode", actor.regionCode());
            }
        }
        if (actor.is(Role.COMMISSIONER) && (la == null || !la.code().equals(actor.laCode()))) {
            throw access.outOfScope(operation);
        }
        if (actor.is(Role.REGIONAL_PLANNER) && !(region != null ? region.code() : la.regionCode()).equals(actor.regionCode())) {
            throw access.outOfScope(operation);
        }
        return new Area(la, region);
    }
}
