package uk.sendplan.api.settings;

import org.springframework.stereotype.Component;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.web.ScopeNames;

import java.util.Optional;

/** A provider user's organisation by name, for the pages' header. */
@Component
class ProviderScopeName implements ScopeNames {

    private final SettingRepository settings;

    ProviderScopeName(SettingRepository settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> organisationOf(Actor actor) {
        return actor.is(Role.PROVIDER) ? settings.provider(actor.providerId()).map(ProviderView::name) : Optional.empty();
    }
}
