package uk.sendplan.api.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database when none is configured: an embedded PostgreSQL 17 whose data directory survives restarts,
 * so `java -jar` on a fresh machine gives a working service. Setting {@code spring.datasource.url}
 * (e.g. SPRING_DATASOURCE_URL) switches this off and no embedded server starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final String DATABASE = "send";

    /** send.database.directory and send.database.port (SEND_DATABASE_DIRECTORY, SEND_DATABASE_PORT). */
    @ConfigurationProperties("send.database")
    record EmbeddedPostgresProperties(Path directory, int port) {
        EmbeddedPostgresProperties {
            directory = directory == null ? Path.of("data", "postgres") : directory;
            port = port == 0 ? 54329 : port;
        }
    }

    /**
     * Starts the server of our own data directory, and only that: zonky's start waits for anything to answer on the
     * port, so with the port already held by another PostgreSQL it would "start" and hand us that server. Hence the
     * port check before, and the check after that the server answering serves our directory.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Path directory = properties.directory().toAbsolutePath();
        Files.createDirectories(directory);
        requireFreePort(properties.port(), directory);
        log.info("No datasource configured: starting embedded PostgreSQL on port {} with data in {}", properties.port(), directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                // no JVM hook of its own: it would stop the server while Spring is still closing, before running plans
                // save their best results; this bean's close (after every bean using the DataSource) stops it instead
                .setRegisterShutdownHook(false)
                .start();
        try {
            requireOwnServer(postgres, directory);
        } catch (RuntimeException e) {
            postgres.close();  // pg_ctl stop on our directory only; the other server is left alone
            throw e;
        }
        return postgres;
    }

    /** Binding fails only while something listens there (the server's own closed connections in TIME_WAIT don't count). */
    private static void requireFreePort(int port, Path directory) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        } catch (IOException e) {
            throw portTaken(port, directory, "is already in use by another program (" + e.getMessage() + ")");
        }
    }

    /** The server answering on the port must be the one serving our data directory. */
    static void requireOwnServer(EmbeddedPostgres postgres, Path directory) {
        String served;
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            served = row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL on port " + postgres.getPort() + " does not answer: " + e.getMessage(), e);
        }
        if (!sameDirectory(Path.of(served), directory)) {
            throw portTaken(postgres.getPort(), directory, "is held by another PostgreSQL server (data directory " + served + ")");
        }
    }

    private static boolean sameDirectory(Path served, Path ours) {
        try {
            return Files.isSameFile(served, ours);
        } catch (IOException e) {
            return false;  // a directory we cannot see is not ours
        }
    }

    private static PortTakenException portTaken(int port, Path directory, String why) {
        return new PortTakenException("Cannot start the embedded PostgreSQL for " + directory + ": port " + port + " " + why + ".",
                "Choose a free port with SEND_DATABASE_PORT (send.database.port), stop the program holding it (it may be this "
                        + "service's own PostgreSQL left running by a run that was killed), or use your own server with SPRING_DATASOURCE_URL.");
    }

    static final class PortTakenException extends IllegalStateException {
        final String description;
        final String action;

        PortTakenException(String description, String action) {
            super(description + " " + action);
            this.description = description;
            this.action = action;
        }
    }

    /** Boot's start-up failure report then says what happened and what to do in a few lines, not a nested stack trace. */
    static final class PortTakenAnalyzer extends AbstractFailureAnalyzer<PortTakenException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, PortTakenException cause) {
            return new FailureAnalysis(cause.description, cause.action, cause);
        }
    }

    /** Bound to spring.datasource.hikari.* like Boot's own pool, so the statement timeout applies here too. */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) throws SQLException {
        createDatabaseIfMissing(postgres.getPostgresDatabase());
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("embedded");
        return dataSource;
    }

    private static void createDatabaseIfMissing(DataSource admin) throws SQLException {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }
}
