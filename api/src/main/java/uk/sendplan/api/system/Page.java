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

    /** One page of a connection: its edges and page info. */
    public record Slice<E>(List<E> edges, Info info) {
    }

    /**
     * The page from rows fetched one past the page size ({@code limit + 1}, so the extra row says whether there is a
     * next page), each row made an edge.
     */
    public static <R, E> Slice<E> slice(List<R> rows, int limit, Function<R, E> edge, Function<E, String> cursor) {
        List<E> edges = rows.stream().limit(limit).map(edge).toList();
        return new Slice<>(edges, info(edges, cursor, rows.size() > limit));
    }

    public static <E> Info info(List<E> edges, Function<E, String> cursor, boolean hasNext) {
        return new Info(hasNext, edges.isEmpty() ? null : cursor.apply(edges.getLast()));
    }
}
