package uk.sendplan.api.web.geography;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Douglas-Peucker on closed rings: far fewer vertices, no original vertex farther than the tolerance from the result. */
class SimplifyTest {

    @Test
    void aWigglyCoastlineLosesMostVerticesAndStaysWithinTheTolerance() {
        List<NationalGrid.Point> ring = wigglyCircle(2_000, 10_000, 30);
        double tolerance = 80;
        List<NationalGrid.Point> simple = Simplify.ring(ring, tolerance);

        assertThat(simple.size()).isLessThan(ring.size() / 5).isGreaterThan(8);
        assertThat(simple.getFirst()).isEqualTo(simple.getLast());
        for (NationalGrid.Point p : ring) {
            assertThat(distanceToRing(p, simple)).isLessThanOrEqualTo(tolerance);
        }
        // the shape keeps its size: the area changes by under 2%
        assertThat(Simplify.area(simple) / Simplify.area(ring)).isCloseTo(1.0, within(0.02));
    }

    @Test
    void aSquareKeepsItsFourCornersAndDropsThePointsAlongItsSides() {
        List<NationalGrid.Point> ring = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ring.add(new NationalGrid.Point(i * 100, 0));
        }
        for (int i = 0; i < 10; i++) {
            ring.add(new NationalGrid.Point(1000, i * 100));
        }
        for (int i = 10; i > 0; i--) {
            ring.add(new NationalGrid.Point(i * 100, 1000));
        }
        for (int i = 10; i >= 0; i--) {
            ring.add(new NationalGrid.Point(0, i * 100));
        }
        List<NationalGrid.Point> simple = Simplify.ring(ring, 1);
        assertThat(simple).containsExactlyInAnyOrder(new NationalGrid.Point(0, 0), new NationalGrid.Point(1000, 0),
                new NationalGrid.Point(1000, 1000), new NationalGrid.Point(0, 1000), new NationalGrid.Point(0, 0));
    }

    @Test
    void anIslandSmallerThanTheToleranceIsDroppedButAnLasOnlyOutlineNeverIs() {
        List<NationalGrid.Point> mainland = wigglyCircle(500, 10_000, 30);
        List<NationalGrid.Point> islet = wigglyCircle(12, 40, 5);
        assertThat(BoundaryFile.simplify(List.of(mainland, islet), 80)).hasSize(1);
        assertThat(BoundaryFile.simplify(List.of(islet), 80)).hasSize(1);
    }

    /** A circle of the radius with a ripple of the amplitude, n vertices, closed. */
    private static List<NationalGrid.Point> wigglyCircle(int n, double radius, double amplitude) {
        List<NationalGrid.Point> ring = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            double r = radius + amplitude * Math.sin(angle * 97) + amplitude / 2 * Math.cos(angle * 31);
            ring.add(new NationalGrid.Point(500_000 + r * Math.cos(angle), 200_000 + r * Math.sin(angle)));
        }
        ring.add(ring.getFirst());
        return ring;
    }

    private static double distanceToRing(NationalGrid.Point p, List<NationalGrid.Point> ring) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 1 < ring.size(); i++) {
            best = Math.min(best, Simplify.toSegment(p, ring.get(i), ring.get(i + 1)));
        }
        return best;
    }
}
