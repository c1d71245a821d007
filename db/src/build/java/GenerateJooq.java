import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step of the db module: applies the Flyway migrations to a throwaway embedded PostgreSQL 17
 * and generates the jOOQ classes from the resulting schema, so generated types match the real database.
 * Run by exec-maven-plugin as a single-file program: args = migrations dir, output dir, package, this file.
 */
public class GenerateJooq {
    static final String SCHEMA = "send";

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String packageName = args[2];
        Path generator = Path.of(args[3]);

        String fingerprint = fingerprint(migrations, generator);
        Path stamp = output.resolve(".migrations.sha256");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("[jooq] migrations unchanged, generated sources are up to date");
            return;
        }

        Path dataDir = Files.createTempDirectory("send-jooq-codegen");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .schemas(SCHEMA)
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();

            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema(SCHEMA)
                                    .withExcludes("flyway_schema_history")
                                    .withForcedTypes(new ForcedType()
                                                    .withName("INSTANT")
                                                    .withIncludeTypes("(?i:timestamp\\ with\\ time\\ zone)"),
                                            enumType("RegistrationStatus", "setting\\.registration_status"),
                                            enumType("RequestStatus", "placement_request\\.status"),
                                            enumType("PlanStatus", "plan\\.status"),
                                            enumType("AssignmentStatus", "plan_assignment\\.status"),
                                            enumType("FindingStatus", "fee_finding\\.status|fee_finding_event\\.(?:from|to)_status"),
                                            enumType("Sector", "setting\\.sector|setting_type\\.default_sector"),
                                            enumType("ProviderKind", "provider\\.kind"),
                                            enumType("OwnerKind", "provider_figures\\.owner_kind"),
                                            enumType("Gender", "setting\\.gender"),
                                            enumType("OfstedRating", "setting\\.ofsted_rating"),
                                            enumType("RecordSource", "setting\\.source"),
                                            enumType("ChildGender", "placement_request\\.gender|referral\\.gender"),
                                            enumType("RateFrameworkStatus", "rate_framework\\.status"),
                                            enumType("ProvisionKind", "fee\\.kind|rate_band\\.kind|plan_assignment\\.fee_kind|referral\\.provision"
                                                    + "|offer_revision\\.kind|offer_refusal\\.kind|placement_agreement\\.kind|block_contract\\.kind"),
                                            enumType("FeeVerdict", "fee_check\\.verdict|fee_finding\\.verdict|offer_revision\\.verdict|offer_refusal\\.verdict"
                                                    + "|agreement_renewal\\.verdict|block_contract\\.verdict"),
                                            enumType("FeeCheckOccasion", "fee_check\\.occasion"),
                                            enumType("PlanScope", "plan\\.scope_type|scenario\\.scope_type"),
                                            enumType("ReferralStatus", "referral\\.status"),
                                            enumType("RecipientResponse", "referral_recipient\\.response"),
                                            enumType("DeclineReason", "referral_recipient\\.decline_reason"),
                                            enumType("OfferStatus", "offer\\.status"),
                                            enumType("AgreementStatus", "placement_agreement\\.status"),
                                            enumType("RenewalStatus", "agreement_renewal\\.status"),
                                            enumType("BlockContractStatus", "block_contract\\.status"),
                                            enumType("ConsultationStatus", "host_consultation\\.status"),
                                            enumType("ConsultationAnswer", "host_consultation\\.answer"),
                                            enumType("ConsultationChange", "host_consultation\\.change")))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withFluentSetters(true))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(output.toAbsolutePath().toString())
                                    .withClean(true))));
        }
        Files.writeString(stamp, fingerprint);
    }

    /**
     * Text columns (a regular expression over table.column) whose values are a fixed list (a CHECK, or what the code
     * writes), read and written as the Java enum of the same names (uk.sendplan.db.types).
     */
    static ForcedType enumType(String enumName, String columns) {
        return new ForcedType().withUserType("uk.sendplan.db.types." + enumName).withEnumConverter(true)
                .withIncludeExpression("(?:.*\\.)?(?:" + columns + ")").withIncludeTypes("(?i:text)");
    }

    /** A hash over the migration files' names and contents: regenerate only when they change. */
    static String fingerprint(Path migrations, Path generator) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(read(generator));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(migrations)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(migrations.relativize(file).toString().getBytes());
            digest.update(read(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
