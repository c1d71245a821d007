package uk.sendplan.api.kernel;

import uk.sendplan.api.system.ApiException;

/** Text a client must give: one rule and one message for every feature. */
public final class Texts {

    private Texts() {
    }

    /** The text trimmed, or BAD_REQUEST naming the field when it is missing or blank. */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "is required and must not be blank");
        }
        return value.trim();
    }
}
