package uk.sendplan.api.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.settings.GiasRowReader.Candidate;
import uk.sendplan.api.settings.GiasRowReader.ImportIssue;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.db.types.ProviderKind;
import uk.sendplan.db.types.RecordSource;
import uk.sendplan.db.types.Sector;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Reading a GIAS extract into register values, on its own: no Spring, no database. */
class GiasRowReaderTest {

    /** Two LAs and the register's five phases, as the reference migration defines them. */
    private static final GiasRowReader.Register REGISTER = new GiasRowReader.Register() {
        private final List<Phase> phases = List.of(new Phase("EARLY_YEARS", "Early years", 0, 4), new Phase("PRIMARY", "Primary", 5, 10),
                new Phase("SECONDARY", "Secondary", 11, 15), new Phase("POST_16", "Post-16", 16, 18), new Phase("POST_19", "Post-19", 19, 25));

        @Override
        public boolean knowsLocalAuthority(String code) {
            return Map.of("202", "Camden", "204", "Hackney").containsKey(code);
        }

        @Override
        public String localAuthorityName(String code) {
            return Map.of("202", "Camden", "204", "Hackney").get(code);
        }

        @Override
        public List<String> needCodes() {
            // the reference migration's need types, in its order
            return List.of("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH");
        }

        @Override
        public List<Phase> phasesOverlapping(int ageFrom, int ageTo) {
            return phases.stream().filter(p -> p.overlaps(ageFrom, ageTo)).toList();
        }
    };

    private static final String HEADER = "URN,LA (code),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),"
            + "StatutoryLowAge,StatutoryHighAge,SchoolCapacity,NumberOfPupils,ResourcedProvisionCapacity,ResourcedProvisionOnRoll,"
            + "SEN1 (name),Easting,Northing,Postcode,PropsName\n";

    private static GiasRowReader.Read read(String rows) {
        return GiasRowReader.read(HEADER + rows, REGISTER);
    }

