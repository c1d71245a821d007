package uk.sendplan.api.web;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps drawn on the server as SVG, without a tile server: England's LA outlines (see {@link LaBoundaries}) shaded in a
 * few classes with a key, points (settings, homes) and lines (placements), all in British National Grid metres as the
 * register keeps them. The page renders the result with the fragment {@code web/map :: map(${map})}, which gives the
 * map its title and description, each shaded LA an accessible name (and a link, if given), and the key below it; the
 * page puts the same numbers in a table under the map. Classes and kinds are styled in app.css (no inline style: the
 * pages' content security policy forbids it).
 *
 * <pre>
 * SvgMap map = maps.map("Shortfall by LA", "Each LA shaded by ...; the table below gives the same numbers.")
 *         .shades(List.of("Places to spare", "Short by 1 to 10", "Short by more than 10"))
 *         .area("202", "Camden: short by 12 places", 2, "/region/forecast?la=202")
 *         .kind("independent", "Independent special school")
 *         .point(527_719, 183_862, "independent", "Demo school")
 *         .line(527_000, 184_000, 529_500, 182_100, "independent", "A child placed at Demo school, 3 km")
 *         .draw();
 * </pre>
 */
@Component
public class SvgMaps {

    /** The most shading classes a map may use (app-map__shade--0 to --5): more than that can't be told apart. */
    public static final int MAX_SHADES = 6;
    /** An area's shade when it has no figure (hatched grey). */
    public static final int NO_DATA = -1;
    /** The map's longer side in SVG user units; it scales to its container. */
    static final double SIZE = 640;

    private final LaBoundaries boundaries;

    SvgMaps(LaBoundaries boundaries) {
        this.boundaries = boundaries;
    }

    /** Starts a map with its title (its accessible name) and a description of what it shows and where its numbers are. */
    public Builder map(String title, String description) {
        return new Builder(title, description);
    }

    /** What a page wants on a map; {@link #draw()} frames everything added and turns it into SVG geometry. */
    public final class Builder {
        private final String title;
        private final String description;
        private final List<String> shades = new ArrayList<>();
        private final Map<String, String> kinds = new LinkedHashMap<>();
        private final List<Object[]> areas = new ArrayList<>();
        private final List<Object[]> points = new ArrayList<>();
        private final List<Object[]> lines = new ArrayList<>();

        private Builder(String title, String description) {
            this.title = title;
            this.description = description;
        }

        /** The key's words for each shade, lightest (0) first; areas name their shade by its index. */
        public Builder shades(List<String> labels) {
            if (labels.size() > MAX_SHADES) {
                throw new IllegalArgumentException("at most " + MAX_SHADES + " shades");
            }
            shades.clear();
            shades.addAll(labels);
            return this;
        }

        /** The key's words for a kind of point or line (a kind is a class suffix in app.css, e.g. "independent"). */
        public Builder kind(String kind, String label) {
            kinds.put(kind, label);
            return this;
        }

        /**
         * An LA shaded by a class ({@link #NO_DATA} for none), with its accessible name (the LA's name and its figure,
         * e.g. "Camden: short by 12 places") and, optionally, where it links to. An LA the boundary file lacks is left off.
         */
        public Builder area(String laCode, String name, int shade, String href) {
            if (shade < NO_DATA || shade >= Math.max(1, shades.size())) {
                throw new IllegalArgumentException("shade " + shade + " of " + shades.size());
            }
            areas.add(new Object[]{laCode, name, shade, href});
            return this;
        }

        /** A point of a kind at a grid reference, with the words a pointer shows over it. */
        public Builder point(double easting, double northing, String kind, String label) {
            points.add(new Object[]{easting, northing, kind, label});
            return this;
        }

        /** A straight line of a kind between two grid references, with the words a pointer shows over it. */
        public Builder line(double fromEasting, double fromNorthing, double toEasting, double toNorthing, String kind, String label) {
            lines.add(new Object[]{fromEasting, fromNorthing, kind, label, toEasting, toNorthing});
            return this;
        }

        /** The map, framed on everything added (with a small margin) and scaled so that its longer side is {@link #SIZE}. */
        public SvgMap draw() {
            Frame frame = new Frame();
            for (Object[] a : areas) {
                for (int[] ring : boundaries.of((String) a[0])) {
                    for (int i = 0; i < ring.length; i += 2) {
                        frame.add(ring[i], ring[i + 1]);
                    }
                }
            }
            points.forEach(p -> frame.add((double) p[0], (double) p[1]));
            lines.forEach(l -> {
                frame.add((double) l[0], (double) l[1]);
                frame.add((double) l[4], (double) l[5]);
            });
            frame.fit();
            List<SvgMap.Area> drawnAreas = new ArrayList<>();
            for (Object[] a : areas) {
                if (!boundaries.has((String) a[0])) {
                    continue;
                }
                StringBuilder d = new StringBuilder();
                for (int[] ring : boundaries.of((String) a[0])) {
                    for (int i = 0; i < ring.length; i += 2) {
                        d.append(i == 0 ? 'M' : ' ').append(frame.x(ring[i])).append(' ').append(frame.y(ring[i + 1]));
                    }
                    d.append('Z');
                }
                int shade = (int) a[2];
                drawnAreas.add(new SvgMap.Area((String) a[0], (String) a[1], d.toString(),
                        shade == NO_DATA ? "app-map__shade--none" : "app-map__shade--" + shade, (String) a[3]));
            }
            List<SvgMap.Point> drawnPoints = points.stream().map(p -> new SvgMap.Point(frame.x((double) p[0]), frame.y((double) p[1]),
                    "app-map__point--" + p[2], (String) p[3])).toList();
            List<SvgMap.Line> drawnLines = lines.stream().map(l -> new SvgMap.Line(frame.x((double) l[0]), frame.y((double) l[1]),
                    frame.x((double) l[4]), frame.y((double) l[5]), "app-map__line--" + l[2], (String) l[3])).toList();
            List<SvgMap.KeyItem> key = new ArrayList<>();
            for (int i = 0; i < shades.size(); i++) {
                key.add(new SvgMap.KeyItem("area", "app-map__shade--" + i, shades.get(i)));
            }
            if (areas.stream().anyMatch(a -> (int) a[2] == NO_DATA)) {
                key.add(new SvgMap.KeyItem("area", "app-map__shade--none", "No figure"));
            }
            kinds.forEach((kind, label) -> {
                if (points.stream().anyMatch(p -> p[2].equals(kind))) {
                    key.add(new SvgMap.KeyItem("point", "app-map__point--" + kind, label));
                }
                if (lines.stream().anyMatch(l -> l[2].equals(kind))) {
                    key.add(new SvgMap.KeyItem("line", "app-map__line--" + kind, label));
                }
            });
            return new SvgMap(title, description, Math.round(frame.width), Math.round(frame.height), drawnAreas, drawnPoints, drawnLines, key);
        }
    }

    /** The grid's bounding box and its scale to SVG units: x east, y south (SVG's y runs down, northings up). */
    private static final class Frame {
        double minE = Double.MAX_VALUE;
        double minN = Double.MAX_VALUE;
        double maxE = -Double.MAX_VALUE;
        double maxN = -Double.MAX_VALUE;
        double scale;
        double width;
        double height;

        void add(double e, double n) {
            minE = Math.min(minE, e);
            maxE = Math.max(maxE, e);
            minN = Math.min(minN, n);
            maxN = Math.max(maxN, n);
        }

        void fit() {
            if (minE > maxE) {
                // nothing to draw: a small empty frame
                minE = minN = 0;
                maxE = maxN = 1;
            }
            // 2% of a margin, at least 500 m, so border strokes and dots at the edge are not cut off
            double margin = Math.max(500, 0.02 * Math.max(maxE - minE, maxN - minN));
            minE -= margin;
            minN -= margin;
            maxE += margin;
            maxN += margin;
            scale = SIZE / Math.max(maxE - minE, maxN - minN);
            width = (maxE - minE) * scale;
            height = (maxN - minN) * scale;
        }

        String x(double easting) {
            return coordinate((easting - minE) * scale);
        }

        String y(double northing) {
            return coordinate((maxN - northing) * scale);
        }

        /** One decimal: a tenth of a unit is finer than any screen shows the map, and keeps the page small. */
        private static String coordinate(double value) {
            double rounded = Math.round(value * 10) / 10.0;
            return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
        }
    }
}
