package uk.sendplan.api.settings;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.db.jooq.Tables.AUDIT_EVENT;
import static uk.sendplan.db.jooq.Tables.SETTING;

class GiasImportTest extends GraphQlTestBase {

    private GiasRows scenario(int base) {
        return new GiasRows()
                .independentSpecial(base + 1, Map.of())
                .independentSpecial(base + 2, Map.ofEntries(
                        Map.entry("EstablishmentName", "Oak Bank Community Special School"),
                        Map.entry("TypeOfEstablishment (name)", "Community special school"),
                        Map.entry("StatutoryLowAge", "2"), Map.entry("StatutoryHighAge", "19"),
                        Map.entry("SchoolCapacity", "150"), Map.entry("NumberOfPupils", "162"),
                        Map.entry("SEN1 (name)", "SLD - Severe Learning Difficulty"),
                        Map.entry("SEN2 (name)", "PMLD - Profound and Multiple Learning Difficulty"),
                        Map.entry("SEN3 (name)", ""), Map.entry("PropsName", "")))
                .independentSpecial(base + 3, Map.ofEntries(
                        Map.entry("EstablishmentName", "Hillside Primary School"),
                        Map.entry("TypeOfEstablishment (name)", "Academy converter"),
                        Map.entry("Trusts (name)", "Hillside Learning Trust"),
                        Map.entry("StatutoryLowAge", "4"), Map.entry("StatutoryHighAge", "11"),
                        Map.entry("SchoolCapacity", "420"), Map.entry("NumberOfPupils", "400"),
                        Map.entry("TypeOfResourcedProvision (name)", "Resourced provision"),
                        Map.entry("ResourcedProvisionCapacity", "12"), Map.entry("ResourcedProvisionOnRoll", "10"),
                        Map.entry("SEN1 (name)", "SLCN - Speech, language and Communication"), Map.entry("SEN2 (name)", "")))
                .independentSpecial(base + 4, Map.of("EstablishmentName", "Plain Primary School",
                        "TypeOfEstablishment (name)", "Community school", "SEN1 (name)", "", "SEN2 (name)", ""))
                .independentSpecial(base + 5, Map.of("EstablishmentStatus (name)", "Closed", "LA (code)", "835"))
                .independentSpecial(base + 6, Map.of("EstablishmentStatus (name)", "Proposed to open"))
                .independentSpecial(base + 7, Map.of("TypeOfEstablishment (name)", "Welsh establishment", "LA (code)", "660"));
    }

    private static final String[] COUNTS = {"rows", "created", "updated", "skipped", "rejected"};

    private void expectCounts(org.springframework.graphql.test.tester.GraphQlTester.Response response, int... counts) {
        for (int i = 0; i < counts.length; i++) {
            response.path("importSettings." + COUNTS[i]).entity(Integer.class).isEqualTo(counts[i]);
        }
    }

    @Test
    void dryRunReportsWhatWouldHappenAndWritesNothing() {
        var response = graphQl.documentName("importSettings").variable("csv", scenario(150_000).csv()).variable("dryRun", true).execute();
        expectCounts(response, 7, 3, 0, 4, 0);
        response.path("importSettings.skippedReasons").entityList(Map.class).containsExactly(
                Map.of("reason", "closed, and not in the register", "rows", 1),
                Map.of("reason", "establishment type the register does not cover", "rows", 1),
                Map.of("reason", "mainstream school without resourced provision or a SEN unit", "rows", 1),
                Map.of("reason", "proposed to open: not yet taking pupils", "rows", 1));
        response.path("importSettings.warnings[*].reason").entityList(String.class)
                .containsExactly("162 pupils on roll exceed capacity 150: occupied recorded as 150");
        assertThat(db.fetchCount(SETTING, SETTING.URN.between(150_000, 150_999))).isZero();
    }

