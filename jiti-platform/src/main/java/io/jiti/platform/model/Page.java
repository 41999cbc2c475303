package io.jiti.platform.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the items
 * @param next  the cursor of the next page, or null on the last
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** The first {@code n} of {@code items} (fetched {@code n + 1}, to know whether more follow), with the cursor. */
    public static <T> Page<T> cut(List<T> items, int n, Function<T, String> cursor) {
        return items.size() > n ? new Page<>(items.subList(0, n), cursor.apply(items.get(n - 1))) : new Page<>(items, null);
    }
}
