package uk.sendplan.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.sendplan.planner.TestProblems.request;
import static uk.sendplan.planner.TestProblems.setting;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.Parameters;
import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.PlacementSolution;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingFact;
import uk.sendplan.planner.domain.SettingGender;
import uk.sendplan.planner.domain.SettingType;
import uk.sendplan.planner.domain.Weights;
import uk.sendplan.planner.solver.justifications.AgeOutOfRange;
import uk.sendplan.planner.solver.justifications.CapacityExceeded;
import uk.sendplan.planner.solver.justifications.NeedNotMet;
import uk.sendplan.planner.solver.justifications.TravelTimeExceeded;

/**
 * One constraint at a time with OptaPlanner's ConstraintVerifier (optaplanner-test 10.1.0 against
 * core 10.2.0): each is shown penalising with its exact weight, and not penalising.
 */
class PlacementConstraintProviderTest {

    private static final CostModel COST_MODEL = new CostModel(Parameters.DEFAULTS);

    private final ConstraintVerifier<PlacementConstraintProvider, PlacementSolution> verifier =
            ConstraintVerifier.build(new PlacementConstraintProvider(), PlacementSolution.class, Placement.class);


    private static SettingFact fact(Setting setting) {
        return new SettingFact(0, setting);
    }

    private static Placement placed(PlacementRequest request, Setting setting) {
        return placed(request, fact(setting));
    }

    private static Placement placed(PlacementRequest request, SettingFact setting) {
        return new Placement(0, request, COST_MODEL, List.of(setting), request.keepCurrent(), setting);
    }

    private static Placement unplaced(PlacementRequest request) {
        return new Placement(0, request, COST_MODEL, List.of(), false, null);
    }

    @Test
    void needPenalisesASettingThatDoesNotCaterForTheNeed() {
        Setting semhOnly = setting("S").needs(Need.SEMH).build();
        verifier.verifyThat(PlacementConstraintProvider::need)
                .given(placed(request("R").need(Need.ASD).build(), semhOnly)).penalizesBy(1);
        verifier.verifyThat(PlacementConstraintProvider::need)
                .given(placed(request("R").need(Need.SEMH).build(), semhOnly)).penalizesBy(0);
    }

