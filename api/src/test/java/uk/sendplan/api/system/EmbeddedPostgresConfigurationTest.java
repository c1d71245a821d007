package uk.sendplan.api.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's default database keeps its data in a directory that survives a restart. */
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
}
