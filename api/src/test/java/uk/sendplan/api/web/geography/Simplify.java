package uk.sendplan.api.web.geography;

import java.util.ArrayList;
import java.util.List;

/**
 * Douglas-Peucker simplification of a closed ring: keeps the fewest vertices such that no dropped vertex lies farther
 * than the tolerance from the simplified outline. A ring is split at the vertex farthest from its first, so both
 * halves have two distinct ends.
 */
final class Simplify {

    private Simplify() {
    }

    /** A closed ring (first point repeated last) simplified to the tolerance, closed the same way. */
    static List<NationalGrid.Point> ring(List<NationalGrid.Point> ring, double tolerance) {
        int last = ring.size() - 1;
        if (ring.size() < 4) {
            return List.copyOf(ring);
        }
        int far = 0;
        double best = -1;
        for (int i = 1; i < last; i++) {
            double d = distance(ring.getFirst(), ring.get(i));
            if (d > best) {
                best = d;
                far = i;
            }
        }
        boolean[] keep = new boolean[ring.size()];
        keep[0] = keep[far] = keep[last] = true;
        mark(ring, 0, far, tolerance, keep);
        mark(ring, far, last, tolerance, keep);
        List<NationalGrid.Point> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (keep[i]) {
                out.add(ring.get(i));
            }
        }
        return out;
    }

    /** Keeps the vertex between from and to farthest from their segment while it is beyond the tolerance, and recurses. */
    private static void mark(List<NationalGrid.Point> line, int from, int to, double tolerance, boolean[] keep) {
        // an explicit stack: a long coastline would recurse deeply
        java.util.ArrayDeque<int[]> work = new java.util.ArrayDeque<>();
        work.push(new int[]{from, to});
        while (!work.isEmpty()) {
            int[] span = work.pop();
            int worst = -1;
            double worstDistance = tolerance;
            for (int i = span[0] + 1; i < span[1]; i++) {
                double d = toSegment(line.get(i), line.get(span[0]), line.get(span[1]));
                if (d > worstDistance) {
                    worstDistance = d;
                    worst = i;
                }
            }
            if (worst >= 0) {
                keep[worst] = true;
                work.push(new int[]{span[0], worst});
                work.push(new int[]{worst, span[1]});
            }
        }
    }

    /** How far a point lies from the segment a-b, in the points' units. */
    static double toSegment(NationalGrid.Point p, NationalGrid.Point a, NationalGrid.Point b) {
        double dx = b.easting() - a.easting();
        double dy = b.northing() - a.northing();
        double length2 = dx * dx + dy * dy;
        if (length2 == 0) {
            return distance(p, a);
        }
        double t = ((p.easting() - a.easting()) * dx + (p.northing() - a.northing()) * dy) / length2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(p.easting() - (a.easting() + t * dx), p.northing() - (a.northing() + t * dy));
    }

    static double distance(NationalGrid.Point a, NationalGrid.Point b) {
        return Math.hypot(a.easting() - b.easting(), a.northing() - b.northing());
    }

    /** The ring's area by the shoelace formula (absolute, in square units). */
    static double area(List<NationalGrid.Point> ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            sum += ring.get(i).easting() * ring.get(i + 1).northing() - ring.get(i + 1).easting() * ring.get(i).northing();
        }
        return Math.abs(sum) / 2;
    }
}
