package uk.sendplan.api.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * How people sign in. Production: an OAuth2 resource server; a JWT (issuer and audience checked, configured with
 * the usual spring.security.oauth2.resourceserver.jwt.* properties) names the subject, and the service's own user
 * table gives that subject a role and scope. The "demo" profile adds HTTP Basic for named demo users. With
 * neither configured the service refuses to start, rather than run open. The web application's pages have their own
 * chain, ahead of this one (web.PageSecurity).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Environment environment, ObjectProvider<JwtDecoder> jwtDecoder,
                                            UserDirectory users) throws Exception {
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        boolean jwt = jwtDecoder.getIfAvailable() != null;
        if (!demo && !jwt) {
            throw new IllegalStateException("No way to sign in is configured: set spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "(SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI) and ...jwt.audiences, or run with the demo profile "
                    + "(--spring.profiles.active=demo) for the named demo users");
        }
        http.csrf(csrf -> csrf.disable())  // a stateless API authenticated per request, no cookies to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(HttpMethod.POST, "/graphql").authenticated();
                    requests.requestMatchers(HttpMethod.GET, "/graphql-ws").authenticated();  // subscriptions: the WebSocket upgrade
                    requests.requestMatchers(HttpMethod.GET, "/exports/**").authenticated();  // CSV files; scope is the services' (Downloads)
                    if (demo) {
                        // the page is protected too, so the browser asks for the demo credentials once and sends them on
                        requests.requestMatchers("/graphiql", "/graphiql/**", "/webjars/**").authenticated();
                    }
                    requests.requestMatchers("/error").permitAll();
                    requests.anyRequest().denyAll();
                });
        if (demo) {
            http.httpBasic(basic -> basic.realmName("SEND commissioning service (demo)"));
        }
        if (jwt) {
            http.oauth2ResourceServer(resource -> resource.jwt(j -> j.jwtAuthenticationConverter(token -> users.authenticate(token))));
        }
        return http.build();
    }

    /**
     * With keys given directly (public-key-location or jwk-set-uri) rather than by issuer-uri discovery, Boot checks
     * no issuer: send.security.jwt.issuer (SEND_SECURITY_JWT_ISSUER) then names the one to require.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("send.security.jwt.issuer")
    org.springframework.security.oauth2.core.OAuth2TokenValidator<Jwt> requiredIssuer(@Value("${send.security.jwt.issuer}") String issuer) {
        return new org.springframework.security.oauth2.jwt.JwtIssuerValidator(issuer);
    }

    /**
     * The six named demo users sign in with HTTP Basic and the demo password (SEND_DEMO_PASSWORD, or one generated at
     * start and logged); nobody else does, whatever the user table holds, as they share one password.
     */
    @Bean
    @org.springframework.context.annotation.Profile("demo")
    UserDetailsService demoUserDetails(UserDirectory users, @Value("${send.demo.password:}") String configured) {
        String password = configured;
        if (password.isBlank()) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            log.warn("Demo profile: no SEND_DEMO_PASSWORD set; the demo users' password for this run is {}", password);
        }
        String encoded = "{noop}" + password;
        return username -> users.find(username)
                .filter(actor -> DemoSignIn.SUBJECTS.contains(username))
                .map(actor -> new DemoUser(username, encoded, actor))
                .orElseThrow(() -> new UsernameNotFoundException("no such demo user"));
    }

    static final class DemoUser extends User implements CurrentUser.ActorPrincipal {
        private final Actor actor;

        DemoUser(String username, String password, Actor actor) {
            super(username, password, AuthorityUtils.createAuthorityList("ROLE_" + (actor.role() == null ? "NONE" : actor.role().name())));
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }
    }

    /** A validated JWT whose subject the user table has given a role (or none yet). */
    static final class ActorJwtAuthentication extends JwtAuthenticationToken implements CurrentUser.ActorAuthentication {
        private final Actor actor;

        ActorJwtAuthentication(Jwt jwt, Actor actor) {
            super(jwt, actor.role() == null ? List.of() : AuthorityUtils.createAuthorityList("ROLE_" + actor.role().name()), jwt.getSubject());
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }
    }
}
