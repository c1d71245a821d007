package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The boundary file the maps draw, and the map component's frame, shading, key and accessible names. */
class SvgMapsTest {

    private static final LaBoundaries BOUNDARIES = new LaBoundaries();
    private final SvgMaps maps = new SvgMaps(BOUNDARIES);

    @Test
    void everyLaOfTheReferenceDataHasAnOutlineWhoseAreaIsOnsOwn() throws IOException {
        // the reference data's LAs with ONS's area of the same (unsimplified) boundary, converted to the grid
        List<String> lines = Files.readAllLines(Path.of("../db/reference-data/la_centroids_detail.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split(","));
        Map<String, Double> areas = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // a comma inside quotes ("Herefordshire, County of") is not a separator
            String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            areas.put(cells[header.indexOf("la_code")], Double.parseDouble(cells[header.indexOf("area_km2_bsc")]));
        }
        assertThat(areas).hasSize(153);
        areas.forEach((code, km2) -> {
            assertThat(BOUNDARIES.has(code)).as("LA %s has an outline", code).isTrue();
            // simplified to 80 m, an LA keeps its area: within 2% or 0.3 km² (the City of London is 2.9 km²)
            assertThat(area(BOUNDARIES.of(code)) / 1e6).as("area of LA %s, km²", code).isCloseTo(km2, within(Math.max(0.3, km2 * 0.02)));
        });
    }

    @Test
    void aMapIsFramedOnItsLasWithEachShadedNamedAndLinkedAndTheKeyListsWhatIsDrawn() {
        SvgMap map = maps.map("Camden and Islington", "Two LAs.")
                .shades(List.of("Places to spare", "Short"))
                .area("202", "Camden: short by 12 places", 1, "/region/forecast?la=202")
                .area("206", "Islington: no forecast", SvgMaps.NO_DATA, null)
                .kind("state-special", "State special school").kind("home", "Home (rounded)")
                .point(527_719, 183_862, "state-special", "Demo school")
                .line(527_719, 183_862, 531_000, 185_000, "state-special", "A placement")
                .draw();

        // the longer side is 640 units, the map no wider than the two boroughs and their margin
        assertThat(Math.max(map.width(), map.height())).isEqualTo(640);
        assertThat(map.viewBox()).isEqualTo("0 0 " + map.width() + " " + map.height());
        assertThat(map.areas()).extracting(SvgMap.Area::laCode).containsExactly("202", "206");
        SvgMap.Area camden = map.areas().getFirst();
        assertThat(camden.name()).isEqualTo("Camden: short by 12 places");
        assertThat(camden.cssClass()).isEqualTo("app-map__shade--1");
        assertThat(camden.href()).isEqualTo("/region/forecast?la=202");
        assertThat(camden.path()).startsWith("M").endsWith("Z");
        assertThat(map.areas().get(1).cssClass()).isEqualTo("app-map__shade--none");

        // north is up: the point in Camden lies inside Camden's outline's box, south of Islington's top
        double[] box = box(camden.path());
        SvgMap.Point school = map.points().getFirst();
        assertThat(Double.parseDouble(school.x())).isBetween(box[0], box[2]);
        assertThat(Double.parseDouble(school.y())).isBetween(box[1], box[3]);
        assertThat(school.cssClass()).isEqualTo("app-map__point--state-special");
        SvgMap.Line line = map.lines().getFirst();
        assertThat(Double.parseDouble(line.y2())).as("a line to the north-east ends higher up").isLessThan(Double.parseDouble(line.y1()));

        // the key: every shade, "No figure" since an LA has none, and only the kinds drawn
        assertThat(map.key()).extracting(SvgMap.KeyItem::label)
                .containsExactly("Places to spare", "Short", "No figure", "State special school", "State special school");
        assertThat(map.key()).extracting(SvgMap.KeyItem::shape).containsExactly("area", "area", "area", "point", "line");
    }

    @Test
    void aShadeOutsideTheKeyIsRefused() {
        SvgMaps.Builder map = maps.map("t", "d").shades(List.of("a", "b"));
        assertThatThrownBy(() -> map.area("202", "Camden", 2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.shades(List.of("1", "2", "3", "4", "5", "6", "7"))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The LA's land as the map fills it (even-odd): a ring inside an odd number of the LA's other rings is a hole. ONS's
     * rings do not all wind the same way (Herefordshire's parts wind both ways), so winding can't tell holes.
     */
    private static double area(List<int[]> rings) {
        double land = 0;
        for (int[] ring : rings) {
            long around = rings.stream().filter(other -> other != ring && inside(ring[0], ring[1], other)).count();
            land += (around % 2 == 0 ? 1 : -1) * ringArea(ring);
        }
        return land;
    }

    private static double ringArea(int[] ring) {
        double sum = 0;
        int n = ring.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            sum += (double) ring[2 * i] * ring[2 * j + 1] - (double) ring[2 * j] * ring[2 * i + 1];
        }
        return Math.abs(sum) / 2;
    }

    /** Ray casting: whether the point is inside the ring. */
    private static boolean inside(double x, double y, int[] ring) {
        boolean in = false;
        int n = ring.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = ring[2 * i];
            double yi = ring[2 * i + 1];
            double xj = ring[2 * j];
            double yj = ring[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    /** The bounding box (minX, minY, maxX, maxY) of SVG path data made of M, Z and coordinate pairs. */
    private static double[] box(String path) {
        String[] numbers = path.replaceAll("[MZ]", " ").trim().split("\\s+");
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i + 1 < numbers.length; i += 2) {
            double x = Double.parseDouble(numbers[i]);
            double y = Double.parseDouble(numbers[i + 1]);
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
        }
        return box;
    }
}
