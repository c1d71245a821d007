package uk.sendplan.api.web.geography;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The conversion that puts ONS's WGS84 boundaries in the National Grid frame of the register's settings and homes. */
class NationalGridTest {

    @Test
    void theTransverseMercatorGivesOrdnanceSurveysWorkedExampleToTheMillimetre() {
        // A guide to coordinate systems in Great Britain, example C.1: OSGB36 52°39'27.2531"N 1°43'4.5177"E
        double phi = Math.toRadians(52 + 39 / 60.0 + 27.2531 / 3600);
        double lambda = Math.toRadians(1 + 43 / 60.0 + 4.5177 / 3600);
        NationalGrid.Point p = NationalGrid.project(phi, lambda);
        assertThat(p.easting()).isCloseTo(651_409.903, within(0.001));
        assertThat(p.northing()).isCloseTo(313_177.270, within(0.001));
    }

    @Test
    void wgs84PositionsLandWithinTheHelmertTransformsFewMetresOfTheirPublishedGridReferences() {
        // ONS's own label points of the Dec 2023 boundary file, published both ways (LAT/LONG and BNG_E/BNG_N)
        assertWithin(NationalGrid.fromWgs84(51.54305, -0.16291), 527_491, 184_283, 5);   // Camden
        assertWithin(NationalGrid.fromWgs84(54.67614, -1.27018), 447_160, 531_474, 5);   // Hartlepool
        // the Helmert step matters: without it the same point is over 100 m out
        double[] osgb = {Math.toRadians(51.54305), Math.toRadians(-0.16291)};
        NationalGrid.Point raw = NationalGrid.project(osgb[0], osgb[1]);
        assertThat(Math.hypot(raw.easting() - 527_491, raw.northing() - 184_283)).isGreaterThan(50);
    }

    private static void assertWithin(NationalGrid.Point p, double easting, double northing, double metres) {
        assertThat(Math.hypot(p.easting() - easting, p.northing() - northing)).isLessThan(metres);
    }
}
