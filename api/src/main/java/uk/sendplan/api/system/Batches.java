package uk.sendplan.api.system;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The answer a {@code @BatchMapping} gives: each parent (once, however often it appears) with its value. A parent
 * with nothing loaded is left out, which GraphQL reads as null.
 */
public final class Batches {

    private Batches() {
    }

    /** Each parent with what was loaded for its key. */
    public static <P, K, V> Map<P, V> byKey(Collection<P> parents, Function<P, K> key, Map<K, V> loaded) {
        return each(parents, parent -> loaded.get(key.apply(parent)));
    }

    /** Each parent with its value. */
    public static <P, V> Map<P, V> each(Collection<P> parents, Function<P, V> value) {
        Map<P, V> result = new LinkedHashMap<>();
        for (P parent : parents) {
            if (!result.containsKey(parent)) {
                V v = value.apply(parent);
                if (v != null) {
                    result.put(parent, v);
                }
            }
        }
        return result;
    }
}
