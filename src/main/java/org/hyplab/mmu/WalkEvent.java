package org.hyplab.mmu;

/** One step of an explained table walk ({@link Explanation#steps()}), in the order the walker took it. */
public sealed interface WalkEvent {

    /** A stage that is off maps its input flat (B3.2: VA = IPA, or IPA = PA). */
    record Flat(int stage, String why) implements WalkEvent {
    }

    /**
     * A stage's walk of {@code input} (a VA, or an IPA at stage 2) starts at {@code table}, named
     * by a base register, at {@code level}, for an input address space of {@code inputBits} bits.
     */
    record Start(int stage, long input, String register, long table, int level, int inputBits) implements WalkEvent {
    }

    /**
     * A descriptor read: where (the IPA for a stage 1 table under stage 2, and the PA actually
     * read), its value, what kind it is and what it says.
     */
    record Read(int stage, int level, long address, long pa, long descriptor, boolean wide, DescriptorKind kind,
            String meaning) implements WalkEvent {
    }
}
