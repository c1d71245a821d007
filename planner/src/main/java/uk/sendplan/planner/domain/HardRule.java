package uk.sendplan.planner.domain;

/**
 * A hard rule that a single (request, setting) pair can break. Capacity and keepCurrent are hard
 * too but concern the whole plan, so they are not listed here. {@link #constraintName()} is the
 * name of the matching constraint in the solver and in plans.
 */
public enum HardRule {
    NEED("need"),
    AGE("age"),
    GENDER("gender"),
    BOARDING("boarding"),
    NO_FEE_FOR_BAND("noFeeForBand"),
    TRAVEL_TIME("travelTime"),
    BOARDING_DISTANCE("boardingDistance"),
    ALTERNATIVE_PROVISION("alternativeProvision"),
    RESERVED_FOR_OTHER_LAS("reservedPlaces");

    private final String constraintName;

    HardRule(String constraintName) {
        this.constraintName = constraintName;
    }

    public String constraintName() {
        return constraintName;
    }
}
