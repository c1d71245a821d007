package uk.sendplan.planner.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.ProblemValidator;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.io.ProblemJson;
import uk.sendplan.planner.solver.ExactOptimum;

class ProblemGeneratorTest {

    @Test
    void theSameSeedGivesTheSameProblemAndAnotherSeedAnother() {
        String first = ProblemJson.write(ProblemGenerator.generate(GeneratorOptions.of(3, 500, 42)));
        String again = ProblemJson.write(ProblemGenerator.generate(GeneratorOptions.of(3, 500, 42)));
        String other = ProblemJson.write(ProblemGenerator.generate(GeneratorOptions.of(3, 500, 43)));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void generatesValidProblemsOfTheRequestedSizeOverNeighbouringLasOfOneRegion() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(9, 3_000, 7));

        assertThat(ProblemValidator.validate(problem)).isEmpty();
        assertThat(problem.requests()).hasSize(3_000);
        assertThat(problem.settings()).hasSize(300);
        Set<String> las = problem.requests().stream().map(PlacementRequest::laCode).collect(Collectors.toSet());
        assertThat(las).hasSize(9);
        assertThat(problem.settings().stream().map(Setting::laCode).collect(Collectors.toSet())).isEqualTo(las);
    }

    @Test
    void followsTheNationalMixOfPrimaryNeeds() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(2, 10_000, 3));
        Map<Need, Long> counts = problem.requests().stream()
                .collect(Collectors.groupingBy(PlacementRequest::need, Collectors.counting()));
        double total = ProblemGenerator.NATIONAL_NEED_COUNTS.values().stream().mapToInt(Integer::intValue).sum();

        ProblemGenerator.NATIONAL_NEED_COUNTS.forEach((need, national) ->
                assertThat(counts.getOrDefault(need, 0L) / 10_000.0).as(need.name())
                        .isCloseTo(national / total, org.assertj.core.data.Offset.offset(0.015)));
        // ASD is the commonest primary need of EHC plans (31.5% nationally)
        assertThat(counts.get(Need.ASD)).isGreaterThan(counts.get(Need.SEMH));
    }

    @Test
    void agesPeakAtTheTransferPoints() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 5_000, 9));
        Map<Integer, Long> byAge = problem.requests().stream()
                .collect(Collectors.groupingBy(PlacementRequest::age, Collectors.counting()));

        for (int peak : new int[] {4, 5, 10, 11, 15, 16}) {
            assertThat(byAge.get(peak)).as("age %d", peak).isGreaterThan(byAge.get(8) * 3);
        }
    }

    @Test
    void feesAreAtTypicalLevelsAndRiseWithTheBand() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(3, 5_000, 2));
        Map<SettingType, Double> meanBand3 = problem.settings().stream().filter(s -> s.feeForBand(3) != null)
                .filter(s -> !s.boarding())
                .collect(Collectors.groupingBy(Setting::type, Collectors.averagingLong(s -> s.feeForBand(3))));

        assertThat(meanBand3.get(SettingType.STATE_SPECIAL)).isBetween(22_000.0, 29_000.0);
        assertThat(meanBand3.get(SettingType.INDEPENDENT_SPECIAL)).isBetween(55_000.0, 68_000.0);
        assertThat(meanBand3.get(SettingType.RESOURCED_PROVISION)).isBetween(13_000.0, 17_500.0);
        for (Setting s : problem.settings()) {
            Long previous = null;
            for (Long fee : s.annualFees().values()) {
                if (previous != null) {
                    assertThat(fee).as(s.id()).isGreaterThan(previous);
                }
                previous = fee;
            }
        }
    }

    @Test
    void capacityIsTightEnoughThatSomeChildrenCannotBePlaced() {
        PlacementProblem problem = ProblemGenerator.generate(GeneratorOptions.of(1, 2_000, 5));

        ExactOptimum.Result optimum = ExactOptimum.solve(problem);

        assertThat(optimum.unplacedCount()).isBetween(20, 400);
        assertThat(problem.requests().stream().filter(PlacementRequest::keepCurrent).count()).isPositive();
        assertThat(problem.requests().stream().filter(r -> !r.preferences().isEmpty()).count()).isPositive();
        Map<String, Setting> byId = problem.settings().stream()
                .collect(Collectors.toMap(Setting::id, Function.identity()));
        Map<String, Long> kept = problem.requests().stream().filter(PlacementRequest::keepCurrent)
                .collect(Collectors.groupingBy(PlacementRequest::currentSettingId, Collectors.counting()));
        kept.forEach((id, count) -> assertThat(count).isLessThanOrEqualTo(byId.get(id).capacity()));
    }

    @Test
    void moreLasThanAnyRegionHasMakeANationalProblemAndMoreThanEnglandHasAreRefused() {
        PlacementProblem national = ProblemGenerator.generate(GeneratorOptions.of(40, 400, 1));
        assertThat(national.requests().stream().map(PlacementRequest::laCode).distinct().count()).isEqualTo(40);
        assertThatThrownBy(() -> ProblemGenerator.generate(GeneratorOptions.of(152, 400, 1)))
                .hasMessage("England has 151 local authorities to generate in, not 152");
    }
}
