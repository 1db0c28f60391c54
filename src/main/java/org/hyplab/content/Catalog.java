package org.hyplab.content;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a content folder yielded: the entries that could be read, in file-name order, and a
 * problem for each file that could not.
 */
public record Catalog<T>(List<T> entries, List<LoadProblem> problems) {

    public Catalog {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** The entry whose key (e.g. its id) equals {@code key}. */
    public <K> Optional<T> find(Function<T, K> keyOf, K key) {
        return entries.stream().filter(e -> keyOf.apply(e).equals(key)).findFirst();
    }
}
