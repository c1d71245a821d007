package uk.sendplan.planner.solver;

import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_HARD;
import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_MEDIUM;
import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_SOFT;

import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintCollectors;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.Placement;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.solver.justifications.AgeOutOfRange;
import uk.sendplan.planner.solver.justifications.AlternativeProvisionNotAllowed;
import uk.sendplan.planner.solver.justifications.AnnualCost;
import uk.sendplan.planner.solver.justifications.BoardingNotOffered;
import uk.sendplan.planner.solver.justifications.BoardingTooFar;
import uk.sendplan.planner.solver.justifications.CapacityExceeded;
import uk.sendplan.planner.solver.justifications.CurrentSettingNotKept;
import uk.sendplan.planner.solver.justifications.FarFromHome;
import uk.sendplan.planner.solver.justifications.GenderNotAdmitted;
import uk.sendplan.planner.solver.justifications.IndependentLimitExceeded;
import uk.sendplan.planner.solver.justifications.IndependentPlacement;
import uk.sendplan.planner.solver.justifications.MovedFromCurrent;
import uk.sendplan.planner.solver.justifications.NeedNotMet;
import uk.sendplan.planner.solver.justifications.NoFeeForBand;
import uk.sendplan.planner.solver.justifications.OutOfArea;
import uk.sendplan.planner.solver.justifications.PreferenceMissed;
import uk.sendplan.planner.solver.justifications.ReservedForOtherLas;
import uk.sendplan.planner.solver.justifications.SiblingsApart;
import uk.sendplan.planner.solver.justifications.TravelTimeExceeded;
import uk.sendplan.planner.solver.justifications.Unplaced;

/**
 * The rules of a placement plan. Hard: each child's setting fits them and no setting is over
 * capacity. Medium: children left without a place. Soft: annual cost in pounds plus the policy
 * penalties. Every pairwise test and amount comes from the request's {@link CostModel}, which
 * the exact construction and the plan's explanations use too.
 */