    @Test
    void anIndependentSpecialSchoolBecomesASettingItsProprietorAndPlacesSpreadOverItsNeedsAndPhases() {
        GiasRowReader.Read read = read("140001,202,Hill House School,Other independent special school,Open,11,15,40,30,,,"
                + "ASD - Autistic Spectrum Disorder~SEMH - Social Emotional and Mental Health,528000,184000,NW1 2AB,Hill House Ltd\n");
        assertThat(read.rejections()).isEmpty();
        Candidate candidate = read.candidates().getFirst();
        assertThat(candidate.line()).isEqualTo(2);
        SettingDraft setting = candidate.setting();
        assertThat(setting.urn()).isEqualTo(140001);
        assertThat(setting.type()).isEqualTo("INDEPENDENT_SPECIAL");
        assertThat(setting.sector()).isEqualTo(Sector.INDEPENDENT);
        assertThat(setting.postcode()).isEqualTo("NW1 2AB");
        assertThat(setting.source()).isEqualTo(RecordSource.GIAS);
        assertThat(candidate.provider().getName()).isEqualTo("Hill House Ltd");
        assertThat(candidate.provider().getKind()).isEqualTo(ProviderKind.INDEPENDENT);
        // 40 places and 30 pupils over ASD and SEMH in secondary: 20 and 15 each
        assertThat(candidate.places()).extracting(PlaceView::need, PlaceView::phase, PlaceView::capacity, PlaceView::occupied)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ASD", "SECONDARY", 20, 15),
                        org.assertj.core.groups.Tuple.tuple("SEMH", "SECONDARY", 20, 15));
    }

    @Test
    void aMainstreamSchoolCountsOnlyForItsResourcedProvisionAndIsSkippedWithout() {
        GiasRowReader.Read read = read("140002,204,Park Primary,Community school,Open,4,11,420,400,12,10,HI - Hearing Impairment,533000,185000,E8 1AA,\n"
                + "140003,204,Lane Primary,Community school,Open,4,11,420,400,,,,533100,185100,E8 1AB,\n");
        assertThat(read.candidates()).singleElement().satisfies(c -> {
            assertThat(c.setting().type()).isEqualTo("RESOURCED_PROVISION");
            assertThat(c.provider().getName()).isEqualTo("Hackney (local authority)");
            assertThat(c.places().stream().mapToInt(PlaceView::capacity).sum()).isEqualTo(12);
            assertThat(c.places().stream().mapToInt(PlaceView::occupied).sum()).isEqualTo(10);
        });
        assertThat(read.skipped()).containsEntry(GiasRowReader.SKIP_MAINSTREAM, 1);
    }

    @Test
    void everyBadRowIsRejectedWithItsLineColumnAndReasonAndClosedOrUnopenedOnesAreSetAside() {
        GiasRowReader.Read read = read("12,202,Tiny,Other independent special school,Open,11,15,10,5,,,,,,,\n"
                + "140004,999,Nowhere School,Other independent special school,Open,11,15,10,5,,,,,,,\n"
                + "140005,202,Late School,Other independent special school,Proposed to open,11,15,10,5,,,,,,,\n"
                + "140006,202,Gone School,Other independent special school,Closed,11,15,10,5,,,,,,,\n"
                + "140007,202,Odd Ages,Other independent special school,Open,15,11,10,5,,,,,,,\n"
                + "140007,202,Twice,Other independent special school,Open,11,15,10,5,,,,,,,\n"
                + "140008,202,Minus,Other independent special school,Open,11,15,-3,5,,,,,,,\n");
        assertThat(read.rows()).isEqualTo(7);
        assertThat(read.rejections()).extracting(ImportIssue::row, ImportIssue::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "URN"), org.assertj.core.groups.Tuple.tuple(3, "LA (code)"),
                org.assertj.core.groups.Tuple.tuple(6, "StatutoryHighAge"), org.assertj.core.groups.Tuple.tuple(7, "URN"),
                org.assertj.core.groups.Tuple.tuple(8, "SchoolCapacity"));
        assertThat(read.rejections().get(1).reason()).isEqualTo("unknown English local authority code \"999\"");
        assertThat(read.rejections().get(3).reason()).isEqualTo("URN 140007 appears again (first on row 6)");
        assertThat(read.skipped()).containsEntry(GiasRowReader.SKIP_NOT_OPEN, 1);
        assertThat(read.closedUrns()).containsExactly(Map.entry(140006, 5));
        assertThat(read.candidates()).isEmpty();
    }

    /**
     * GIAS's StatutoryLowAge is the age pupils join and StatutoryHighAge the age they leave; the phases are ages in the
     * school year (EARLY_YEARS 0-4, PRIMARY 5-10, SECONDARY 11-15, POST_16 16-18, POST_19 19-25).
     */
    @ParameterizedTest(name = "{0}-{1}: ages {2}-{3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            2  | 19 | 2  | 18 | EARLY_YEARS PRIMARY SECONDARY POST_16
            3  | 11 | 3  | 10 | EARLY_YEARS PRIMARY
            4  | 11 | 4  | 10 | EARLY_YEARS PRIMARY
            5  | 11 | 5  | 10 | PRIMARY
            7  | 11 | 7  | 10 | PRIMARY
            11 | 16 | 11 | 15 | SECONDARY
            11 | 18 | 11 | 17 | SECONDARY POST_16
            11 | 19 | 11 | 18 | SECONDARY POST_16
            16 | 19 | 16 | 18 | POST_16
            16 | 25 | 16 | 24 | POST_16 POST_19
            2  | 11 | 2  | 10 | EARLY_YEARS PRIMARY
            4  | 19 | 4  | 18 | EARLY_YEARS PRIMARY SECONDARY POST_16
            """)
    void aSchoolsPhasesAreThoseOfTheAgesItsPupilsAreInFromJoiningToTheYearBeforeTheyLeave(int lowAge, int highAge, int youngest,
                                                                                           int oldest, String phases) {
        GiasRowReader.Read read = read("140010,202,Range School,Other independent special school,Open," + lowAge + "," + highAge
                + ",40,30,,,ASD - Autistic Spectrum Disorder,528000,184000,NW1 2AB,\n");
        assertThat(read.rejections()).isEmpty();
        Candidate candidate = read.candidates().getFirst();
        assertThat(candidate.setting()).extracting(SettingDraft::ageFrom, SettingDraft::ageTo).containsExactly(youngest, oldest);
        assertThat(candidate.places()).extracting(PlaceView::phase).containsExactly(phases.split(" "));
    }

    @Test
    void aRowIsRejectedWithEveryProblemItHasNotOnlyTheFirst() {
        GiasRowReader.Read read = read("140011,999,,Other independent special school,Open,11,11,ten,5,,,"
                + "ASD - Autistic Spectrum Disorder~Dyslexia,528000,,NW1 2AB,\n"
                + "12,202,Bad Status School,Other independent special school,Reopened,4,11,40,30,,,,528000,184000,,\n");
        assertThat(read.rejections()).extracting(ImportIssue::row, ImportIssue::column, ImportIssue::reason).containsExactly(
                tuple(2, "SchoolCapacity", "expected a whole number from 0 to 10000, got \"ten\""),
                tuple(2, "LA (code)", "unknown English local authority code \"999\""),
                tuple(2, "EstablishmentName", "the establishment has no name"),
                tuple(2, "StatutoryHighAge", "expected the age pupils leave, from 12 to 25 (above StatutoryLowAge 11), got \"11\""),
                tuple(2, "Northing", "not a British National Grid point: (528000, )"),
                tuple(2, "SEN1 (name)", "unknown need type \"Dyslexia\": expected a DfE SEN provision type such as"
                        + " \"ASD - Autistic Spectrum Disorder\" (SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH) or \"Not Applicable\""),
                tuple(3, "URN", "not a DfE URN: \"12\""),
                tuple(3, "EstablishmentStatus (name)", "unknown establishment status \"Reopened\""));
        assertThat(read.candidates()).isEmpty();
        assertThat(read.skipped()).isEmpty();
    }

    @Test
    void aNeedTypeGiasDoesNotDefineIsRefusedNamingItsColumnAndValueWhileNotApplicableMeansNone() {
        String header = HEADER.replace("SEN1 (name)", "SEN1 (name),SEN2 (name)");
        GiasRowReader.Read read = GiasRowReader.read(header
                + "140012,202,Two Needs School,Other independent special school,Open,11,16,40,30,,,HI - Hearing Impairment,"
                + "BESD - Behaviour Emotional and Social Difficulty,528000,184000,NW1 2AB,\n"
                + "140013,202,Plain School,Other independent special school,Open,11,16,40,30,,,Not Applicable,,528000,184000,NW1 2AB,\n",
                REGISTER);
        assertThat(read.rejections()).singleElement().satisfies(issue -> {
            assertThat(issue.row()).isEqualTo(2);
            assertThat(issue.urn()).isEqualTo(140012);
            assertThat(issue.column()).isEqualTo("SEN2 (name)");
            assertThat(issue.reason()).startsWith("unknown need type \"BESD - Behaviour Emotional and Social Difficulty\"");
        });
        assertThat(read.candidates()).singleElement().satisfies(c -> assertThat(c.places()).extracting(PlaceView::need).containsExactly("OTH"));
    }

    @Test
    void aFileThatIsNotAGiasExtractIsRefusedWhole() {
        assertThatThrownBy(() -> GiasRowReader.read("name,age\nx,1\n", REGISTER)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("csv: the header lacks required GIAS column(s) \"URN\", \"LA (code)\"");
        assertThatThrownBy(() -> GiasRowReader.read("", REGISTER)).isInstanceOf(ApiException.class)
                .hasMessage("csv: the file is empty; expected a GIAS extract with a header row");
    }
}
