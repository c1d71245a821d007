package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

import uk.sendplan.planner.domain.IndependentLimit;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Phase;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

/**
 * The direct score must be the constraint provider's, term for term: a plan that needs no local search is scored only
 * directly, and the reactive baseline always is. Generated problems, varied so that every rule is broken somewhere
 * (children kept in settings that don't suit them, settings over capacity, independent limits exceeded, siblings
 * apart, preferences missed), each scored on random assignments (any setting, suitable or not, or none), on the
 * reactive baseline and on the exact construction.
 */
class DirectScoreTest {

    private static final SolutionManager<PlacementSolution, HardMediumSoftLongScore> CONSTRAINTS =
            SolutionManager.create(SolverFactory.<PlacementSolution>create(SolverConfigs.scoring()));

    @Test
    void scoresEveryAssignmentExactlyAsTheConstraintStreamsDo() {
        Set<String> constraintsSeen = new HashSet<>();
        int compared = 0;
        for (long seed = 1; seed <= 4; seed++) {
            PlacementNetwork network = new PlacementNetwork(varied(seed));
            Random random = new Random(seed);
            List<int[]> assignments = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                assignments.add(random(network, random));
            }
            assignments.add(ReactiveBaseline.assign(network));
            assignments.add(ExactConstructionCommand.construct(network).assignment());
            for (int[] assignment : assignments) {
                PlacementSolution solution = Solutions.build(network, assignment);
                ScoreExplanation<PlacementSolution, HardMediumSoftLongScore> expected = CONSTRAINTS.explain(solution);
                assertThat(DirectScore.of(network, assignment)).as("seed %d", seed).isEqualTo(expected.getScore());
                for (ConstraintMatchTotal<HardMediumSoftLongScore> total : expected.getConstraintMatchTotalMap().values()) {
                    if (!total.getScore().isZero()) {
                        constraintsSeen.add(total.getConstraintName());
                    }
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(28);
        assertThat(constraintsSeen).containsExactlyInAnyOrder("need", "age", "gender", "boarding", "noFeeForBand",
                "travelTime", "boardingDistance", "alternativeProvision", "reservedPlaces", "capacity",
                "independentLimit", "unplaced", "annualCost", "preferenceMiss", "independentPlacement", "outOfArea",
                "moveFromCurrent", "distanceFromHome", "siblingsApart");
    }

    /** Pinned children in their kept setting (as the solver would have them); the others anywhere, or nowhere. */
    private static int[] random(PlacementNetwork network, Random random) {
        int[] assignment = new int[network.requestCount()];
        for (int r = 0; r < assignment.length; r++) {
            assignment[r] = network.isPinned(r) ? network.pinnedSetting(r)
                    : random.nextInt(6) == 0 ? -1 : random.nextInt(network.settingCount());
        }
        return assignment;
    }

    /**
     * A generated problem (some settings alternative provision, some without fees for the high bands, a fifth reserved for their own LA, a fifth for another, capacities halved) with short travel limits, small local radius and boarding reach, every LA limited on
     * independent places, and requests varied: kept in (or currently at) a random setting, sibling groups of two or
     * three, preferences, boarding and alternative provision either way.
     */
    static PlacementProblem varied(long seed) {
        PlacementProblem generated = ProblemGenerator.generate(new GeneratorOptions(3, 300, 120, seed, Weights.DEFAULT));
        List<Setting> settings = new ArrayList<>();
        for (int k = 0; k < generated.settings().size(); k++) {
            Setting s = generated.settings().get(k);
            // some alternative provision; some without fees for bands 4 and 5; some places block-commissioned by the setting's own LA or by one with no child here; some residential fees
            settings.add(new Setting(s.id(), s.name(), k % 9 == 4 ? SettingType.ALTERNATIVE_PROVISION : s.type(), s.laCode(), s.easting(), s.northing(), s.ageFrom(), s.ageTo(),
                    s.needs(), s.capacity() / 2, k % 4 == 2 ? withoutHighBands(s.annualFees()) : s.annualFees(), s.gender(), s.boarding(),
                    s.boarding() && k % 2 == 0 ? Map.of(1, 90_000L, 2, 95_000L) : s.annualBoardingFees(),
                    k % 5 == 0 ? Set.of(s.laCode()) : k % 5 == 1 ? Set.of("998") : Set.of()));
        }
        Random random = new Random(seed * 31);
        List<PlacementRequest> requests = new ArrayList<>();
        Map<String, IndependentLimit> limits = new LinkedHashMap<>();
        for (PlacementRequest r : generated.requests()) {
            limits.putIfAbsent(r.laCode(), new IndependentLimit(3, null));
            String current = random.nextInt(4) == 0 ? settings.get(random.nextInt(settings.size())).id() : null;
            boolean keep = current != null && random.nextInt(3) == 0;
            List<String> preferences = random.nextInt(3) == 0 ? List.of(settings.get(random.nextInt(settings.size())).id()) : List.of();
            String siblings = random.nextInt(4) == 0 ? "G" + random.nextInt(40) : null;
            Boolean alternativeProvision = random.nextInt(3) == 0 ? null : random.nextBoolean();
            boolean boarding = random.nextInt(6) == 0 ? !r.needsBoarding() : r.needsBoarding();
            requests.add(new PlacementRequest(r.id(), r.laCode(), r.need(), random.nextInt(7) == 0 ? 5 : r.band(), r.age(),
                    r.easting(), r.northing(), r.gender(), boarding, current, keep, preferences, siblings, alternativeProvision));
        }
        Parameters parameters = generated.parameters().withMaxTravelMinutes(Phase.SECONDARY, 30).withLocalRadiusKm(5)
                .withMaxBoardingKm(40).withIndependentLimits(seed % 2 == 0 ? limits : Map.of());
        return new PlacementProblem(generated.name(), parameters, settings, requests);
    }

    private static Map<Integer, Long> withoutHighBands(Map<Integer, Long> fees) {
        Map<Integer, Long> kept = new LinkedHashMap<>(fees);
        kept.keySet().removeIf(band -> band >= 4);
        return kept;
    }
}
