package org.hyplab.disasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/** Checks tables of (word, expected text) against the disassembler, reporting every miss at once. */
final class Expectations {

    private Expectations() {
    }

    /** Rows of {word in hex, expected text}, disassembled at address 0. */
    static void assertAll(String[][] cases) {
        List<String> misses = new ArrayList<>();
        for (String[] c : cases) {
            check(0, c[0], c[1], misses);
        }
        assertTrue(misses.isEmpty(), String.join("\n", misses));
    }

    /** Rows of {address in hex, word in hex, expected text}. */
    static void assertAllAt(String[][] cases) {
        List<String> misses = new ArrayList<>();
        for (String[] c : cases) {
            check(Integer.parseUnsignedInt(c[0], 16), c[1], c[2], misses);
        }
        assertTrue(misses.isEmpty(), String.join("\n", misses));
    }

    private static void check(int address, String word, String expected, List<String> misses) {
        String actual = A32Disassembler.disassemble(Integer.parseUnsignedInt(word, 16), address);
        if (!actual.equals(expected)) {
            misses.add(String.format("%s at 0x%x: expected '%s' but was '%s'", word, address,
                    expected.replace("\t", "\\t"), actual.replace("\t", "\\t")));
        }
    }
}
