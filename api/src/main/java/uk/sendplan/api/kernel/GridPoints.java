package uk.sendplan.api.kernel;

import uk.sendplan.api.system.ApiException;

/** British National Grid points (metres), as every feature checks and rounds them. */
public final class GridPoints {

    public static final int MAX_EASTING = 700_000;
    public static final int MAX_NORTHING = 1_300_000;

    private GridPoints() {
    }

    /** Refuses a point off the grid, naming the field. */
    public static void check(String field, int easting, int northing) {
        if (easting < 0 || easting > MAX_EASTING || northing < 0 || northing > MAX_NORTHING) {
            throw ApiException.badRequest(field, "British National Grid easting must be 0-" + MAX_EASTING + " and northing 0-"
                    + MAX_NORTHING + " metres, got (" + easting + ", " + northing + ")");
        }
    }

    /** To the nearest 100 m: how a child's home is kept, so that no address can be read back from it. */
    public static int round100(int metres) {
        return Math.round(metres / 100f) * 100;
    }

    /** A coordinate kept on the grid. */
    public static int clampEasting(int easting) {
        return Math.max(0, Math.min(MAX_EASTING, easting));
    }

    public static int clampNorthing(int northing) {
        return Math.max(0, Math.min(MAX_NORTHING, northing));
    }
}
