package uk.sendplan.api.web.geography;

/**
 * WGS84 latitude and longitude to British National Grid metres, as Ordnance Survey's "A guide to coordinate systems in
 * Great Britain" gives it: the 7-parameter Helmert transform from WGS84 to OSGB36 (good to about 5 m, plenty for a
 * map; OSTN15 would be needed for centimetres), then the National Grid's transverse Mercator on the Airy 1830
 * ellipsoid. Used only to derive the map's boundary file, so it lives with the tool that does that.
 */
final class NationalGrid {

    /** Easting and northing in metres. */
    record Point(double easting, double northing) {
    }

    // GRS80 (WGS84) and Airy 1830 ellipsoids
    private static final double WGS84_A = 6_378_137.000;
    private static final double WGS84_B = 6_356_752.3141;
    private static final double AIRY_A = 6_377_563.396;
    private static final double AIRY_B = 6_356_256.909;

    // WGS84 to OSGB36 Helmert parameters (metres, parts per million, arc seconds)
    private static final double TX = -446.448;
    private static final double TY = 125.157;
    private static final double TZ = -542.060;
    private static final double SCALE_PPM = 20.4894;
    private static final double RX = -0.1502;
    private static final double RY = -0.2470;
    private static final double RZ = -0.8421;

    // the National Grid's projection
    private static final double F0 = 0.9996012717;
    private static final double LAT0 = Math.toRadians(49);
    private static final double LON0 = Math.toRadians(-2);
    private static final double E0 = 400_000;
    private static final double N0 = -100_000;

    private NationalGrid() {
    }

    /** A WGS84 (or ETRS89) position in degrees, on the ellipsoid, to the National Grid. */
    static Point fromWgs84(double latitude, double longitude) {
        double[] osgb36 = helmert(Math.toRadians(latitude), Math.toRadians(longitude));
        return project(osgb36[0], osgb36[1]);
    }

    /** An OSGB36 latitude and longitude in radians to the National Grid (the OS guide's transverse Mercator, its worked example C.1). */
    static Point project(double phi, double lambda) {
        double a = AIRY_A;
        double b = AIRY_B;
        double e2 = 1 - (b * b) / (a * a);
        double n = (a - b) / (a + b);
        double sin = Math.sin(phi);
        double cos = Math.cos(phi);
        double tan = Math.tan(phi);
        double nu = a * F0 / Math.sqrt(1 - e2 * sin * sin);
        double rho = a * F0 * (1 - e2) * Math.pow(1 - e2 * sin * sin, -1.5);
        double eta2 = nu / rho - 1;
        double m = meridionalArc(b, n, phi);
        double i = m + N0;
        double ii = nu / 2 * sin * cos;
        double iii = nu / 24 * sin * Math.pow(cos, 3) * (5 - tan * tan + 9 * eta2);
        double iiiA = nu / 720 * sin * Math.pow(cos, 5) * (61 - 58 * tan * tan + Math.pow(tan, 4));
        double iv = nu * cos;
        double v = nu / 6 * Math.pow(cos, 3) * (nu / rho - tan * tan);
        double vi = nu / 120 * Math.pow(cos, 5) * (5 - 18 * tan * tan + Math.pow(tan, 4) + 14 * eta2 - 58 * tan * tan * eta2);
        double dl = lambda - LON0;
        double northing = i + ii * dl * dl + iii * Math.pow(dl, 4) + iiiA * Math.pow(dl, 6);
        double easting = E0 + iv * dl + v * Math.pow(dl, 3) + vi * Math.pow(dl, 5);
        return new Point(easting, northing);
    }

    private static double meridionalArc(double b, double n, double phi) {
        double dp = phi - LAT0;
        double sp = phi + LAT0;
        return b * F0 * ((1 + n + 5.0 / 4 * n * n + 5.0 / 4 * n * n * n) * dp
                - (3 * n + 3 * n * n + 21.0 / 8 * n * n * n) * Math.sin(dp) * Math.cos(sp)
                + (15.0 / 8 * n * n + 15.0 / 8 * n * n * n) * Math.sin(2 * dp) * Math.cos(2 * sp)
                - 35.0 / 24 * n * n * n * Math.sin(3 * dp) * Math.cos(3 * sp));
    }

    /** WGS84 latitude and longitude (radians, height 0) to OSGB36's, through Cartesian coordinates and the Helmert transform. */
    static double[] helmert(double phi, double lambda) {
        double e2 = 1 - (WGS84_B * WGS84_B) / (WGS84_A * WGS84_A);
        double nu = WGS84_A / Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
        double x = nu * Math.cos(phi) * Math.cos(lambda);
        double y = nu * Math.cos(phi) * Math.sin(lambda);
        double z = nu * (1 - e2) * Math.sin(phi);

        double s = SCALE_PPM * 1e-6;
        double rx = Math.toRadians(RX / 3600);
        double ry = Math.toRadians(RY / 3600);
        double rz = Math.toRadians(RZ / 3600);
        double x2 = TX + (1 + s) * x - rz * y + ry * z;
        double y2 = TY + rz * x + (1 + s) * y - rx * z;
        double z2 = TZ - ry * x + rx * y + (1 + s) * z;

        double airyE2 = 1 - (AIRY_B * AIRY_B) / (AIRY_A * AIRY_A);
        double p = Math.sqrt(x2 * x2 + y2 * y2);
        double lat = Math.atan2(z2, p * (1 - airyE2));
        for (int k = 0; k < 10; k++) {
            double nu2 = AIRY_A / Math.sqrt(1 - airyE2 * Math.sin(lat) * Math.sin(lat));
            lat = Math.atan2(z2 + airyE2 * nu2 * Math.sin(lat), p);
        }
        return new double[]{lat, Math.atan2(y2, x2)};
    }
}
