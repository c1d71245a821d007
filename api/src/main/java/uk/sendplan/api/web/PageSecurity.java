package uk.sendplan.api.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.UserDirectory;

import java.util.List;

/**
 * How people sign in to the pages. Unlike /graphql (stateless, a credential on every request) a browser keeps a
 * session: signed in once on /sign-in, it carries a cookie, so every form carries a CSRF token and the session ends
 * after server.servlet.session.timeout of inactivity. Demo profile: a form for the named demo users and the demo
 * password, checked against the same users as HTTP Basic. Production: the organisation's OpenID Connect provider
 * (authorization code flow) when a spring.security.oauth2.client.registration is configured; its subject gets its role
 * and scope from the user table exactly as a JWT's does, so the pages obey the same rules as the API.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

    /** The pages, their assets and the sign-in flow; everything else (the API, exports, GraphiQL) keeps its own chain. */
    static final String[] PATHS = {"/", "/sign-in", "/sign-out", "/assets/**", "/oauth2/**", "/login/oauth2/**",
            "/la", "/la/**", "/demand", "/demand/**", "/provider", "/provider/**",
            "/regulation/**", "/plans", "/plans/**", "/admin/**",
            "/region", "/region/**", "/referrals", "/referrals/**"};

    /** GOV.UK Frontend's own scripts and styles are files; nothing inline runs, so the policy allows only this origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, Environment environment, ObjectProvider<ClientRegistrationRepository> oidc,
                                                UserDirectory users) throws Exception {
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        boolean openIdConnect = oidc.getIfAvailable() != null;
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/sign-in", "/assets/**", "/error").permitAll()
                        .anyRequest().authenticated())
                // CSRF stays on (Spring's default): Thymeleaf puts the token in every form the pages render
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/sign-in")))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out").deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (demo) {
            http.formLogin(form -> form.loginPage("/sign-in").loginProcessingUrl("/sign-in").defaultSuccessUrl("/", true)
                    .failureUrl("/sign-in?error").permitAll());
        }
        if (openIdConnect) {
            http.oauth2Login(login -> login.loginPage("/sign-in").defaultSuccessUrl("/", true)
                    .userInfoEndpoint(info -> info.oidcUserService(oidcUsers(users))));
        }
        return http.build();
    }

    /** The OpenID Connect subject's role and scope from the user table; without a row, signed in with no role, as with a JWT. */
    static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(UserDirectory users) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            Actor actor = users.find(user.getSubject()).orElse(new Actor(user.getSubject(), null, null, null, null));
            return new ActorOidcUser(user, actor);
        };
    }

    /** An OpenID Connect user carrying the actor the user table gives its subject, which CurrentUser reads. */
    static final class ActorOidcUser extends DefaultOidcUser implements CurrentUser.ActorPrincipal {
        private final transient Actor actor;

        ActorOidcUser(OidcUser user, Actor actor) {
            super(actor.role() == null ? List.of() : AuthorityUtils.createAuthorityList("ROLE_" + actor.role().name()),
                    user.getIdToken(), user.getUserInfo());
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }
    }
}
