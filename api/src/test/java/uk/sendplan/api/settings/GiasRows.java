package uk.sendplan.api.settings;

import uk.sendplan.api.system.Csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds files in the real GIAS all-establishment format: the 139-column header of edubasealldata.csv, quoted as GIAS does. */
public final class GiasRows {

    static final String HEADER;
    static final List<String> COLUMNS;

    static {
        try (var in = GiasRows.class.getResourceAsStream("/gias/edubasealldata-header.csv")) {
            HEADER = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            COLUMNS = Csv.parse(HEADER).getFirst().fields();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<String> lines = new ArrayList<>(List.of(HEADER));

    /** An open independent special school; {@code overrides} replaces any column by name. */
    public GiasRows independentSpecial(int urn, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.ofEntries(
                Map.entry("URN", String.valueOf(urn)),
                Map.entry("LA (code)", "919"),
                Map.entry("LA (name)", "Hertfordshire"),
                Map.entry("EstablishmentName", "Meadow View School"),
                Map.entry("TypeOfEstablishment (name)", "Other independent special school"),
                Map.entry("EstablishmentTypeGroup (name)", "Independent schools"),
                Map.entry("EstablishmentStatus (name)", "Open"),
                Map.entry("StatutoryLowAge", "7"),
                Map.entry("StatutoryHighAge", "18"),
                Map.entry("Boarders (name)", "No boarders"),
                Map.entry("Gender (name)", "Mixed"),
                Map.entry("SchoolCapacity", "60"),
                Map.entry("NumberOfPupils", "50"),
                Map.entry("SEN1 (name)", "ASD - Autistic Spectrum Disorder"),
                Map.entry("SEN2 (name)", "SEMH - Social, Emotional and Mental Health"),
                Map.entry("Postcode", "AL1 3XX"),
                Map.entry("Easting", "516100"),
                Map.entry("Northing", "206900"),
                Map.entry("OfstedRating (name)", "Good"),
                Map.entry("PropsName", "Meadow Care Ltd")));
        values.putAll(overrides);
        return row(values);
    }

    GiasRows row(Map<String, String> values) {
        List<String> fields = new ArrayList<>();
        for (String column : COLUMNS) {
            fields.add(values.getOrDefault(column, ""));
        }
        lines.add(fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").reduce((a, b) -> a + "," + b).orElseThrow());
        return this;
    }

    GiasRows raw(String line) {
        lines.add(line);
        return this;
    }

    public String csv() {
        return String.join("\r\n", lines) + "\r\n";
    }
}
