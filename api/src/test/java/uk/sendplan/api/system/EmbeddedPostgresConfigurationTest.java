package uk.sendplan.api.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The service's default database keeps its data in a directory that survives a restart, and is never someone else's. */
class EmbeddedPostgresConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void dataSurvivesARestartOfTheEmbeddedServer() throws Exception {
        var configuration = new EmbeddedPostgresConfiguration();
        var properties = new EmbeddedPostgresConfiguration.EmbeddedPostgresProperties(directory.resolve("pg"), 54391);

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties);
             HikariDataSource dataSource = configuration.dataSource(postgres);
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value text)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties);
             HikariDataSource dataSource = configuration.dataSource(postgres);
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT value FROM kept")) {
            assertThat(dataSource.getJdbcUrl()).endsWith(":54391/send?user=postgres");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aPortHeldByAnotherPostgresStopsTheStartNamingThePortAndTheSettingAndLeavesThatServerAlone() throws Exception {
        try (EmbeddedPostgres stranger = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("stranger")).start()) {
            var ours = new EmbeddedPostgresConfiguration.EmbeddedPostgresProperties(directory.resolve("ours"), stranger.getPort());

            Throwable failure = catchThrowable(() -> new EmbeddedPostgresConfiguration().embeddedPostgres(ours));
            assertThat(failure).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + stranger.getPort())
                    .hasMessageContaining("SEND_DATABASE_PORT");
            // what the start-up failure report prints, in place of a stack trace
            // (Boot's own analyzers want the application's bean factory, so they are left out here)
            assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, (type, name, notHere) -> { }))
                    .anySatisfy(analyzer -> assertThat(analyzer).isInstanceOf(EmbeddedPostgresConfiguration.PortTakenAnalyzer.class));
            FailureAnalysis report = new EmbeddedPostgresConfiguration.PortTakenAnalyzer()
                    .analyze(new BeanCreationException("embeddedPostgres", "Factory method 'embeddedPostgres' threw exception", failure));
            assertThat(report.getDescription()).contains("port " + stranger.getPort() + " is already in use");
            assertThat(report.getAction()).contains("SEND_DATABASE_PORT");

            // nothing of ours went into the other server, and it still answers
            try (Connection connection = stranger.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
                 ResultSet send = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'send'")) {
                assertThat(send.next()).isTrue();
                assertThat(send.getInt(1)).isZero();
            }
            assertThat(Files.exists(directory.resolve("ours").resolve("postmaster.pid"))).isFalse();
        }
    }

    @Test
    void aServerAnsweringOnOurPortFromAnotherDataDirectoryIsRefused() throws Exception {
        // the port was free when checked but another server took it first: what answers must still be ours
        try (EmbeddedPostgres stranger = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("stranger")).start()) {
            assertThatThrownBy(() -> EmbeddedPostgresConfiguration.requireOwnServer(stranger, directory.resolve("ours")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + stranger.getPort())
                    .hasMessageContaining("data directory " + directory.resolve("stranger"))
                    .hasMessageContaining("SEND_DATABASE_PORT");
            EmbeddedPostgresConfiguration.requireOwnServer(stranger, directory.resolve("stranger"));
        }
    }
}
