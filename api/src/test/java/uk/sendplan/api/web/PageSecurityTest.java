package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.system.UserDirectory;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' own security chain over plain HTTP: a session from the sign-in form (never HTTP Basic), CSRF on every
 * form, secure headers; while /graphql stays stateless with its credential on every request and GraphiQL moves to
 * /graphiql.
 */
class PageSecurityTest extends GraphQlTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    UserDirectory users;

    @Test
    void pagesAskAnonymousVisitorsToSignInAndDoNotTakeHttpBasic() throws Exception {
        HttpClient browser = browser();
        for (String page : new String[] {"/", "/la", "/demand", "/demand/new", "/demand/import", "/provider", "/provider/fees", "/provider/findings",
                "/plans", "/plans/1", "/admin/users", "/admin/register-import"}) {
            HttpResponse<String> response = browser.send(get(page).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue(url("/sign-in"));
        }
        HttpResponse<String> basic = browser.send(get("/demand").header("Authorization", authorization("commissioner-camden")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.headers().firstValue("Location")).as("the pages sign in with their form only").hasValue(url("/sign-in"));
    }

    @Test
    void govukFrontendsStylesheetIsServedWithoutTheGovUkFontsFaces() throws Exception {
        HttpResponse<String> css = browser().send(get("/assets/govuk/govuk-frontend.min.css").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).as("GDS Transport is for gov.uk domains: no face, so no browser asks for its files")
                .doesNotContain("@font-face", "/assets/fonts/").contains(".govuk-button{");
    }

    @Test
    void theSignInPageSetsSecureHeadersAndAnHttpOnlySessionCookie() throws Exception {
        HttpResponse<String> page = browser().send(get("/sign-in").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly", "SameSite=Lax"));
        assertThat(page.body()).contains("commissioner-camden", "admin").doesNotContain(PASSWORD);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndSavesNothing() throws Exception {
        HttpClient browser = browser();
        assertThat(signIn(browser, "commissioner-camden", PASSWORD).headers().firstValue("Location")).hasValue(url("/"));
        int before = camdenChildren();
        String child = "reference=CAM-CSRF-1&primaryNeed=ASD&band=2&age=9&gender=FEMALE&homeDistrict=NW1&startTerm=2027-AUTUMN";

        HttpResponse<String> forged = browser.send(post("/demand/new", child), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(camdenChildren()).isEqualTo(before);

        // the same form with the token the page gave is saved
        String token = csrf(browser.send(get("/demand/new").build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> sent = browser.send(post("/demand/new", child + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location")).hasValue(url("/demand"));
        assertThat(camdenChildren()).isEqualTo(before + 1);
    }

    @Test
    void aWrongPasswordOrAUserOutsideTheDemoListDoesNotSignIn() throws Exception {
        assertThat(signIn(browser(), "commissioner-camden", "wrong").headers().firstValue("Location")).hasValue(url("/sign-in?error"));
        user("test-commissioner-web", "COMMISSIONER", "202", null, null);
        assertThat(signIn(browser(), "test-commissioner-web", PASSWORD).headers().firstValue("Location"))
                .as("only the named demo users sign in with the demo password").hasValue(url("/sign-in?error"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        HttpClient browser = browser();
        signIn(browser, "regulator", PASSWORD);
        String token = csrf(browser.send(get("/").build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> out = browser.send(post("/sign-out", "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.headers().firstValue("Location")).hasValue(url("/sign-in?signed-out"));
        assertThat(browser.send(get("/").build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location")).hasValue(url("/sign-in"));
    }

    @Test
    void theApiStaysStatelessAndGraphiqlIsAtItsOwnAddress() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(url("/graphql"))).header("Authorization", authorization("regulator"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { subject } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.body()).contains("\"subject\":\"regulator\"");
        assertThat(api.headers().allValues("Set-Cookie")).as("no session for the API").isEmpty();
        HttpResponse<String> graphiql = client.send(HttpRequest.newBuilder(URI.create(url("/graphiql"))).header("Authorization", authorization("regulator"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).isEqualTo(200);
        assertThat(graphiql.body()).contains("graphiql");
    }

    @Test
    void anOpenIdConnectSubjectGetsTheRoleAndScopeTheUserTableGivesIt() {
        OidcUser camden = PageSecurity.oidcUsers(users).loadUser(oidcRequest("commissioner-camden"));
        assertThat(((CurrentUser.ActorPrincipal) camden).actor()).isEqualTo(new Actor("commissioner-camden", Role.COMMISSIONER, "202", null, null));
        assertThat(camden.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_COMMISSIONER");

        // signed in at the identity provider but unknown here: no role, as with a JWT, so every page says to ask an administrator
        OidcUser stranger = PageSecurity.oidcUsers(users).loadUser(oidcRequest("someone-new"));
        assertThat(((CurrentUser.ActorPrincipal) stranger).actor()).isEqualTo(new Actor("someone-new", null, null, null, null));
        assertThat(stranger.getAuthorities()).isEmpty();
    }

    /** What Spring Security hands the user service after the authorization code flow: the provider's ID token for the subject. */
    private static OidcUserRequest oidcRequest(String subject) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("council").clientId("send").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid").authorizationUri("https://id.example/authorize").tokenUri("https://id.example/token")
                .jwkSetUri("https://id.example/jwks").userNameAttributeName("sub").clientName("Council").build();
        Instant now = Instant.now();
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token", now, now.plusSeconds(300), Set.of("openid"));
        OidcIdToken id = new OidcIdToken("id-token", now, now.plusSeconds(300), Map.of("sub", subject, "iss", "https://id.example"));
        return new OidcUserRequest(registration, access, id);
    }

    private HttpResponse<String> signIn(HttpClient browser, String user, String password) throws IOException, InterruptedException {
        String token = csrf(browser.send(get("/sign-in").build(), HttpResponse.BodyHandlers.ofString()).body());
        return browser.send(post("/sign-in", "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
    }

    private int camdenChildren() {
        return as("commissioner-camden").document("{ placementRequests(filter: { laCode: \"202\" }, first: 1) { totalCount } }")
                .execute().path("placementRequests.totalCount").entity(Integer.class).get();
    }

    /** A client that keeps cookies, as a browser does, and does not follow redirects, so the tests see them. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    private HttpRequest post(String path, String form) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the page's forms carry a CSRF token").isTrue();
        return token.group(1);
    }
}
