package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.kernel.Ids;
import uk.sendplan.api.kernel.Texts;
import uk.sendplan.api.settings.SettingInputs.SettingsStatusInput;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.RegistrationStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A regulator suspends and reinstates settings, named or all of a provider's, with a reason. The register makes the
 * change and audits it; suspended settings offer no vacancies and planning leaves them out. All-or-nothing.
 */
@Service
class Suspensions {

    private final SettingService settings;
    private final SettingRegistration registration;
    private final Access access;

    Suspensions(SettingService settings, SettingRegistration registration, Access access) {
        this.settings = settings;
        this.registration = registration;
        this.access = access;
    }

    @Transactional
    List<SettingView> suspend(SettingsStatusInput input) {
        access.require("suspendSettings", Role.REGULATOR);
        return change(input, RegistrationStatus.OPEN, RegistrationStatus.SUSPENDED);
    }

    @Transactional
    List<SettingView> reinstate(SettingsStatusInput input) {
        access.require("reinstateSettings", Role.REGULATOR);
        return change(input, RegistrationStatus.SUSPENDED, RegistrationStatus.OPEN);
    }

    private List<SettingView> change(SettingsStatusInput input, RegistrationStatus from, RegistrationStatus to) {
        String reason = Texts.required("input.reason", input.reason());
        boolean named = input.urns() != null && !input.urns().isEmpty();
        if (named == (input.providerId() != null)) {
            throw ApiException.badRequest("input", "give either urns or providerId");
        }
        List<SettingView> changed = new ArrayList<>();
        if (named) {
            for (int i = 0; i < input.urns().size(); i++) {
                String at = "input.urns[" + i + "]";
                int urn = input.urns().get(i);
                SettingView setting = settings.find(urn).orElseThrow(() -> ApiException.notFound(at, "no setting with URN " + urn));
                if (from != setting.registrationStatus()) {
                    throw ApiException.badRequest(at, "setting " + urn + " is " + setting.registrationStatus() + ", not " + from);
                }
                changed.add(registration.changeRegistrationStatus(at, urn, to, reason));
            }
        } else {
            long providerId = Ids.parse("input.providerId", input.providerId());
            if (settings.provider(providerId).isEmpty()) {
                throw ApiException.notFound("input.providerId", "no provider with id " + input.providerId());
            }
            for (SettingView setting : settings.settingsOf(providerId)) {
                if (from == setting.registrationStatus()) {
                    changed.add(registration.changeRegistrationStatus("input", setting.urn(), to, reason));
                }
            }
            if (changed.isEmpty()) {
                throw ApiException.badRequest("input.providerId", "provider " + providerId + " has no " + from + " settings");
            }
        }
        return changed;
    }
}
