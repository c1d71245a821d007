package uk.sendplan.api.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.sendplan.api.SendApplication;
import uk.sendplan.db.testing.TestDatabase;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first start, on a fresh database: the web server answers while the demo data still loads and before
 * the demo users exist. Until the service is ready they get 503 saying so, never a 401 that reads as a wrong password.
 */
class StartupGateTest {

    private static final String PASSWORD = "gate-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void whileTheDemoDataLoadsRequestsGet503WithRetryAfterAndAfterwardsTheDemoUsersSignIn() throws Exception {
        TestDatabase server = TestDatabase.get();
        String database = "send_gate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = execute(server, "CREATE DATABASE " + database, database);
        int port = freePort();
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                // as arguments: builder properties are only defaults, below application.yml's server.port
                new SpringApplicationBuilder(SendApplication.class).profiles("demo")
                        .run("--server.port=" + port, "--spring.datasource.url=" + url, "--spring.datasource.username=" + server.user(),
                                "--spring.datasource.password=" + server.password(), "--send.demo.password=" + PASSWORD));
        List<HttpResponse<String>> early = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!starting.isDone() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = me(port, "admin");
                if (response.statusCode() != 200) {
                    early.add(response);
                }
            } catch (ConnectException notListeningYet) {
                // the web server starts at the end of the context refresh
            }
            Thread.sleep(200);
        }
        try (ConfigurableApplicationContext service = starting.get(1, TimeUnit.MINUTES)) {
            assertThat(early).as("answers before the service was ready").isNotEmpty();
            assertThat(early).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).hasValue(String.valueOf(StartupGate.RETRY_AFTER_SECONDS));
                assertThat(response.body()).contains("try again in a few seconds");
            });
            assertThat(early).anySatisfy(response -> assertThat(response.body()).contains("loading the demo data"));
            for (String subject : DemoSignIn.SUBJECTS) {
                HttpResponse<String> response = me(port, subject);
                assertThat(response.statusCode()).as(subject).isEqualTo(200);
                assertThat(response.body()).contains("\"subject\":\"" + subject + "\"");
            }
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", database);
        }
    }

    private HttpResponse<String> me(int port, String subject) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((subject + ":" + PASSWORD).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { subject } }\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a statement on the test server; returns the URL of the named database there. */
    private static String execute(TestDatabase server, String sql, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet current = statement.executeQuery("SELECT current_database()")) {
            current.next();
            String ours = current.getString(1);
            statement.execute(sql);
            return server.url().replaceFirst("/" + ours + "(\\?|$)", "/" + database + "$1");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
