package uk.sendplan.api.reference;

import org.springframework.core.io.ClassPathResource;
import uk.sendplan.api.system.Csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Children with EHC plans placed by each LA in January 2025, by kind of setting and need (DfE SEN2 2025, see
 * demo/PROVENANCE.md): what the demo register and demo demand are generated from.
 */
public final class Sen2Placements {

    static final String SOURCE = "demo/sen2_2025_placements_by_la.csv";

    /** LA code → setting type → children placed, by need in {@link #needs()} order. */
    public record Table(List<String> needs, Map<String, Map<String, int[]>> byLaAndType) {
    }

    private static final Table TABLE = read();

    private Sen2Placements() {
    }

    /** The need codes, in the order of the counts (as the file's header gives them). */
    public static List<String> needs() {
        return TABLE.needs();
    }

    public static Map<String, Map<String, int[]>> byLaAndType() {
        return TABLE.byLaAndType();
    }

    private static Table read() {
        try {
            List<Csv.Row> rows = Csv.parse(new ClassPathResource(SOURCE).getContentAsString(StandardCharsets.UTF_8));
            List<String> header = rows.getFirst().fields();
            List<String> needs = List.copyOf(header.subList(2, header.size()));
            Map<String, Map<String, int[]>> result = new LinkedHashMap<>();
            for (Csv.Row row : rows.subList(1, rows.size())) {
                int[] counts = new int[needs.size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = Integer.parseInt(row.fields().get(2 + i));
                }
                result.computeIfAbsent(row.fields().get(0), k -> new LinkedHashMap<>()).put(row.fields().get(1), counts);
            }
            return new Table(needs, result);
        } catch (IOException e) {
            throw new UncheckedIOException("the SEN2 placements " + SOURCE + " are missing from the classpath", e);
        }
    }
}
