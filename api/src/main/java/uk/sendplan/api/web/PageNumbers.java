package uk.sendplan.api.web;

import uk.sendplan.api.system.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Numbered pages of a list held whole (GOV.UK's pagination component, templates/web/pagination.html): the page asked
 * for, links to the previous and next pages, and page numbers with the first, the last and the current page's
 * neighbours, gaps shown as an ellipsis as GOV.UK's guidance asks. Each link comes from the page, so it keeps the
 * page's filters.
 */
public record PageNumbers(int page, int pages, int size, int total, String previous, String next, List<Item> items) {

    /** A page number to link to, or an ellipsis (a null number) standing for the pages left out. */
    public record Item(Integer number, String href, boolean current) {
    }

    /**
     * The pages of {@code total} rows, {@code size} a page, showing the page asked for (as typed: blank is the first
     * page; past the last is the last, as when a filter has shortened the list).
     */
    public static PageNumbers of(String asked, int total, int size, IntFunction<String> href) {
        int pages = Math.max(1, (total + size - 1) / size);
        int page = 1;
        if (asked != null && !asked.isBlank()) {
            try {
                page = Integer.parseInt(asked.trim());
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1) {
                throw ApiException.badRequest("page", "the page to show is a whole number from 1, got \"" + asked + "\"");
            }
        }
        page = Math.min(page, pages);
        List<Item> items = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            if (n == 1 || n == pages || Math.abs(n - page) <= 1) {
                items.add(new Item(n, href.apply(n), n == page));
            } else if (items.getLast().number() != null) {
                items.add(new Item(null, null, false));
            }
        }
        return new PageNumbers(page, pages, size, total, page > 1 ? href.apply(page - 1) : null, page < pages ? href.apply(page + 1) : null,
                pages > 1 ? items : List.of());
    }

    /** The index of the page's first row in the whole list. */
    public int from() {
        return (page - 1) * size;
    }

    /** The index after the page's last row. */
    public int to() {
        return Math.min(total, page * size);
    }

    /** This page's rows of the whole list. */
    public <T> List<T> of(List<T> all) {
        return all.subList(Math.min(from(), all.size()), Math.min(to(), all.size()));
    }
}
