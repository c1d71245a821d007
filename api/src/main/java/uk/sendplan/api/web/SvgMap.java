package uk.sendplan.api.web;

import java.util.List;

/**
 * A map ready for the fragment {@code web/map :: map(${map})} (see {@link SvgMaps}): its title and description, its
 * size in SVG user units, and its areas, points and lines in those units with the app.css classes that style them.
 */
public record SvgMap(String title, String description, long width, long height, List<Area> areas, List<Point> points, List<Line> lines,
                     List<KeyItem> key) {

    /** An LA: its code, accessible name, outline as SVG path data, shading class and the link it leads to (or null). */
    public record Area(String laCode, String name, String path, String cssClass, String href) {
    }

    public record Point(String x, String y, String cssClass, String label) {
    }

    public record Line(String x1, String y1, String x2, String y2, String cssClass, String label) {
    }

    /** One entry of the key below the map: the shape of its swatch (area, point or line), its class and its words. */
    public record KeyItem(String shape, String cssClass, String label) {
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }
}