    @Test
    void agePenalisesAChildOutsideTheAgeRangeAtEitherEnd() {
        Setting primary = setting("S").ages(4, 11).build();
        verifier.verifyThat(PlacementConstraintProvider::age)
                .given(placed(request("A").age(12).build(), primary), placed(request("B").age(3).build(), primary))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::age)
                .given(placed(request("A").age(11).build(), primary), placed(request("B").age(4).build(), primary))
                .penalizesBy(0);
    }

    @Test
    void genderPenalisesAGirlInABoysSetting() {
        Setting boys = setting("S").gender(SettingGender.BOYS).build();
        verifier.verifyThat(PlacementConstraintProvider::gender)
                .given(placed(request("R").gender(Gender.FEMALE).build(), boys)).penalizesBy(1);
        verifier.verifyThat(PlacementConstraintProvider::gender)
                .given(placed(request("R").gender(Gender.MALE).build(), boys),
                        placed(request("Q").gender(Gender.FEMALE).build(), setting("M").build()))
                .penalizesBy(0);
    }

    @Test
    void boardingPenalisesABoarderInADaySettingButNotADayChildInABoardingSetting() {
        verifier.verifyThat(PlacementConstraintProvider::boarding)
                .given(placed(request("R").needsBoarding(true).build(), setting("S").boarding(false).build()))
                .penalizesBy(1);
        verifier.verifyThat(PlacementConstraintProvider::boarding)
                .given(placed(request("R").needsBoarding(false).build(), setting("S").boarding(true).build()))
                .penalizesBy(0);
    }

    @Test
    void noFeeForBandPenalisesABandTheSettingHasNoFeeFor() {
        Setting upToBand3 = setting("S").fees(Map.of(1, 10_000L, 2, 12_000L, 3, 14_000L)).build();
        verifier.verifyThat(PlacementConstraintProvider::noFeeForBand)
                .given(placed(request("R").band(4).build(), upToBand3)).penalizesBy(1);
        verifier.verifyThat(PlacementConstraintProvider::noFeeForBand)
                .given(placed(request("R").band(3).build(), upToBand3)).penalizesBy(0);
    }

    @Test
    void travelTimePenalisesADayJourneyOverThePhaseLimitButNotABoardingPlacement() {
        // 40 km straight × 1.3 = 52 km at 30 km/h = 104 minutes, over the secondary limit of 75
        Setting far = setting("S").at(540_000, 200_000).build();
        PlacementRequest secondary = request("R").age(12).at(500_000, 200_000).build();
        verifier.verifyThat(PlacementConstraintProvider::travelTime).given(placed(secondary, far)).penalizesBy(1);

        Setting farBoarding = setting("B").at(540_000, 200_000).boarding(true).build();
        PlacementRequest boarder = request("R").age(12).at(500_000, 200_000).needsBoarding(true).build();
        verifier.verifyThat(PlacementConstraintProvider::travelTime).given(placed(boarder, farBoarding))
                .penalizesBy(0);
        // 20 km straight = 26 road km = 52 minutes: within 75 for secondary, over 45 for primary
        Setting near = setting("N").at(520_000, 200_000).build();
        verifier.verifyThat(PlacementConstraintProvider::travelTime)
                .given(placed(secondary, near)).penalizesBy(0);
        verifier.verifyThat(PlacementConstraintProvider::travelTime)
                .given(placed(request("P").age(7).at(500_000, 200_000).build(), near)).penalizesBy(1);
    }

    @Test
    void capacityPenalisesEachChildOverThePlacesPinnedChildrenIncluded() {
        SettingFact twoPlaces = fact(setting("S").capacity(2).build());
        Placement kept = placed(request("K").current("S", true).build(), twoPlaces);
        verifier.verifyThat(PlacementConstraintProvider::capacity)
                .given(kept, placed(request("A").build(), twoPlaces), placed(request("B").build(), twoPlaces),
                        placed(request("C").build(), twoPlaces))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::capacity)
                .given(kept, placed(request("A").build(), twoPlaces), unplaced(request("B").build()))
                .penalizesBy(0);
    }

    @Test
    void keepCurrentPenalisesAKeptChildElsewhereOrUnplaced() {
        Setting current = setting("CUR").build();
        Setting other = setting("OTHER").build();
        verifier.verifyThat(PlacementConstraintProvider::keepCurrent)
                .given(new Placement(1, request("A").current("CUR", true).build(), COST_MODEL, List.of(), false,
                        fact(other)), unplaced(request("B").current("CUR", true).build()))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::keepCurrent)
                .given(placed(request("A").current("CUR", true).build(), current),
                        placed(request("B").current("CUR", false).build(), other))
                .penalizesBy(0);
    }

    @Test
    void unplacedCountsEachChildWithoutAPlaceOnTheMediumLevel() {
        verifier.verifyThat(PlacementConstraintProvider::unplaced)
                .given(unplaced(request("A").build()), unplaced(request("B").build()),
                        placed(request("C").build(), setting("S").build()))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::unplaced)
                .given(placed(request("C").build(), setting("S").build())).penalizesBy(0);
    }

    @Test
    void annualCostPenalisesFeeForTheBandPlusTransportInPounds() {
        // band 3 fee £25,000; 6.5 road km: 2 × 6.5 × £2.00 × 190 days = £4,940
        verifier.verifyThat(PlacementConstraintProvider::annualCost)
                .given(placed(request("R").build(), setting("S").build())).penalizesBy(25_000L + 4_940L);
        verifier.verifyThat(PlacementConstraintProvider::annualCost)
                .given(unplaced(request("R").build())).penalizesBy(0);
    }

    @Test
    void preferenceMissPenalisesAPlaceOutsideTheFamilysPreferencesOnlyWhenTheyGaveSome() {
        Setting s = setting("S").build();
        verifier.verifyThat(PlacementConstraintProvider::preferenceMiss)
                .given(placed(request("R").preferences("X", "Y").build(), s))
                .penalizesBy(Weights.DEFAULT.preferenceMiss());
        verifier.verifyThat(PlacementConstraintProvider::preferenceMiss)
                .given(placed(request("R").preferences("Y", "S").build(), s), placed(request("Q").build(), s))
                .penalizesBy(0);
    }

    @Test
    void independentPlacementPenalisesIndependentSpecialAndSpecialistPost16() {
        verifier.verifyThat(PlacementConstraintProvider::independentPlacement)
                .given(placed(request("A").build(), setting("I").type(SettingType.INDEPENDENT_SPECIAL).build()),
                        placed(request("B").build(), setting("P").type(SettingType.SPECIALIST_POST_16).build()))
                .penalizesBy(2 * Weights.DEFAULT.independentPlacement());
        verifier.verifyThat(PlacementConstraintProvider::independentPlacement)
                .given(placed(request("A").build(), setting("S").type(SettingType.STATE_SPECIAL).build()),
                        placed(request("B").build(), setting("F").type(SettingType.FE_COLLEGE).build()))
                .penalizesBy(0);
    }

    @Test
    void outOfAreaPenalisesASettingInAnotherLocalAuthority() {
        verifier.verifyThat(PlacementConstraintProvider::outOfArea)
                .given(placed(request("R").laCode("873").build(), setting("S").laCode("874").build()))
                .penalizesBy(Weights.DEFAULT.outOfArea());
        verifier.verifyThat(PlacementConstraintProvider::outOfArea)
                .given(placed(request("R").laCode("873").build(), setting("S").laCode("873").build()))
                .penalizesBy(0);
    }

    @Test
    void moveFromCurrentPenalisesMovingAChildWhoIsNotPinned() {
        verifier.verifyThat(PlacementConstraintProvider::moveFromCurrent)
                .given(placed(request("R").current("OLD", false).build(), setting("NEW").build()))
                .penalizesBy(Weights.DEFAULT.moveFromCurrent());
        verifier.verifyThat(PlacementConstraintProvider::moveFromCurrent)
                .given(placed(request("A").current("OLD", false).build(), setting("OLD").build()),
                        placed(request("B").build(), setting("NEW").build()))
                .penalizesBy(0);
    }

    @Test
    void boardingDistancePenalisesABoardingPlacementBeyondTheBoardingReachOnly() {
        // the child is at (503,000, 204,000); 157 km straight is 204.1 road km, over the 200 km reach
        PlacementRequest boarder = request("R").needsBoarding(true).build();
        Setting beyond = setting("FAR").boarding(true).at(660_000, 204_000).build();
        Setting within = setting("NEAR").boarding(true).at(650_000, 204_000).build();
        verifier.verifyThat(PlacementConstraintProvider::boardingDistance)
                .given(placed(boarder, beyond)).penalizesBy(1);
        verifier.verifyThat(PlacementConstraintProvider::boardingDistance)
                .given(placed(boarder, within), placed(request("DAY").build(), beyond)).penalizesBy(0);
    }

    @Test
    void alternativeProvisionPenalisesAnApPlacementUnlessTheRequestAllowsIt() {
        Setting ap = setting("AP").type(SettingType.ALTERNATIVE_PROVISION).needs(Need.SEMH, Need.ASD).build();
        verifier.verifyThat(PlacementConstraintProvider::alternativeProvision)
                .given(placed(request("ASD").need(Need.ASD).build(), ap),
                        placed(request("SEMH-NO").need(Need.SEMH).alternativeProvisionAllowed(false).build(), ap))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::alternativeProvision)
                .given(placed(request("SEMH").need(Need.SEMH).build(), ap),
                        placed(request("ASD-YES").need(Need.ASD).alternativeProvisionAllowed(true).build(), ap),
                        placed(request("ASD-SPECIAL").need(Need.ASD).build(), setting("S").build()))
                .penalizesBy(0);
    }

    @Test
    void reservedPlacesPenaliseAChildOfAnLaThatDidNotCommissionThem() {
        Setting block = setting("BLOCK").type(SettingType.INDEPENDENT_SPECIAL).reservedFor("873", "874").build();
        verifier.verifyThat(PlacementConstraintProvider::reservedPlaces)
                .given(placed(request("KENT").laCode("886").build(), block), placed(request("SURREY").laCode("936").build(), block),
                        placed(request("BEDS").laCode("873").build(), block))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::reservedPlaces)
                .given(placed(request("BEDS").laCode("873").build(), block), placed(request("CAMBS").laCode("874").build(), block),
                        placed(request("KENT-SPOT").laCode("886").build(), setting("SPOT").type(SettingType.INDEPENDENT_SPECIAL).build()))
                .penalizesBy(0);
    }

    @Test
    void independentPlacementSparesPlacesAnLaBlockCommissioned() {
        verifier.verifyThat(PlacementConstraintProvider::independentPlacement)
                .given(placed(request("A").laCode("873").build(),
                        setting("BLOCK").type(SettingType.INDEPENDENT_SPECIAL).reservedFor("873").build()))
                .penalizesBy(0);
        verifier.verifyThat(PlacementConstraintProvider::independentPlacement)
                .given(placed(request("A").laCode("873").build(),
                        setting("SPOT").type(SettingType.INDEPENDENT_SPECIAL).build()))
                .penalizesBy(Weights.DEFAULT.independentPlacement());
    }

    @Test
    void independentLimitPenalisesEachChildOfTheLaOverItsLimit() {
        Setting independent = setting("IND").type(SettingType.INDEPENDENT_SPECIAL).build();
        Setting post16 = setting("SPI").type(SettingType.SPECIALIST_POST_16).build();
        IndependentCap oneFor873 = new IndependentCap("873", 1);
        verifier.verifyThat(PlacementConstraintProvider::independentLimit)
                .given(oneFor873, placed(request("A").build(), independent), placed(request("B").build(), independent),
                        placed(request("C").build(), post16))
                .penalizesBy(2);
        verifier.verifyThat(PlacementConstraintProvider::independentLimit)
                .given(oneFor873, placed(request("A").build(), independent),
                        placed(request("B").build(), setting("STATE").build()),
                        placed(request("OTHER-LA").laCode("874").build(), independent))
                .penalizesBy(0);
    }

    @Test
    void distanceFromHomePenalisesEachKilometreBeyondTheLocalRadius() {
        // 20 km straight = 26 road km: 11 km beyond the 15 km radius at £300
        verifier.verifyThat(PlacementConstraintProvider::distanceFromHome)
                .given(placed(request("R").build(), setting("FAR").at(523_000, 204_000).build()))
                .penalizesBy(3_300);
        // 5 km straight = 6.5 road km: inside the radius
        verifier.verifyThat(PlacementConstraintProvider::distanceFromHome)
                .given(placed(request("R").build(), setting("NEAR").build()))
                .penalizesBy(0);
    }

    @Test
    void siblingsApartPenalisesEachPairOfPlacedSiblingsInDifferentSettings() {
        SettingFact one = fact(setting("ONE").build());
        SettingFact other = fact(setting("OTHER").build());
        verifier.verifyThat(PlacementConstraintProvider::siblingsApart)
                .given(sibling("A", 0, one), sibling("B", 1, one), sibling("C", 2, other))
                .penalizesBy(2 * Weights.DEFAULT.siblingsApart());
        verifier.verifyThat(PlacementConstraintProvider::siblingsApart)
                .given(sibling("A", 0, one), sibling("B", 1, one), sibling("C", 2, null),
                        new Placement(3, request("NOT-A-SIBLING").build(), COST_MODEL, List.of(other), false, other))
                .penalizesBy(0);
    }

    private static Placement sibling(String id, int index, SettingFact setting) {
        PlacementRequest request = request(id).siblingGroup("G").build();
        return new Placement(index, request, COST_MODEL, setting == null ? List.of() : List.of(setting), false, setting);
    }

    @Test
    void policyWeightsComeFromTheProblemsParameters() {
        CostModel custom = new CostModel(Parameters.DEFAULTS.withWeights(new Weights(7, 0, 0, 0, 0, 0)));
        Placement placement = new Placement(1, request("R").preferences("X").build(), custom, List.of(),
                false, fact(setting("S").type(SettingType.INDEPENDENT_SPECIAL).build()));
        verifier.verifyThat(PlacementConstraintProvider::preferenceMiss).given(placement).penalizesBy(7);
        verifier.verifyThat(PlacementConstraintProvider::independentPlacement).given(placement).penalizesBy(0);
    }

    @Test
    void explanationsCarryTheJustificationRecords() {
        Setting primary = setting("S").ages(4, 11).needs(Need.SEMH).capacity(0).at(560_000, 200_000).build();
        PlacementRequest child = request("R").age(13).at(500_000, 200_000).build();
        PlacementProblem problem = new PlacementProblem("p", Parameters.DEFAULTS, List.of(primary), List.of(child));
        SettingFact fact = new SettingFact(0, primary);
        PlacementSolution solution = new PlacementSolution(problem, List.of(fact), List.of(),
                List.of(new Placement(0, child, COST_MODEL, List.of(fact), false, fact)));

        SolutionManager<PlacementSolution, HardMediumSoftLongScore> scoring =
                SolutionManager.create(SolverFactory.<PlacementSolution>create(SolverConfigs.scoring()));
        ScoreExplanation<PlacementSolution, HardMediumSoftLongScore> explanation = scoring.explain(solution);

        assertThat(explanation.getJustificationList(NeedNotMet.class))
                .containsExactly(new NeedNotMet("R", "S", Need.ASD));
        assertThat(explanation.getJustificationList(AgeOutOfRange.class))
                .containsExactly(new AgeOutOfRange("R", "S", 13, 4, 11));
        assertThat(explanation.getJustificationList(CapacityExceeded.class))
                .containsExactly(new CapacityExceeded("S", 0, 1));
        assertThat(explanation.getJustificationList(TravelTimeExceeded.class)).singleElement()
                .satisfies(t -> assertThat(t.travelMinutes()).isEqualTo(156.0));
        assertThat(explanation.getScore().hardScore()).isEqualTo(-4);
    }
}
