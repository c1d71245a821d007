package uk.sendplan.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The one way every module's tests get a real PostgreSQL: {@code SEND_TEST_DB_URL} if set (a server URL whose
 * user may create databases; {@code SEND_TEST_DB_USER}/{@code SEND_TEST_DB_PASSWORD}), else Testcontainers when a
 * Docker engine answers, else an embedded PostgreSQL 17. Each JVM gets its own freshly created database,
 * dropped when the JVM exits, so runs never see each other's data.
 */
public final class TestDatabase {

    /** Pinned so that a Docker run tests against the same major version as the embedded server. */
    public static final String POSTGRES_IMAGE = "postgres:17.6";

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String server;

    private TestDatabase(String adminUrl, String user, String password, String server) {
        String name = "send_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        this.url = withDatabase(adminUrl, name);
        this.user = user;
        this.password = password;
        this.server = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    }

    /** The database of this JVM, started or created on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Which kind of server answered: "SEND_TEST_DB_URL", "testcontainers" or "embedded". */
    public String server() {
        return server;
    }

    private static TestDatabase start() {
        String configured = System.getenv("SEND_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return new TestDatabase(configured, env("SEND_TEST_DB_USER", "postgres"), env("SEND_TEST_DB_PASSWORD", ""), "SEND_TEST_DB_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception e) {
                    // the JVM is exiting; the server's temp directory goes with it
                }
            }));
            return new TestDatabase(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?');
        String base = slash < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, slash);
        return base + "/" + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database: '" + sql + "' failed on " + url + ": " + e.getMessage(), e);
        }
    }
}
