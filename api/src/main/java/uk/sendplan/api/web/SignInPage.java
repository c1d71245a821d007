package uk.sendplan.api.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import uk.sendplan.api.system.DemoSignIn;

import java.util.ArrayList;
import java.util.List;

/**
 * The sign-in page: in the demo profile a form for the named demo users (the password is the demo password); with an
 * OpenID Connect provider configured, a button per provider that starts the authorization code flow.
 */
@Pages
class SignInPage {

    /** A configured OpenID Connect provider: its name and where its flow starts. */
    record Provider(String name, String href) {
    }

    private final boolean demo;
    private final List<Provider> providers = new ArrayList<>();

    SignInPage(Environment environment, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
        if (registrations.getIfAvailable() instanceof InMemoryClientRegistrationRepository configured) {
            for (ClientRegistration registration : configured) {
                providers.add(new Provider(registration.getClientName(), "/oauth2/authorization/" + registration.getRegistrationId()));
            }
        }
    }

    @GetMapping("/sign-in")
    String signIn(@RequestParam(required = false) String error, @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("demoUsers", demo ? DemoSignIn.SUBJECTS : List.of());
        model.addAttribute("providers", providers);
        return "web/sign-in";
    }
}
