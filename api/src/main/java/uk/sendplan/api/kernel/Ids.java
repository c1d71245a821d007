package uk.sendplan.api.kernel;

import uk.sendplan.api.system.ApiException;

/** Record ids as clients give them (GraphQL IDs are strings): one rule, one message. */
public final class Ids {

    private Ids() {
    }

    /** The id as a number, or BAD_REQUEST naming the field. */
    public static long parse(String field, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "not an id: \"" + id + "\"");
        }
    }
}
