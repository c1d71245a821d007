package uk.sendplan.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.sendplan.planner.TestProblems.request;
import static uk.sendplan.planner.TestProblems.setting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.sendplan.planner.generator.GeneratorOptions;
import uk.sendplan.planner.generator.ProblemGenerator;

class CostModelTest {

    private final CostModel costModel = new CostModel(Parameters.DEFAULTS);

    @Test
    void distanceIsStraightLineTimesRoadFactorAndTimeIsAtTheAverageSpeed() {
        // 3 km east and 4 km north: 5 km straight, 6.5 km by road, 13 minutes at 30 km/h
        PlacementRequest child = request("R").at(500_000, 200_000).build();
        Setting school = setting("S").at(503_000, 204_000).build();

        assertThat(costModel.distanceKm(child, school)).isEqualTo(6.5);
        assertThat(costModel.travelMinutes(child, school)).isEqualTo(13.0);
    }

    @Test
    void annualCostIsTheBandFeePlusReturnJourneysOnSchoolDays() {
        PlacementCost cost = costModel.cost(request("R").band(4).build(), setting("S").build());

        assertThat(cost.fee()).isEqualTo(28_000);
        assertThat(cost.transportCost()).isEqualTo(4_940); // 2 × 6.5 km × £2.00 × 190
        assertThat(cost.annualCost()).isEqualTo(32_940);
        assertThat(cost.phase()).isEqualTo(Phase.SECONDARY);
        assertThat(cost.boardingPlacement()).isFalse();
    }

    @Test
    void boardingPlacementsPayForBoardingTripsOnlyWhenTheChildBoards() {
        Setting boardingSchool = setting("S").boarding(true).build();

        assertThat(costModel.transportCost(request("B").needsBoarding(true).build(), boardingSchool))
                .isEqualTo(988); // 2 × 6.5 × £2.00 × 38
        assertThat(costModel.transportCost(request("D").needsBoarding(false).build(), boardingSchool))
                .isEqualTo(4_940);
    }

    @Test
    void aBoardingPlacementPaysTheResidentialFeeAndADayPlacementTheDayFee() {
        Setting boardingSchool = setting("S").boarding(true).boardingFees(Map.of(4, 61_000L)).build();

        assertThat(costModel.fee(request("B").band(4).needsBoarding(true).build(), boardingSchool)).isEqualTo(61_000);
        assertThat(costModel.fee(request("D").band(4).needsBoarding(false).build(), boardingSchool)).isEqualTo(28_000);
        // no residential fee for band 3: boarders pay the day fee
        assertThat(costModel.fee(request("B3").band(3).needsBoarding(true).build(), boardingSchool)).isEqualTo(25_000);
        assertThat(costModel.hasFeeForBand(request("B5").band(5).needsBoarding(true).build(),
                setting("T").boarding(true).fees(Map.of(1, 20_000L)).boardingFees(Map.of(5, 90_000L)).build())).isTrue();
    }

    @Test
    void transportIsRoundedOnceHalfUpToWholePounds() {
        // 1 km straight, road factor 1, 100 days, £0.0125/km: 2 × 1 × 0.0125 × 100 = £2.50 → £3 (half-even would give £2)
        Parameters p = new Parameters(new BigDecimal("0.0125"), 100, 1.0, 30, 38,
                Parameters.DEFAULTS.maxTravelMinutes(), Weights.NONE, 15, 200, Map.of());
        CostModel model = new CostModel(p);

        assertThat(model.transportCost(request("R").at(500_000, 200_000).build(),
                setting("S").at(501_000, 200_000).build())).isEqualTo(3);
    }

