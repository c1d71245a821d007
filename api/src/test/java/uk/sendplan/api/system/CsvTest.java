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
}
