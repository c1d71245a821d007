package uk.sendplan.api;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the service, checked on its classes: packages depend on each other without cycles, each table belongs
 * to one feature, which every other feature reads through that feature's public service, and no source file of the
 * service or the planner is so long that it does more than one job.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("uk.sendplan.api");

    private static final String SHARED = "reference data";

    /** The project's limit on a main source file: a class that outgrows it is split by job. */
    private static final int MAX_LINES = 350;

    /** The main source trees, from the api module's directory (where Maven runs its tests). */
    private static final List<Path> SOURCE_TREES = List.of(Path.of("src/main/java"), Path.of("../planner/src/main/java"));

    /**
     * Each jOOQ table (by its generated class name) and the one package that may use it. Reference data (regions, LAs,
     * needs, phases, setting types, postcode districts) is the shared vocabulary, loaded by migration and never written
     * by code: any feature may join it, to order by a need's or phase's place in DfE's lists, say.
     */
    private static final Map<String, String> OWNER = Map.ofEntries(
            entry("Region", SHARED), entry("LocalAuthority", SHARED), entry("NeedType", SHARED), entry("Phase", SHARED),
            entry("SettingType", SHARED), entry("PostcodeDistrict", SHARED),
            entry("Setting", "settings"), entry("Place", "settings"), entry("PlaceCommission", "settings"), entry("Provider", "settings"),
            entry("RateFramework", "fees"), entry("RateBand", "fees"), entry("RateBandNeed", "fees"), entry("RateAreaAdjustment", "fees"),
            entry("Fee", "fees"), entry("FeeCheck", "fees"), entry("FeeAudit", "fees"), entry("FeeFinding", "fees"),
            entry("FeeFindingEvent", "fees"),
            entry("PlacementRequest", "demand"), entry("RequestPreference", "demand"),
            entry("Plan", "planning"), entry("PlanAssignment", "planning"), entry("PlanUnplaced", "planning"), entry("Placement", "planning"),
            entry("PlanContractUse", "planning"),
            entry("PlanPlaceValue", "planning"),
            entry("AppUser", "users"),
            entry("Referral", "market"), entry("ReferralRecipient", "market"), entry("Offer", "market"), entry("OfferRevision", "market"),
            entry("OfferRefusal", "market"), entry("PlacementAgreement", "market"), entry("AgreementRenewal", "market"),
            entry("BlockContract", "market"), entry("BlockContractParty", "market"),
            entry("Scenario", "scenarios"),
            entry("AuditEvent", "audit"),
            entry("Sen2Figure", "sufficiency"),
            entry("HostConsultation", "consultations"), entry("HostConsultationCell", "consultations"), entry("ProviderFigures", "oversight"));

    /** Uses of another package's table, each with its reason. */
    private static final Set<String> ALLOWED = Set.of(
            // signing in happens before any feature runs: security reads the user table's roles and scopes
            "system.UserDirectory -> AppUser");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("uk.sendplan.api.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyTableIsUsedOnlyByTheFeatureThatOwnsIt() {
        Set<String> trespasses = new TreeSet<>();
        for (JavaClass source : CLASSES) {
            String pkg = source.getPackageName().replaceFirst("^uk\\.sendplan\\.api\\.?", "").split("\\.")[0];
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                String table = table(dependency.getTargetClass());
                if (table == null) {
                    continue;
                }
                String owner = OWNER.get(table);
                String use = pkg + "." + source.getSimpleName().replaceFirst("\\$.*", "") + " -> " + table;
                if (owner == null) {
                    trespasses.add(use + " (the table has no owner: add it to OWNER)");
                } else if (!owner.equals(pkg) && !owner.equals(SHARED) && !ALLOWED.contains(use)) {
                    trespasses.add(use + " (owned by " + owner + ")");
                }
            }
        }
        assertThat(trespasses).as("uses of another feature's tables").isEmpty();
    }

    /** The table a generated jOOQ class stands for (the table class or its record), or null. */
    private static String table(JavaClass target) {
        String name = target.getName();
        if (name.startsWith("uk.sendplan.db.jooq.tables.records.")) {
            return target.getSimpleName().replaceFirst("Record$", "");
        }
        if (name.startsWith("uk.sendplan.db.jooq.tables.") && !name.contains("$")) {
            return target.getSimpleName();
        }
        return null;
    }

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        int read = 0;
        for (Path tree : SOURCE_TREES) {
            assertThat(tree).as("source tree " + tree.toAbsolutePath().normalize()).isDirectory();
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    int lines = Files.readAllLines(file).size();
                    read++;
                    if (lines > MAX_LINES) {
                        tooLong.add(file.normalize() + " (" + lines + " lines)");
                    }
                }
            }
        }
        assertThat(read).as("main source files read").isGreaterThan(100);
        assertThat(tooLong).as("main source files over " + MAX_LINES + " lines: split each by job").isEmpty();
    }
}
