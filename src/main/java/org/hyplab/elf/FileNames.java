package org.hyplab.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The source file paths of a line table, each stored once and numbered in order of first use. */
final class FileNames {

    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();

    int number(String path) {
        Integer n = numbers.get(path);
        if (n == null) {
            n = paths.size();
            paths.add(path);
            numbers.put(path, n);
        }
        return n;
    }

    List<String> paths() {
        return paths;
    }
}