public final class PlacementConstraintProvider implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                need(factory),
                age(factory),
                gender(factory),
                boarding(factory),
                noFeeForBand(factory),
                travelTime(factory),
                boardingDistance(factory),
                alternativeProvision(factory),
                reservedPlaces(factory),
                capacity(factory),
                independentLimit(factory),
                keepCurrent(factory),
                unplaced(factory),
                annualCost(factory),
                preferenceMiss(factory),
                independentPlacement(factory),
                outOfArea(factory),
                moveFromCurrent(factory),
                distanceFromHome(factory),
                siblingsApart(factory)
        };
    }

    Constraint need(ConstraintFactory factory) {
        // Hard: the setting caters for the child's primary need.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsNeed(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new NeedNotMet(p.getId(), p.getSetting().getId(), p.getRequest().need()))
                .asConstraint("need");
    }

    Constraint age(ConstraintFactory factory) {
        // Hard: the child's age is within the setting's age range.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsAge(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new AgeOutOfRange(p.getId(), p.getSetting().getId(), p.getRequest().age(),
                        p.placedSetting().ageFrom(), p.placedSetting().ageTo()))
                .asConstraint("age");
    }

    Constraint gender(ConstraintFactory factory) {
        // Hard: a boys' or girls' setting takes only boys or girls.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsGender(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new GenderNotAdmitted(p.getId(), p.getSetting().getId(),
                        p.getRequest().gender(), p.placedSetting().gender()))
                .asConstraint("gender");
    }

    Constraint boarding(ConstraintFactory factory) {
        // Hard: a child who needs boarding goes only to a setting that offers it.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsBoarding(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new BoardingNotOffered(p.getId(), p.getSetting().getId()))
                .asConstraint("boarding");
    }

    Constraint noFeeForBand(ConstraintFactory factory) {
        // Hard: the setting has a fee for the child's band.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().hasFeeForBand(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new NoFeeForBand(p.getId(), p.getSetting().getId(), p.getRequest().band()))
                .asConstraint("noFeeForBand");
    }

    Constraint travelTime(ConstraintFactory factory) {
        // Hard: a day placement's journey is within the limit for the child's phase (boarding has its own reach).
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsTravelTime(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> {
                    CostModel costModel = p.getCostModel();
                    PlacementRequest request = p.getRequest();
                    return new TravelTimeExceeded(p.getId(), p.getSetting().getId(),
                            costModel.travelMinutes(request, p.placedSetting()), CostModel.phase(request),
                            costModel.maxTravelMinutes(CostModel.phase(request)));
                })
                .asConstraint("travelTime");
    }

    Constraint boardingDistance(ConstraintFactory factory) {
        // Hard: a boarding placement is within the boarding reach from home.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsBoardingDistance(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new BoardingTooFar(p.getId(), p.getSetting().getId(),
                        p.getCostModel().distanceKm(p.getRequest(), p.placedSetting()),
                        p.getCostModel().parameters().maxBoardingKm()))
                .asConstraint("boardingDistance");
    }

    Constraint alternativeProvision(ConstraintFactory factory) {
        // Hard: alternative provision only for a child whose request allows it.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsAlternativeProvision(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new AlternativeProvisionNotAllowed(p.getId(), p.getSetting().getId(),
                        p.getRequest().need()))
                .asConstraint("alternativeProvision");
    }

    Constraint reservedPlaces(ConstraintFactory factory) {
        // Hard: places block-commissioned by some LAs go only to those LAs' children.
        return factory.forEach(Placement.class)
                .filter(p -> !p.getCostModel().meetsReservation(p.getRequest(), p.placedSetting()))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new ReservedForOtherLas(p.getId(), p.getSetting().getId(), p.getRequest().laCode(),
                        p.placedSetting().reservedFor()))
                .asConstraint("reservedPlaces");
    }

    Constraint capacity(ConstraintFactory factory) {
        // Hard: no setting holds more children than its places (pinned children use places too); one per child over.
        return factory.forEach(Placement.class)
                .groupBy(Placement::getSetting, ConstraintCollectors.count())
                .filter((setting, placed) -> placed > setting.getCapacity())
                .penalizeLong(ONE_HARD, (setting, placed) -> placed - setting.getCapacity())
                .justifyWith((setting, placed, score) -> new CapacityExceeded(setting.getId(), setting.getCapacity(),
                        placed))
                .asConstraint("capacity");
    }

    Constraint independentLimit(ConstraintFactory factory) {
        // Hard: no more of an LA's children in independent settings than its limit; one per child over.
        return factory.forEach(IndependentCap.class)
                .join(factory.forEach(Placement.class).filter(p -> p.placedSetting().type().isIndependent()),
                        Joiners.equal(IndependentCap::laCode, p -> p.getRequest().laCode()))
                .groupBy((cap, p) -> cap, ConstraintCollectors.countBi())
                .filter((cap, placed) -> placed > cap.cap())
                .penalizeLong(ONE_HARD, (cap, placed) -> placed - cap.cap())
                .justifyWith((cap, placed, score) -> new IndependentLimitExceeded(cap.laCode(), cap.cap(), placed))
                .asConstraint("independentLimit");
    }

    Constraint keepCurrent(ConstraintFactory factory) {
        // Hard: a child marked keepCurrent stays in the current setting.
        return factory.forEachIncludingNullVars(Placement.class)
                .filter(p -> p.getRequest().keepCurrent()
                        && (p.getSetting() == null || !p.getSetting().getId().equals(p.getRequest().currentSettingId())))
                .penalize(ONE_HARD)
                .justifyWith((p, score) -> new CurrentSettingNotKept(p.getId(), p.getRequest().currentSettingId(),
                        p.getSetting() == null ? null : p.getSetting().getId()))
                .asConstraint("keepCurrent");
    }

    Constraint unplaced(ConstraintFactory factory) {
        // Medium: every child left without a place counts one.
        return factory.forEachIncludingNullVars(Placement.class)
                .filter(p -> p.getSetting() == null)
                .penalize(ONE_MEDIUM)
                .justifyWith((p, score) -> new Unplaced(p.getId()))
                .asConstraint("unplaced");
    }

    Constraint annualCost(ConstraintFactory factory) {
        // Soft: the annual fee for the child's band plus transport, in pounds.
        return factory.forEach(Placement.class)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().annualCost(p.getRequest(), p.placedSetting()))
                .justifyWith((p, score) -> {
                    CostModel costModel = p.getCostModel();
                    PlacementRequest request = p.getRequest();
                    Setting setting = p.placedSetting();
                    return new AnnualCost(p.getId(), p.getSetting().getId(), costModel.fee(request, setting),
                            costModel.transportCost(request, setting), costModel.annualCost(request, setting));
                })
                .asConstraint("annualCost");
    }

    Constraint preferenceMiss(ConstraintFactory factory) {
        // Soft: a child placed outside the family's ranked preferences costs the preferenceMiss weight.
        return factory.forEach(Placement.class)
                .filter(p -> p.getCostModel().preferenceMissPenalty(p.getRequest(), p.placedSetting()) > 0)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().preferenceMissPenalty(p.getRequest(), p.placedSetting()))
                .justifyWith((p, score) -> new PreferenceMissed(p.getId(), p.getSetting().getId(),
                        p.getRequest().preferences(), -score.softScore()))
                .asConstraint("preferenceMiss");
    }

    Constraint independentPlacement(ConstraintFactory factory) {
        // Soft: a placement in an independent setting costs the independentPlacement weight.
        return factory.forEach(Placement.class)
                .filter(p -> p.getCostModel().independentPlacementPenalty(p.placedSetting()) > 0)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().independentPlacementPenalty(p.placedSetting()))
                .justifyWith((p, score) -> new IndependentPlacement(p.getId(), p.getSetting().getId(),
                        p.placedSetting().type(), -score.softScore()))
                .asConstraint("independentPlacement");
    }

    Constraint outOfArea(ConstraintFactory factory) {
        // Soft: a placement in another local authority than the child's costs the outOfArea weight.
        return factory.forEach(Placement.class)
                .filter(p -> p.getCostModel().outOfAreaPenalty(p.getRequest(), p.placedSetting()) > 0)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().outOfAreaPenalty(p.getRequest(), p.placedSetting()))
                .justifyWith((p, score) -> new OutOfArea(p.getId(), p.getSetting().getId(), p.getRequest().laCode(),
                        p.placedSetting().laCode(), -score.softScore()))
                .asConstraint("outOfArea");
    }

    Constraint moveFromCurrent(ConstraintFactory factory) {
        // Soft: moving a child (not pinned) away from the current setting costs the moveFromCurrent weight.
        return factory.forEach(Placement.class)
                .filter(p -> p.getCostModel().moveFromCurrentPenalty(p.getRequest(), p.placedSetting()) > 0)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().moveFromCurrentPenalty(p.getRequest(), p.placedSetting()))
                .justifyWith((p, score) -> new MovedFromCurrent(p.getId(), p.getRequest().currentSettingId(),
                        p.getSetting().getId(), -score.softScore()))
                .asConstraint("moveFromCurrent");
    }

    Constraint distanceFromHome(ConstraintFactory factory) {
        // Soft: each road km beyond the local radius costs the distanceFromHome weight, so nearer wins when costs are close.
        return factory.forEach(Placement.class)
                .filter(p -> p.getCostModel().distanceFromHomePenalty(p.getRequest(), p.placedSetting()) > 0)
                .penalizeLong(ONE_SOFT, p -> p.getCostModel().distanceFromHomePenalty(p.getRequest(), p.placedSetting()))
                .justifyWith((p, score) -> new FarFromHome(p.getId(), p.getSetting().getId(),
                        p.getCostModel().distanceKm(p.getRequest(), p.placedSetting()),
                        p.getCostModel().parameters().localRadiusKm(), -score.softScore()))
                .asConstraint("distanceFromHome");
    }

    Constraint siblingsApart(ConstraintFactory factory) {
        // Soft: each pair of placed siblings in different settings costs the siblingsApart weight.
        return factory.forEach(Placement.class)
                .filter(p -> p.getRequest().siblingGroup() != null)
                .join(factory.forEach(Placement.class).filter(p -> p.getRequest().siblingGroup() != null),
                        Joiners.equal(p -> p.getRequest().siblingGroup()),
                        Joiners.lessThan(Placement::getIndex))
                .filter((a, b) -> a.getSetting() != b.getSetting()
                        && a.getCostModel().parameters().weights().siblingsApart() > 0)
                .penalizeLong(ONE_SOFT, (a, b) -> a.getCostModel().parameters().weights().siblingsApart())
                .justifyWith((a, b, score) -> new SiblingsApart(a.getRequest().siblingGroup(), a.getId(), b.getId(),
                        -score.softScore()))
                .asConstraint("siblingsApart");
    }
}
