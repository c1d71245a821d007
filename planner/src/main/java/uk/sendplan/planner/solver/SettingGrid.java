package uk.sendplan.planner.solver;

import java.util.List;

import uk.sendplan.planner.domain.Setting;

/**
 * Settings bucketed in square cells of the national grid, so that the settings within a straight-line
 * radius of a child are found by visiting the few cells the radius touches rather than testing every
 * setting: England has 25,000 settings and a day journey reaches a few hundred of them. One grid holds
 * the settings for one need, so that the cells hold only settings the child could use.
 */
final class SettingGrid {

    /** 10 km: a day radius spans a handful of cells, a boarding radius a few hundred. */
    private static final double MIN_CELL_METRES = 10_000;
    /** Cells along each axis at most, so that far-flung coordinates cannot make the grid huge. */
    private static final int MAX_CELLS_PER_AXIS = 1_024;

    private final double[] easting;
    private final double[] northing;
    private final double minEasting;
    private final double minNorthing;
    private final double cellMetres;
    private final int columns;
    private final int rows;
    /** Settings of cell c are cellSettings[cellStart[c] .. cellStart[c+1]-1], in problem order. */
    private final int[] cellStart;
    private final int[] cellSettings;
    /** The setting index in the problem of each entry of {@link #cellSettings}. */
    private final int[] cellMembers;

    /** A grid of {@code members} (indices into {@code settings}); {@link #within} answers with those indices. */
    SettingGrid(List<Setting> settings, int[] members) {
        int count = members.length;
        easting = new double[count];
        northing = new double[count];
        double minE = Double.POSITIVE_INFINITY;
        double minN = Double.POSITIVE_INFINITY;
        double maxE = Double.NEGATIVE_INFINITY;
        double maxN = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < count; s++) {
            easting[s] = settings.get(members[s]).easting();
            northing[s] = settings.get(members[s]).northing();
            minE = Math.min(minE, easting[s]);
            minN = Math.min(minN, northing[s]);
            maxE = Math.max(maxE, easting[s]);
            maxN = Math.max(maxN, northing[s]);
        }
        if (count == 0) {
            minE = minN = maxE = maxN = 0;
        }
        minEasting = minE;
        minNorthing = minN;
        cellMetres = Math.max(MIN_CELL_METRES, Math.max(maxE - minE, maxN - minN) / (MAX_CELLS_PER_AXIS - 1));
        columns = (int) ((maxE - minE) / cellMetres) + 1;
        rows = (int) ((maxN - minN) / cellMetres) + 1;
        cellStart = new int[columns * rows + 1];
        int[] cellOf = new int[count];
        for (int s = 0; s < count; s++) {
            cellOf[s] = column(easting[s]) + columns * row(northing[s]);
            cellStart[cellOf[s] + 1]++;
        }
        for (int c = 0; c < columns * rows; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        cellSettings = new int[count];
        cellMembers = new int[count];
        int[] next = java.util.Arrays.copyOf(cellStart, columns * rows);
        for (int s = 0; s < count; s++) {
            cellMembers[next[cellOf[s]]] = members[s];
            cellSettings[next[cellOf[s]]++] = s;
        }
    }

    private int column(double e) {
        return (int) Math.min(columns - 1, Math.max(0, Math.floor((e - minEasting) / cellMetres)));
    }

    private int row(double n) {
        return (int) Math.min(rows - 1, Math.max(0, Math.floor((n - minNorthing) / cellMetres)));
    }

    /**
     * Writes into {@code out} the settings at most {@code radius} metres in a straight line from the point
     * (cell by cell, so not in problem order) and returns how many there are.
     */
    int within(double e, double n, double radius, int[] out) {
        int found = 0;
        double radiusSquared = radius * radius;
        int fromColumn = column(e - radius);
        int toColumn = column(e + radius);
        int fromRow = row(n - radius);
        int toRow = row(n + radius);
        for (int r = fromRow; r <= toRow; r++) {
            for (int c = fromColumn; c <= toColumn; c++) {
                int cell = c + columns * r;
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int s = cellSettings[k];
                    double de = e - easting[s];
                    double dn = n - northing[s];
                    if (de * de + dn * dn <= radiusSquared) {
                        out[found++] = cellMembers[k];
                    }
                }
            }
        }
        return found;
    }
}