    @Test
    void importsSettingsPlacesAndProvidersThenUpdatesAndClosesOnTheNextExtract() {
        graphQl.documentName("importSettings").variable("csv", scenario(151_000).csv()).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(3);

        var independent = graphQl.documentName("setting").variable("urn", 151_001).execute();
        independent.path("setting.type").entity(String.class).isEqualTo("INDEPENDENT_SPECIAL")
                .path("setting.sector").entity(String.class).isEqualTo("INDEPENDENT")
                .path("setting.source").entity(String.class).isEqualTo("GIAS")
                .path("setting.provider.name").entity(String.class).isEqualTo("Meadow Care Ltd")
                .path("setting.provider.forProfit").valueIsNull()
                .path("setting.postcode").entity(String.class).isEqualTo("AL1 3XX")
                .path("setting.ofstedRating").entity(String.class).isEqualTo("GOOD")
                .path("setting.capacity").entity(Integer.class).isEqualTo(60)
                .path("setting.occupied").entity(Integer.class).isEqualTo(50)
                // 2 needs × 3 phases (ages 7-18: primary, secondary, post-16): 60 places as 10 each
                .path("setting.places[*].need").entityList(String.class).containsExactly("SEMH", "SEMH", "SEMH", "ASD", "ASD", "ASD")
                .path("setting.places[*].capacity").entityList(Integer.class).containsExactly(10, 10, 10, 10, 10, 10);
        graphQl.documentName("setting").variable("urn", 151_002).execute()
                .path("setting.type").entity(String.class).isEqualTo("STATE_SPECIAL")
                .path("setting.provider.kind").entity(String.class).isEqualTo("LOCAL_AUTHORITY")
                .path("setting.provider.name").entity(String.class).isEqualTo("Hertfordshire (local authority)")
                .path("setting.vacancies").entity(Integer.class).isEqualTo(0);
        graphQl.documentName("setting").variable("urn", 151_003).execute()
                .path("setting.type").entity(String.class).isEqualTo("RESOURCED_PROVISION")
                .path("setting.provider.name").entity(String.class).isEqualTo("Hillside Learning Trust")
                .path("setting.capacity").entity(Integer.class).isEqualTo(12)
                .path("setting.occupied").entity(Integer.class).isEqualTo(10);

        // The same extract again changes nothing.
        expectCounts(graphQl.documentName("importSettings").variable("csv", scenario(151_000).csv()).execute(), 7, 0, 0, 7, 0);

        // A later extract: one school grows, one closes.
        String later = new GiasRows()
                .independentSpecial(151_001, Map.of("SchoolCapacity", "72", "NumberOfPupils", "70"))
                .independentSpecial(151_003, Map.of("EstablishmentStatus (name)", "Closed",
                        "TypeOfEstablishment (name)", "Academy converter", "ResourcedProvisionCapacity", "12"))
                .csv();
        expectCounts(graphQl.documentName("importSettings").variable("csv", later).execute(), 2, 0, 2, 0, 0);
        graphQl.documentName("setting").variable("urn", 151_001).execute()
                .path("setting.capacity").entity(Integer.class).isEqualTo(72);
        graphQl.documentName("setting").variable("urn", 151_003).execute()
                .path("setting.registrationStatus").entity(String.class).isEqualTo("CLOSED")
                .path("setting.statusReason").entity(String.class).isEqualTo("Closed in GIAS");
        graphQl.documentName("auditTrail").variable("entityType", "setting").variable("entityId", "151001").execute()
                .path("auditTrail.edges[0].node.action").entity(String.class).isEqualTo("SETTING_IMPORTED")
                .path("auditTrail.edges[0].node.reason").entity(String.class).isEqualTo("GIAS import");
    }

    @Test
    void aRegulatorsSuspensionOutlivesTheNextImport() {
        graphQl.documentName("importSettings").variable("csv", new GiasRows().independentSpecial(152_001, Map.of()).csv()).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(1);
        graphQl.documentName("setRegistrationStatus").variable("input", Map.of("urn", 152_001, "status", "SUSPENDED", "reason", "fee audit")).execute()
                .path("setRegistrationStatus.setting.registrationStatus").entity(String.class).isEqualTo("SUSPENDED");
        graphQl.documentName("importSettings").variable("csv", new GiasRows().independentSpecial(152_001, Map.of("SchoolCapacity", "65")).csv()).execute()
                .path("importSettings.updated").entity(Integer.class).isEqualTo(1);
        graphQl.documentName("setting").variable("urn", 152_001).execute()
                .path("setting.registrationStatus").entity(String.class).isEqualTo("SUSPENDED")
                .path("setting.capacity").entity(Integer.class).isEqualTo(65);
    }

