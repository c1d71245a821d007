package uk.sendplan.api.system;

import java.util.List;
import java.util.function.Function;

/** Page-size rules and page info shared by every connection. */
public final class Page {

    public static final int MAX_FIRST = 100;

    public record Info(boolean hasNextPage, String endCursor) {
    }

    private Page() {
    }

    public static int checkFirst(String field, int first) {
        if (first < 1 || first > MAX_FIRST) {
            throw ApiException.badRequest(field, "page size must be between 1 and " + MAX_FIRST + ", got " + first);
        }
        return first;
    }

    public static <E> Info info(List<E> edges, Function<E, String> cursor, boolean hasNext) {
        return new Info(hasNext, edges.isEmpty() ? null : cursor.apply(edges.getLast()));
    }
}
