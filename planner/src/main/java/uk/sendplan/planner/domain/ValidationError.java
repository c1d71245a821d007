package uk.sendplan.planner.domain;

/**
 * One thing wrong with a problem.
 *
 * @param item    where: {@code requests[12] (id "R13")}, {@code settings[0]}, {@code parameters} or
 *                empty for the problem itself
 * @param field   the field, e.g. {@code need} or {@code maxTravelMinutes.PRIMARY}
 * @param message what is wrong and what is expected
 */
public record ValidationError(String item, String field, String message) {

    /** {@code requests[12] (id "R13").need: unknown need code "ASDX"; expected one of …}. */
    @Override
    public String toString() {
        return (item.isEmpty() ? field : item + "." + field) + ": " + message;
    }
}