    @Test
    void acceptsWindows1252BytesAndUtf8WithAByteOrderMark() {
        String csv = new GiasRows().independentSpecial(153_001, Map.of("EstablishmentName", "St Mary’s Café School")).csv();
        graphQl.documentName("importSettings").variable("csvBase64", Base64.getEncoder().encodeToString(csv.getBytes(Charset.forName("windows-1252"))))
                .execute().path("importSettings.created").entity(Integer.class).isEqualTo(1);
        graphQl.documentName("setting").variable("urn", 153_001).execute()
                .path("setting.name").entity(String.class).isEqualTo("St Mary’s Café School");

        String utf8 = "\uFEFF" + new GiasRows().independentSpecial(153_002, Map.of("EstablishmentName", "Ysgol Ŵyn")).csv();
        graphQl.documentName("importSettings").variable("csvBase64", Base64.getEncoder().encodeToString(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .execute().path("importSettings.created").entity(Integer.class).isEqualTo(1);
        graphQl.documentName("setting").variable("urn", 153_002).execute()
                .path("setting.name").entity(String.class).isEqualTo("Ysgol Ŵyn");
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryRowNamed() {
        String csv = new GiasRows()
                .independentSpecial(154_001, Map.of())                                      // row 2: fine on its own
                .independentSpecial(154_002, Map.of("LA (code)", "999"))                    // row 3
                .independentSpecial(154_003, Map.of("SchoolCapacity", "-5"))                // row 4
                .independentSpecial(154_004, Map.of("StatutoryHighAge", "abc"))             // row 5
                .independentSpecial(12, Map.of())                                           // row 6
                .independentSpecial(154_001, Map.of())                                      // row 7
                .raw("\"154005\",\"919\"")                                                  // row 8
                .csv();
        int auditBefore = db.fetchCount(AUDIT_EVENT);

        graphQl.documentName("importSettings").variable("csv", csv).execute()
                .errors().expect(e -> {
                    if (e.getErrorType() != ErrorType.BAD_REQUEST || !e.getMessage().startsWith(
                            "importSettings.csv: 6 of 7 rows rejected, so nothing was imported; first: row 3 column \"LA (code)\"")) {
                        return false;
                    }
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rejections = (List<Map<String, Object>>) e.getExtensions().get("rejections");
                    assertThat(rejections).extracting(r -> r.get("row")).containsExactly(3, 4, 5, 6, 7, 8);
                    assertThat(rejections).extracting(r -> r.get("column"))
                            .containsExactly("LA (code)", "SchoolCapacity", "StatutoryHighAge", "URN", "URN", null);
                    assertThat(rejections.get(1).get("reason")).isEqualTo("expected a whole number from 0 to 10000, got \"-5\"");
                    assertThat(rejections.get(4).get("reason")).isEqualTo("URN 154001 appears again (first on row 2)");
                    assertThat(rejections.get(5).get("reason")).isEqualTo("the row has 2 fields but the header has 139");
                    return true;
                }).verify();

        assertThat(db.fetchCount(SETTING, SETTING.URN.between(154_000, 154_999))).isZero();
        assertThat(db.fetchCount(AUDIT_EVENT)).isEqualTo(auditBefore);

        // The same file as a dry run lists the rejections in the payload.
        graphQl.documentName("importSettings").variable("csv", csv).variable("dryRun", true).execute()
                .path("importSettings.rejected").entity(Integer.class).isEqualTo(6)
                .path("importSettings.created").entity(Integer.class).isEqualTo(1)
                .path("importSettings.rejections[0].urn").entity(Integer.class).isEqualTo(154_002);
    }

    @Test
    void aSchoolGetsPlacesOnlyInThePhasesOfTheAgesItsPupilsAreInBeforeTheHighAgeAtWhichTheyLeave() {
        String csv = new GiasRows()
                .independentSpecial(155_001, Map.of("StatutoryLowAge", "4", "StatutoryHighAge", "11"))
                .independentSpecial(155_002, Map.of("StatutoryLowAge", "11", "StatutoryHighAge", "16"))
                .independentSpecial(155_003, Map.of("StatutoryLowAge", "11", "StatutoryHighAge", "18"))
                .independentSpecial(155_004, Map.of("StatutoryLowAge", "2", "StatutoryHighAge", "19"))
                .csv();
        graphQl.documentName("importSettings").variable("csv", csv).execute()
                .path("importSettings.created").entity(Integer.class).isEqualTo(4);

        // reception to year 6: no secondary places
        graphQl.documentName("setting").variable("urn", 155_001).execute()
                .path("setting.places[?(@.need == 'ASD')].phase").entityList(String.class).contains("EARLY_YEARS", "PRIMARY").hasSize(2)
                .path("setting.ageFrom").entity(Integer.class).isEqualTo(4)
                .path("setting.ageTo").entity(Integer.class).isEqualTo(10);
        // years 7 to 11: no post-16 places
        graphQl.documentName("setting").variable("urn", 155_002).execute()
                .path("setting.places[?(@.need == 'ASD')].phase").entityList(String.class).containsExactly("SECONDARY")
                .path("setting.ageTo").entity(Integer.class).isEqualTo(15);
        graphQl.documentName("setting").variable("urn", 155_003).execute()
                .path("setting.places[?(@.need == 'ASD')].phase").entityList(String.class).contains("SECONDARY", "POST_16").hasSize(2);
        // pupils leave at 19: post-16 but no post-19 places
        graphQl.documentName("setting").variable("urn", 155_004).execute()
                .path("setting.places[?(@.need == 'ASD')].phase").entityList(String.class)
                .contains("EARLY_YEARS", "PRIMARY", "SECONDARY", "POST_16").hasSize(4);
    }

    @Test
    void anUnknownNeedTypeRefusesTheWholeFileNamingTheColumnAndValue() {
        String csv = new GiasRows()
                .independentSpecial(156_001, Map.of())
                .independentSpecial(156_002, Map.of("SEN2 (name)", "Dyslexia", "LA (code)", "999"))
                .csv();
        graphQl.documentName("importSettings").variable("csv", csv).execute()
                .errors().expect(e -> {
                    if (!e.getMessage().startsWith("importSettings.csv: 1 of 2 rows rejected, so nothing was imported; first: row 3 column \"LA (code)\"")) {
                        return false;
                    }
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rejections = (List<Map<String, Object>>) e.getExtensions().get("rejections");
                    assertThat(rejections).extracting(r -> r.get("row"), r -> r.get("column")).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3, "LA (code)"), org.assertj.core.groups.Tuple.tuple(3, "SEN2 (name)"));
                    assertThat((String) rejections.get(1).get("reason")).startsWith("unknown need type \"Dyslexia\"");
                    return true;
                }).verify();
        assertThat(db.fetchCount(SETTING, SETTING.URN.between(156_000, 156_999))).isZero();
        graphQl.documentName("importSettings").variable("csv", csv).variable("dryRun", true).execute()
                .path("importSettings.rejected").entity(Integer.class).isEqualTo(1)
                .path("importSettings.rejections[*].column").entityList(String.class).containsExactly("LA (code)", "SEN2 (name)");
    }

    @Test
    void refusesFilesThatAreNotGiasExtracts() {
        graphQl.documentName("importSettings").variable("csv", "name,capacity\nA,1\n").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST && e.getMessage().startsWith(
                        "csv: the header lacks required GIAS column(s) \"URN\", \"LA (code)\", \"EstablishmentName\"")).verify();
        graphQl.documentName("importSettings").variable("csv", GiasRows.HEADER + "\n\"100001,919\n").execute()
                .errors().expect(e -> e.getMessage().equals("csv: malformed CSV: a quoted field opened on line 2 is never closed; nothing was imported")).verify();
        graphQl.documentName("importSettings").variable("csv", "").execute()
                .errors().expect(e -> e.getMessage().startsWith("csv: the file is empty")).verify();
        graphQl.documentName("importSettings").variable("csv", "x").variable("csvBase64", "eA==").execute()
                .errors().expect(e -> e.getMessage().startsWith("csv: give the file either as csv (text) or as csvBase64")).verify();
        graphQl.documentName("importSettings").variable("csvBase64", "***").execute()
                .errors().expect(e -> e.getMessage().startsWith("csvBase64: not valid base64")).verify();
    }
}
