package uk.sendplan.planner.generator;

import uk.sendplan.planner.domain.Weights;

/**
 * What to generate.
 *
 * @param laCount      neighbouring local authorities: of one region up to 33, across England above that (up to 151)
 * @param requestCount children to place
 * @param settingCount settings with room; {@link #of} uses one per ten children, as in an LA's
 *                     real ratio of SEND placements to settings with vacancies
 * @param seed         the same seed and options give the same problem
 * @param weights      policy penalties written into the problem
 */
public record GeneratorOptions(int laCount, int requestCount, int settingCount, long seed, Weights weights) {

    public GeneratorOptions {
        if (laCount < 1) {
            throw new IllegalArgumentException("laCount must be at least 1, was " + laCount);
        }
        if (requestCount < 1) {
            throw new IllegalArgumentException("requestCount must be at least 1, was " + requestCount);
        }
        if (settingCount < 1) {
            throw new IllegalArgumentException("settingCount must be at least 1, was " + settingCount);
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must be given");
        }
    }

    public static GeneratorOptions of(int laCount, int requestCount, long seed) {
        return new GeneratorOptions(laCount, requestCount, Math.max(1, requestCount / 10), seed, Weights.DEFAULT);
    }

    public GeneratorOptions withWeights(Weights newWeights) {
        return new GeneratorOptions(laCount, requestCount, settingCount, seed, newWeights);
    }
}
