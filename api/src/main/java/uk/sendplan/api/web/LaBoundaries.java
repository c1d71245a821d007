package uk.sendplan.api.web;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * England's LA outlines in British National Grid metres, from geography/la-boundaries.txt (ONS boundaries, OGL,
 * simplified; see PROVENANCE.md beside it), read once at start: about 23,000 vertices, so the maps need no tile server.
 */
@Component
class LaBoundaries {

    static final String RESOURCE = "/geography/la-boundaries.txt";

    /** Each LA's rings, each ring its vertices as easting, northing pairs (closing vertex left out). */
    private final Map<String, List<int[]>> rings;

    LaBoundaries() {
        try (InputStream in = LaBoundaries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            rings = read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The LA's rings; empty for a code the file does not have. */
    List<int[]> of(String laCode) {
        return rings.getOrDefault(laCode, List.of());
    }

    boolean has(String laCode) {
        return rings.containsKey(laCode);
    }

    static Map<String, List<int[]>> read(BufferedReader reader) throws IOException {
        Map<String, List<int[]>> out = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            List<int[]> laRings = new ArrayList<>();
            for (String ring : line.substring(tab + 1).split(";")) {
                String[] vertices = ring.split(" ");
                int[] xy = new int[vertices.length * 2];
                for (int i = 0; i < vertices.length; i++) {
                    int comma = vertices[i].indexOf(',');
                    xy[2 * i] = Integer.parseInt(vertices[i], 0, comma, 10);
                    xy[2 * i + 1] = Integer.parseInt(vertices[i], comma + 1, vertices[i].length(), 10);
                }
                laRings.add(xy);
            }
            out.put(line.substring(0, tab), List.copyOf(laRings));
        }
        return Map.copyOf(out);
    }
}
