package uk.sendplan.api.web.geography;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the map's LA boundaries (api/src/main/resources/geography/la-boundaries.txt) from ONS's Counties and Unitary
 * Authorities (December 2023) boundaries, super-generalised and clipped to the coastline (WGS84 GeoJSON): England's 153
 * LAs only, joined to the service's 3-digit LA codes through their ONS codes (db/reference-data/la_centroids_detail.csv,
 * as the reference data's centroids are), converted to British National Grid metres (the frame the register's settings
 * and homes use), simplified by Douglas-Peucker to {@link #TOLERANCE_METRES} and rounded to whole metres. Islands that
 * simplify away are dropped, never an LA's largest part. Repeatable: the same input gives the same file.
 *
 * <pre>
 * # from the repository's root, with the data room's geography folder at ../shared/data/geography;
 * # -pl api alone takes db and planner from the local Maven repository, so install them from this checkout first
 * ./mvnw -B -q -DskipTests install -pl db,planner
 * ./mvnw -B -o -q test-compile exec:java -pl api -Dexec.classpathScope=test \
 *   -Dexec.mainClass=uk.sendplan.api.web.geography.BoundaryFile \
 *   -Dexec.args="../shared/data/geography/Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC.geojson db/reference-data/la_centroids_detail.csv api/src/main/resources/geography/la-boundaries.txt"
 * </pre>
 */
public final class BoundaryFile {

    /**
     * Half a pixel on a 640-pixel-wide map of a region 100 km across, invisible on a map of England. ONS's
     * super-generalised file is already generalised to about 200 m, so this removes only the vertices that add nothing
     * at map scale (28,768 to 22,913); 150 m would save only 6% more of the file.
     */
    static final double TOLERANCE_METRES = 80;

    /** One LA's outline: its rings (outer boundaries and holes alike; the map fills them even-odd). */
    record Boundary(String laCode, List<List<NationalGrid.Point>> rings) {
    }

    private BoundaryFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BoundaryFile <ONS CTYUA Dec 2023 BSC geojson> <la_centroids_detail.csv> <output>");
        }
        Map<String, String> laCodes = laCodesByOnsCode(Path.of(args[1]));
        Map<String, Boundary> boundaries = derive(JsonMapper.builder().build().readTree(Path.of(args[0]).toFile()), laCodes, TOLERANCE_METRES);
        if (boundaries.size() != laCodes.size()) {
            throw new IllegalStateException("matched " + boundaries.size() + " of " + laCodes.size() + " LAs");
        }
        Files.writeString(Path.of(args[2]), write(boundaries.values()), StandardCharsets.UTF_8);
        long before = countVertices(JsonMapper.builder().build().readTree(Path.of(args[0]).toFile()), laCodes);
        long after = boundaries.values().stream().flatMap(b -> b.rings().stream()).mapToLong(List::size).sum();
        System.out.printf("%d LAs, %d vertices from %d, %d bytes%n", boundaries.size(), after, before, Files.size(Path.of(args[2])));
    }

    /** ONS code to DfE LA code, from the reference data's centroid file (columns la_code and ons_code). */
    static Map<String, String> laCodesByOnsCode(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split(","));
        int la = header.indexOf("la_code");
        int ons = header.indexOf("ons_code");
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // a comma inside quotes ("Herefordshire, County of") is not a separator
            String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            codes.put(cells[ons], cells[la]);
        }
        return codes;
    }

    /** England's features joined to LA codes, each ring converted and simplified; keyed and ordered by LA code. */
    static Map<String, Boundary> derive(JsonNode geojson, Map<String, String> laCodes, double tolerance) {
        Map<String, Boundary> out = new TreeMap<>();
        for (JsonNode feature : geojson.get("features")) {
            String laCode = laCodes.get(feature.get("properties").get("CTYUA23CD").asString());
            if (laCode == null) {
                continue;
            }
            List<List<NationalGrid.Point>> rings = new ArrayList<>();
            for (JsonNode ring : rings(feature.get("geometry"))) {
                List<NationalGrid.Point> points = new ArrayList<>();
                for (JsonNode position : ring) {
                    points.add(NationalGrid.fromWgs84(position.get(1).asDouble(), position.get(0).asDouble()));
                }
                rings.add(points);
            }
            out.put(laCode, new Boundary(laCode, simplify(rings, tolerance)));
        }
        return out;
    }

    /** Each ring simplified and rounded; a ring that collapses is dropped unless it is the largest. */
    static List<List<NationalGrid.Point>> simplify(List<List<NationalGrid.Point>> rings, double tolerance) {
        List<NationalGrid.Point> largest = rings.stream().max(java.util.Comparator.comparingDouble(Simplify::area)).orElseThrow();
        List<List<NationalGrid.Point>> out = new ArrayList<>();
        for (List<NationalGrid.Point> ring : rings) {
            List<NationalGrid.Point> simple = rounded(Simplify.ring(ring, tolerance));
            if (simple.size() >= 4 && Simplify.area(simple) > tolerance * tolerance) {
                out.add(simple);
            } else if (ring == largest) {
                out.add(rounded(ring));
            }
        }
        return out;
    }

    private static List<NationalGrid.Point> rounded(List<NationalGrid.Point> ring) {
        List<NationalGrid.Point> out = new ArrayList<>();
        for (NationalGrid.Point p : ring) {
            NationalGrid.Point r = new NationalGrid.Point(Math.round(p.easting()), Math.round(p.northing()));
            if (out.isEmpty() || !out.getLast().equals(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<JsonNode> rings(JsonNode geometry) {
        List<JsonNode> rings = new ArrayList<>();
        JsonNode coordinates = geometry.get("coordinates");
        switch (geometry.get("type").asString()) {
            case "Polygon" -> coordinates.forEach(rings::add);
            case "MultiPolygon" -> coordinates.forEach(polygon -> polygon.forEach(rings::add));
            default -> throw new IllegalArgumentException("not a polygon: " + geometry.get("type"));
        }
        return rings;
    }

    private static long countVertices(JsonNode geojson, Map<String, String> laCodes) {
        long n = 0;
        for (JsonNode feature : geojson.get("features")) {
            if (laCodes.containsKey(feature.get("properties").get("CTYUA23CD").asString())) {
                for (JsonNode ring : rings(feature.get("geometry"))) {
                    n += ring.size();
                }
            }
        }
        return n;
    }

    /**
     * The file: comment lines, then one line per LA, its code, a tab and its rings separated by ';', each ring its
     * vertices as "easting,northing" separated by spaces, closing vertex left out.
     */
    static String write(java.util.Collection<Boundary> boundaries) {
        StringBuilder out = new StringBuilder()
                .append("# England's LA boundaries for the service's maps: British National Grid metres, simplified to ")
                .append(Math.round(TOLERANCE_METRES)).append(" m.\n")
                .append("# Derived by uk.sendplan.api.web.geography.BoundaryFile (api/src/test) from ONS data: see PROVENANCE.md here.\n")
                .append("# Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ")
                .append("Contains OS data (c) Crown copyright and database right 2023.\n")
                .append("# la_code<TAB>ring;ring;... with each ring's vertices as easting,northing separated by spaces (closing vertex left out)\n");
        for (Boundary b : boundaries) {
            out.append(b.laCode()).append('\t');
            for (int r = 0; r < b.rings().size(); r++) {
                List<NationalGrid.Point> ring = b.rings().get(r);
                if (r > 0) {
                    out.append(';');
                }
                for (int i = 0; i < ring.size() - 1; i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    out.append(Math.round(ring.get(i).easting())).append(',').append(Math.round(ring.get(i).northing()));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
