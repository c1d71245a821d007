package uk.sendplan.api.planning;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.HardRule;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;

import java.util.Locale;

/**
 * The planner's rules as a commissioner reads them ("no fee for band 3", not "noFeeForBand"), with distances to
 * 0.1 km and journeys to whole minutes. The planner's names stay the machine-readable keys (Penalty.constraint); any
 * text a person reads (notes, reasons, the CSV) goes through here.
 */
final class RuleTexts {

    private RuleTexts() {
    }

    /** A policy penalty's rule in words; an unknown name (a planner newer than this service) shows as it is. */
    static String penalty(String constraint) {
        return switch (constraint) {
            case "preferenceMiss" -> "not one of the family's preferences";
            case "independentPlacement" -> "independent setting";
            case "outOfArea" -> "outside the child's LA";
            case "moveFromCurrent" -> "moved from the current setting";
            case "distanceFromHome" -> "too far from home";
            case "siblingsApart" -> "siblings placed apart";
            default -> constraint;
        };
    }

    /** Why a setting can't take a child under one hard rule, with the numbers that decide it. */
    static String brokenRule(HardRule rule, PlacementRequest child, Setting setting, CostModel costModel) {
        return switch (rule) {
            case NEED -> "no places for " + child.need();
            case AGE -> "does not take " + CostModel.phase(child).name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " pupils aged " + child.age();
            case GENDER -> "takes " + setting.gender().name().toLowerCase(Locale.ROOT) + " only";
            case BOARDING -> "no boarding";
            case NO_FEE_FOR_BAND -> "no fee for band " + child.band();
            case TRAVEL_TIME -> minutes(costModel.travelMinutes(child, setting)) + " away, over the "
                    + costModel.maxTravelMinutes(CostModel.phase(child)) + "-minute travel limit";
            case BOARDING_DISTANCE -> km(costModel.distanceKm(child, setting)) + " away, beyond the "
                    + km(costModel.parameters().maxBoardingKm()) + " boarding reach";
            case ALTERNATIVE_PROVISION -> "alternative provision not allowed for this child";
            case RESERVED_FOR_OTHER_LAS -> "places block-commissioned by " + String.join(" and ", setting.reservedFor()) + " for their own children";
        };
    }

    /** A road distance as people read it: "12.3 km". */
    static String km(double km) {
        return String.format(Locale.UK, "%.1f km", roundKm(km));
    }

    /** A journey as people read it: "42 minutes". */
    static String minutes(double minutes) {
        long whole = Math.round(minutes);
        return whole + (whole == 1 ? " minute" : " minutes");
    }

    static double roundKm(double km) {
        return Math.round(km * 10) / 10.0;
    }

    static double roundMinutes(double minutes) {
        return Math.round(minutes);
    }
}