    @Test
    void phaseFollowsTheAgeBands() {
        assertThat(Phase.ofAge(4)).isEqualTo(Phase.EARLY_YEARS);
        assertThat(Phase.ofAge(5)).isEqualTo(Phase.PRIMARY);
        assertThat(Phase.ofAge(10)).isEqualTo(Phase.PRIMARY);
        assertThat(Phase.ofAge(11)).isEqualTo(Phase.SECONDARY);
        assertThat(Phase.ofAge(15)).isEqualTo(Phase.SECONDARY);
        assertThat(Phase.ofAge(16)).isEqualTo(Phase.POST_16);
        assertThat(Phase.ofAge(18)).isEqualTo(Phase.POST_16);
        assertThat(Phase.ofAge(19)).isEqualTo(Phase.POST_19);
        assertThat(Phase.ofAge(25)).isEqualTo(Phase.POST_19);
        assertThatThrownBy(() -> Phase.ofAge(26)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void violationsListEveryPairwiseRuleBrokenAndNothingForAFittingSetting() {
        Setting girlsPrimaryFarAway = setting("S").needs(Need.SEMH).ages(4, 11).gender(SettingGender.GIRLS)
                .fees(Map.of(1, 10_000L)).at(600_000, 200_000).build();
        PlacementRequest boyBoarder = request("R").need(Need.ASD).age(12).band(2).needsBoarding(true)
                .at(500_000, 200_000).build();

        assertThat(costModel.violations(boyBoarder, girlsPrimaryFarAway)).containsExactly(HardRule.NEED,
                HardRule.AGE, HardRule.GENDER, HardRule.BOARDING, HardRule.NO_FEE_FOR_BAND, HardRule.TRAVEL_TIME);
        assertThat(costModel.violations(request("R").build(), setting("S").build())).isEmpty();
        assertThat(costModel.isFeasible(request("R").build(), setting("S").build())).isTrue();
    }

    @Test
    void penaltiesNameEachPolicyConstraintTriggeredWithItsAmount() {
        PlacementRequest moved = request("R").laCode("873").current("OLD", false).preferences("P1").build();
        Setting independentElsewhere = setting("S").laCode("874").type(SettingType.INDEPENDENT_SPECIAL).build();

        assertThat(costModel.penalties(moved, independentElsewhere)).containsExactly(
                new PolicyPenalty("preferenceMiss", 2_000), new PolicyPenalty("independentPlacement", 5_000),
                new PolicyPenalty("outOfArea", 1_000), new PolicyPenalty("moveFromCurrent", 3_000));
        assertThat(costModel.softCost(moved, independentElsewhere))
                .isEqualTo(costModel.annualCost(moved, independentElsewhere) + 11_000);
        assertThat(costModel.penalties(request("R").build(), setting("S").build())).isEmpty();
    }

    @Test
    void optionsRankSuitableSettingsByCostThenTimeAndListTheExcludedWithTheirReasons() {
        PlacementRequest child = request("R").at(500_000, 200_000).build();
        Setting dear = setting("DEAR").at(501_000, 200_000).fees(Map.of(3, 40_000L)).build();
        Setting cheap = setting("CHEAP").at(505_000, 200_000).fees(Map.of(3, 20_000L)).build();
        Setting wrongNeed = setting("SEMH").needs(Need.SEMH).at(500_500, 200_000).build();
        Setting tooFar = setting("FAR").at(560_000, 200_000).build();

        List<SettingOption> options = costModel.options(child, List.of(tooFar, dear, wrongNeed, cheap));

        assertThat(options).extracting(o -> o.setting().id()).containsExactly("CHEAP", "DEAR", "SEMH", "FAR");
        assertThat(options).extracting(SettingOption::suitable).containsExactly(true, true, false, false);
        assertThat(options.get(2).brokenRules()).containsExactly(HardRule.NEED);
        assertThat(options.get(3).brokenRules()).containsExactly(HardRule.TRAVEL_TIME);
        assertThat(options.get(0).softCost()).isEqualTo(20_000 + 4_940);
    }

    /**
     * The array path the exact construction uses must cost every pair exactly as isFeasible and softCost do:
     * generated problems, with requests varied to reach every rule (boarding, alternative provision either way,
     * preferences and current settings inside and outside the problem, short travel limits, a local radius).
     */
    @Test
    void compiledPairsCostEveryPairExactlyAsTheRecordPathDoes() {
        int suitable = 0;
        int unsuitable = 0;
        for (long seed = 1; seed <= 3; seed++) {
            PlacementProblem problem = ProblemGenerator.generate(new GeneratorOptions(3, 300, 120, seed, Weights.DEFAULT));
            Parameters parameters = problem.parameters().withMaxTravelMinutes(Phase.PRIMARY, 25).withLocalRadiusKm(5)
                    .withMaxBoardingKm(60);
            CostModel model = new CostModel(seed == 1 ? problem.parameters() : parameters);
            List<Setting> settings = varied(problem.settings());
            SettingPairs pairs = model.pairs(settings);
            Random random = new Random(seed);
            for (PlacementRequest original : problem.requests()) {
                PlacementRequest request = varied(original, settings, random);
                SettingPairs.Request costed = pairs.request(request);
                for (int s = 0; s < settings.size(); s++) {
                    Setting setting = settings.get(s);
                    long expected = model.isFeasible(request, setting) ? model.softCost(request, setting) : -1;
                    assertThat(pairs.softCostIfSuitable(costed, s)).as("%s at %s", request, setting.id()).isEqualTo(expected);
                    if (expected >= 0) {
                        suitable++;
                    } else {
                        unsuitable++;
                    }
                }
            }
        }
        assertThat(suitable).isGreaterThan(5_000);
        assertThat(unsuitable).isGreaterThan(5_000);
    }

    /**
     * Every setting again with another type, gender and boarding offer, some with residential fees, some block-commissioned
     * by the setting's own LA (or by one no child lives in).
     */
    private static List<Setting> varied(List<Setting> settings) {
        List<Setting> all = new ArrayList<>(settings);
        SettingType[] types = SettingType.values();
        SettingGender[] genders = SettingGender.values();
        for (int k = 0; k < settings.size(); k++) {
            Setting s = settings.get(k);
            Map<Integer, Long> boardingFees = k % 3 == 0 ? Map.of(1 + k % 5, 70_000L + k) : Map.of();
            all.add(new Setting(s.id() + "-V", s.name(), types[k % types.length], k % 2 == 0 ? s.laCode() : "999",
                    s.easting() + 1_000 * (k % 7), s.northing() - 700 * (k % 5), s.ageFrom(), s.ageTo(), s.needs(),
                    s.capacity(), s.annualFees(), genders[k % genders.length], k % 4 != 0, boardingFees,
                    switch (k % 5) {
                        case 0 -> Set.of(s.laCode());
                        case 1 -> Set.of("998", s.laCode());
                        case 2 -> Set.of("998");
                        default -> Set.of();
                    }));
        }
        return all;
    }

    private static PlacementRequest varied(PlacementRequest r, List<Setting> settings, Random random) {
        List<String> preferences = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            preferences.add(random.nextInt(5) == 0 ? "NOT-IN-PROBLEM" : settings.get(random.nextInt(settings.size())).id());
        }
        String current = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "NOT-IN-PROBLEM";
            default -> settings.get(random.nextInt(settings.size())).id();
        };
        Boolean alternativeProvision = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> true;
            default -> false;
        };
        boolean boarding = random.nextInt(5) == 0 ? !r.needsBoarding() : r.needsBoarding();
        return new PlacementRequest(r.id(), r.laCode(), r.need(), 1 + random.nextInt(5), r.age(), r.easting(), r.northing(),
                r.gender(), boarding, current, false, preferences, null, alternativeProvision);
    }
}
