package uk.sendplan.api.sufficiency;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.SEN2_FIGURE;

/**
 * importSen2 on real PostgreSQL: DfE's files as published (the demo's copies), DfE's suppression codes as no value,
 * all-or-nothing on a malformed file, a re-import replacing an LA's year, and an LA the demo lacks (Devon) forecast
 * once its rows are imported. Works on the Isles of Scilly (420) and Devon (878), which no other test reads.
 */
class Sen2ImportTest extends GraphQlTestBase {

    static final String IMPORT = """
            mutation($file: Sen2File!, $csv: String, $csvBase64: String, $dryRun: Boolean) {
              importSen2(file: $file, csv: $csv, csvBase64: $csvBase64, dryRun: $dryRun) {
                file dryRun rows imported skipped rejected periods localAuthorities
                rejections { row column reason } skippedReasons { reason rows } } }""";

    /** DfE's caseload header, with columns the import does not read in between (they are found by name). */
    static final String HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,"
            + "old_la_code,la_name,breakdown_topic,breakdown,ehcplans," + String.join(",", Sen2File.Columns.PLACEMENTS)
            + ",mainstream_total_pc,await_prov_2022";

    /** A Scilly caseload row: plans in all, then LA-maintained mainstream, state special and the rest as given. */
    static String row(String period, String level, String la, String topic, String breakdown, String total, String mainstream, String special,
                      String ukrlp) {
        List<String> cells = new ArrayList<>(List.of(period, "Academic year", level, "E92000001", "England", "E12000009", "South West",
                "E06000053", la, "Isles of Scilly", topic, breakdown, total));
        for (String column : Sen2File.Columns.PLACEMENTS) {
            cells.add(switch (column) {
                case "mainstream_la_maintained" -> mainstream;
                case "special_la_maintained" -> special;
                case "ukrlp_provider" -> ukrlp;
                default -> "0";
            });
        }
        cells.add("z");
        cells.add("x");
        return String.join(",", cells);
    }

    @Test
    void dfesOwnFilesImportWithNothingRejected() {
        for (Sen2File file : Sen2File.values()) {
            as("admin").document(IMPORT).variable("file", file.name()).variable("csv", DemoSen2.text(file)).variable("dryRun", true).execute()
                    .path("importSen2.rejected").entity(Integer.class).isEqualTo(0)
                    .path("importSen2.imported").entity(Integer.class).isEqualTo(0);
        }
        // the demo imported them at first start: every LA but Devon and Thurrock, which the project's copy lacks
        // (Devon's rows are those another test here imports)
        assertThat(db.selectDistinct(SEN2_FIGURE.LA_CODE).from(SEN2_FIGURE).where(SEN2_FIGURE.DATASET.eq("CASELOAD")).fetch(SEN2_FIGURE.LA_CODE))
                .doesNotContain("883").filteredOn(la -> !la.equals("878")).hasSize(151);
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", DemoSen2.text(Sen2File.CASELOAD)).variable("dryRun", true).execute()
                .path("importSen2.periods").entityList(String.class)
                .containsExactly("2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25")
                .path("importSen2.skippedReasons[0].reason").entity(String.class).isEqualTo(Sen2Reader.SKIP_FORMER_LA);
    }

    @Test
    void suppressionCodesAreNoValueKeptWithTheirCodeNeverZero() {
        String csv = HEADER + "\n"
                + row("202425", "National", "", "All EHC plans", "All EHC plans", "638745", "1", "1", "1") + "\n"
                + row("202425", "Local authority", "420", "All EHC plans", "All EHC plans", "x", "30", "c", "low") + "\n"
                + row("202425", "Local authority", "420", "Sex", "Female", "10", "5", "5", "0") + "\n"
                + row("202425", "Local authority", "420", "Child or young persons age", "age 10", "12", "z", "5", "X") + "\n";
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", csv).execute()
                .path("importSen2.imported").entity(Integer.class).isEqualTo(2)
                .path("importSen2.skipped").entity(Integer.class).isEqualTo(2)
                .path("importSen2.periods").entityList(String.class).containsExactly("2024/25");

        var all = db.selectFrom(SEN2_FIGURE).where(SEN2_FIGURE.LA_CODE.eq("420"), SEN2_FIGURE.TIME_PERIOD.eq(202425),
                SEN2_FIGURE.BREAKDOWN.eq("All EHC plans"), SEN2_FIGURE.DATASET.eq("CASELOAD")).fetchOne();
        assertThat(all.getSuppressed().data()).isEqualTo("{\"ehcplans\": \"x\", \"ukrlp_provider\": \"low\", \"special_la_maintained\": \"c\"}");
        assertThat(all.getFigures().data()).contains("\"mainstream_la_maintained\": 30").doesNotContain("ehcplans").doesNotContain("special_la_maintained");
        var age = db.selectFrom(SEN2_FIGURE).where(SEN2_FIGURE.LA_CODE.eq("420"), SEN2_FIGURE.TIME_PERIOD.eq(202425),
                SEN2_FIGURE.BREAKDOWN.eq("age 10"), SEN2_FIGURE.DATASET.eq("CASELOAD")).fetchOne();
        assertThat(age.getSuppressed().data()).isEqualTo("{\"ukrlp_provider\": \"x\", \"mainstream_la_maintained\": \"z\"}");
    }

