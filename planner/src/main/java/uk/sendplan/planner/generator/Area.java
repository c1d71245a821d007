package uk.sendplan.planner.generator;

import java.util.Random;

import uk.sendplan.planner.generator.LocalAuthorities.LocalAuthority;

/** A local authority with its towns: where homes and settings cluster, and the points drawn in it. */
record Area(LocalAuthority la, double radiusMetres, double[][] towns, double[] townWeights) {

    static double[] pointInDisc(Random random, LocalAuthority la, double radius) {
        double r = radius * Math.sqrt(random.nextDouble());
        double angle = random.nextDouble() * 2 * Math.PI;
        return clampToGrid(la.easting() + r * Math.cos(angle), la.northing() + r * Math.sin(angle));
    }

    double[] nearTown(Random random, double spreadOfRadius) {
        double roll = random.nextDouble() * sum(townWeights);
        int town = 0;
        while (roll >= townWeights[town] && town < towns.length - 1) {
            roll -= townWeights[town];
            town++;
        }
        double sigma = radiusMetres * spreadOfRadius;
        return clampToGrid(towns[town][0] + random.nextGaussian() * sigma,
                towns[town][1] + random.nextGaussian() * sigma);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static double[] clampToGrid(double easting, double northing) {
        return new double[] {Math.max(0, Math.min(700_000, easting)), Math.max(0, Math.min(1_300_000, northing))};
    }
}
