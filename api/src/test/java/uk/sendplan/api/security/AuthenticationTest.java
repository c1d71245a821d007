package uk.sendplan.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import uk.sendplan.api.GraphQlTestBase;
import uk.sendplan.api.TestJwts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets in: JWTs from our issuer for our audience, demo users with the demo password, nobody else. */
class AuthenticationTest extends GraphQlTestBase {

    private void status(String authorization, HttpStatus expected) {
        var request = client().build().post().contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        request.bodyValue(Map.of("query", "{ regions { code } }")).exchange().expectStatus().isEqualTo(expected);
    }

    @Test
    void anonymousCallersAreRefusedBeforeAnyQueryRuns() {
        status(null, HttpStatus.UNAUTHORIZED);
        status("Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes()), HttpStatus.UNAUTHORIZED);
        status("Basic " + java.util.Base64.getEncoder().encodeToString(("nobody:" + PASSWORD).getBytes()), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aJwtFromOurIssuerForOurAudienceSignsInItsSubjectWithTheRoleTheUserTableGives() {
        user("jwt-commissioner-204", "COMMISSIONER", "204", null, null);
        withToken(TestJwts.token("jwt-commissioner-204")).documentName("me").execute()
                .path("me.subject").entity(String.class).isEqualTo("jwt-commissioner-204")
                .path("me.role").entity(String.class).isEqualTo("COMMISSIONER")
                .path("me.localAuthority.code").entity(String.class).isEqualTo("204");
    }

    @Test
    void tokensThatAreForgedExpiredOrForAnotherIssuerOrAudienceAreRefused() {
        user("jwt-regulator", "REGULATOR", null, null, null);
        status("Bearer " + TestJwts.token("jwt-regulator"), HttpStatus.OK);
        status("Bearer " + TestJwts.forgedToken("jwt-regulator"), HttpStatus.UNAUTHORIZED);
        status("Bearer " + TestJwts.token("jwt-regulator", TestJwts.ISSUER, List.of(TestJwts.AUDIENCE), Instant.now().minusSeconds(600)), HttpStatus.UNAUTHORIZED);
        status("Bearer " + TestJwts.token("jwt-regulator", "https://elsewhere.example", List.of(TestJwts.AUDIENCE), Instant.now().plusSeconds(300)), HttpStatus.UNAUTHORIZED);
        status("Bearer " + TestJwts.token("jwt-regulator", TestJwts.ISSUER, List.of("another-api"), Instant.now().plusSeconds(300)), HttpStatus.UNAUTHORIZED);
        status("Bearer not-a-jwt", HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aSignedInSubjectWithoutARoleMaySeeOnlyWhoTheyAre() {
        var stranger = withToken(TestJwts.token("jwt-stranger"));
        stranger.documentName("me").execute()
                .path("me.subject").entity(String.class).isEqualTo("jwt-stranger")
                .path("me.role").valueIsNull();
        stranger.documentName("regions").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN && e.getMessage().equals(
                        "regions: your account (jwt-stranger) has no role in this service yet; ask an administrator to grant one")).verify();
    }

    @Test
    void aDeactivatedUserLosesTheirRole() {
        user("jwt-leaver", "REGULATOR", null, null, null);
        graphQl.document("mutation { deactivateUser(subject: \"jwt-leaver\") { user { active } } }").execute()
                .path("deactivateUser.user.active").entity(Boolean.class).isEqualTo(false);
        withToken(TestJwts.token("jwt-leaver")).documentName("regions").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    }

    @Test
    void demoUsersSignInWithTheDemoPassword() {
        for (String subject : List.of("commissioner-camden", "commissioner-hackney", "planner-london", "provider-demo", "regulator", "admin")) {
            as(subject).documentName("me").execute().path("me.subject").entity(String.class).isEqualTo(subject)
                    .path("me.active").entity(Boolean.class).isEqualTo(true);
        }
        as("planner-london").documentName("me").execute().path("me.region.code").entity(String.class).isEqualTo("E12000007");
        as("provider-demo").documentName("me").execute().path("me.provider.id").hasValue();
    }

    @Test
    void onlyTheNamedDemoUsersSignInWithTheDemoPassword() {
        // in the user table with a role, signing in with a JWT, but not one of the six: the shared password is not theirs
        user("jwt-regulator-2", "REGULATOR", null, null, null);
        status("Bearer " + TestJwts.token("jwt-regulator-2"), HttpStatus.OK);
        status("Basic " + java.util.Base64.getEncoder().encodeToString(("jwt-regulator-2:" + PASSWORD).getBytes()), HttpStatus.UNAUTHORIZED);
        for (String subject : DEMO_USERS) {
            status("Basic " + java.util.Base64.getEncoder().encodeToString((subject + ":" + PASSWORD).getBytes()), HttpStatus.OK);
        }
    }

    @Test
    void adminsGrantScopesThatMatchTheRoleAndEveryGrantIsAudited() {
        graphQl.document("mutation { setUserScope(input: {subject: \"jwt-new\", role: COMMISSIONER}) { user { role } } }").execute()
                .errors().expect(e -> e.getMessage().equals("input.laCode: required: a commissioner's LA")).verify();
        graphQl.document("mutation { setUserScope(input: {subject: \"jwt-new\", role: REGULATOR, laCode: \"202\"}) { user { role } } }").execute()
                .errors().expect(e -> e.getMessage().startsWith("input.laCode: must be left out for this role")).verify();
        graphQl.document("mutation { setUserScope(input: {subject: \"jwt-new\", role: COMMISSIONER, laCode: \"206\"}) { user { role localAuthority { code } } } }").execute()
                .path("setUserScope.user.localAuthority.code").entity(String.class).isEqualTo("206");
        withToken(TestJwts.token("jwt-new")).documentName("me").execute().path("me.localAuthority.code").entity(String.class).isEqualTo("206");
        graphQl.documentName("auditTrail").variable("entityType", "user").variable("entityId", "jwt-new").execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("USER_SCOPE_SET")
                .path("auditTrail.edges[0].node.actor").entity(String.class).isEqualTo("admin");
        as("regulator").document("mutation { setUserScope(input: {subject: \"x1\", role: ADMIN}) { user { role } } }").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.FORBIDDEN).verify();
    }
}