    @Test
    void aMalformedFileChangesNothingAndItsErrorNamesEveryRowAndColumn() {
        String before = snapshot();
        String csv = HEADER + "\n"
                + row("202425", "Local authority", "420", "All EHC plans", "All EHC plans", "99", "99", "0", "0") + "\n"   // row 2: fine
                + row("202425", "Local authority", "420", "Child or young persons age", "age 9", "12a", "5", "5", "0") + "\n"   // row 3
                + row("202425", "Local authority", "999", "All EHC plans", "All EHC plans", "5", "5", "0", "0") + "\n"     // row 4
                + row("2024", "Local authority", "420", "Child or young persons age", "age 11", "5", "5", "-1", "0") + "\n";   // row 5
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", csv).execute().errors().expect(e -> {
            if (e.getErrorType() != ErrorType.BAD_REQUEST || !e.getMessage().startsWith(
                    "importSen2.csv: 3 of 4 rows rejected, so nothing was imported; first: row 3 column \"ehcplans\": \"12a\" is neither a count")) {
                return false;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rejections = (List<Map<String, Object>>) e.getExtensions().get("rejections");
            assertThat(rejections).extracting(r -> r.get("row")).containsExactly(3, 4, 5, 5);
            assertThat(rejections).extracting(r -> r.get("column")).containsExactly("ehcplans", "old_la_code", "time_period", "special_la_maintained");
            assertThat(rejections.get(1).get("reason")).isEqualTo("\"999\" is not the code of an English LA");
            return true;
        }).verify();
        assertThat(snapshot()).isEqualTo(before);

        // a missing column: row 1 and the column, nothing written
        String withoutColumn = csv.replace(",special_independent,", ",special_independent_renamed,");
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", withoutColumn).execute().errors()
                .expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().equals("importSen2.csv: 1 of 4 rows rejected, so nothing was"
                        + " imported; first: row 1 column \"special_independent\": missing column \"special_independent\" (expected DfE's caseload.csv)"))
                .verify();
        // a dry run reports the same problems in its payload and writes nothing either
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", csv).variable("dryRun", true).execute()
                .path("importSen2.rejected").entity(Integer.class).isEqualTo(3)
                .path("importSen2.rejections[0].row").entity(Integer.class).isEqualTo(3);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void reimportingAYearReplacesThatLasFiguresAndNoOneElses() {
        int camden = db.fetchCount(SEN2_FIGURE, SEN2_FIGURE.LA_CODE.eq("202"));
        String first = HEADER + "\n" + row("202324", "Local authority", "420", "All EHC plans", "All EHC plans", "40", "40", "0", "0") + "\n"
                + row("202324", "Local authority", "420", "Child or young persons age", "age 12", "3", "3", "0", "0") + "\n";
        as("admin").document(IMPORT).variable("file", "CASELOAD").variable("csv", first).execute().path("importSen2.imported").entity(Integer.class).isEqualTo(2);
        // as bytes, as DfE's download is: the second import of the year keeps only what it holds
        String second = HEADER + "\n" + row("202324", "Local authority", "420", "All EHC plans", "All EHC plans", "44", "40", "4", "0") + "\n";
        as("admin").document(IMPORT).variable("file", "CASELOAD")
                .variable("csvBase64", Base64.getEncoder().encodeToString(second.getBytes(StandardCharsets.UTF_8))).execute()
                .path("importSen2.localAuthorities").entityList(String.class).containsExactly("420");
        var rows = db.selectFrom(SEN2_FIGURE).where(SEN2_FIGURE.LA_CODE.eq("420"), SEN2_FIGURE.TIME_PERIOD.eq(202324), SEN2_FIGURE.DATASET.eq("CASELOAD")).fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getFigures().data()).contains("\"ehcplans\": 44");
        assertThat(db.fetchCount(SEN2_FIGURE, SEN2_FIGURE.LA_CODE.eq("202"))).isEqualTo(camden);
    }

    @Test
    void anLaWithoutStatisticsIsForecastOnceItsRowsAreImported() {
        String query = "{ ehcpForecast(laCode: \"878\", years: 2) { localAuthorities missingLocalAuthorities years { january total { central } } } }";
        as("regulator").document(query).execute().path("ehcpForecast.missingLocalAuthorities").entityList(String.class).containsExactly("878");
        // Devon's rows are not in the demo: import Plymouth's (879) as if they were Devon's
        for (Sen2File file : List.of(Sen2File.CASELOAD, Sen2File.NEW_PLANS)) {
            String text = DemoSen2.text(file);
            String devon = text.lines().filter(l -> l.startsWith("time_period") || l.contains(",E06000026,879,Plymouth,"))
                    .map(l -> l.replace(",E06000026,879,Plymouth,", ",E10000008,878,Devon,")).collect(Collectors.joining("\n"));
            as("admin").document(IMPORT).variable("file", file.name()).variable("csv", devon).execute().path("importSen2.rejected").entity(Integer.class).isEqualTo(0);
        }
        as("regulator").document(query).execute()
                .path("ehcpForecast.missingLocalAuthorities").entityList(String.class).hasSize(0)
                .path("ehcpForecast.years[*].january").entityList(Integer.class).containsExactly(2026, 2027)
                .path("ehcpForecast.years[0].total.central").entity(Double.class).satisfies(v -> assertThat(v).isBetween(1_000.0, 5_000.0));
    }

    /** Every stored figure, to compare before and after. */
    private String snapshot() {
        return db.selectFrom(SEN2_FIGURE).orderBy(SEN2_FIGURE.DATASET, SEN2_FIGURE.TIME_PERIOD, SEN2_FIGURE.LA_CODE, SEN2_FIGURE.BREAKDOWN_TOPIC,
                SEN2_FIGURE.BREAKDOWN).fetch().formatCSV();
    }
}
