package org.hyplab.mmu;

/**
 * Sees every step of a table walk, for explaining translations to a student
 * ({@link WalkExplainer}). The CPU's own walks run without an observer.
 */
interface WalkObserver {

    /**
     * A stage's walk of {@code input} begins.
     *
     * @param input      the address this stage translates: a VA, or an IPA for stage 2 (the
     *                   final one, or that of a stage 1 table)
     * @param register   the base register: TTBR0, TTBR1, HTTBR or VTTBR
     * @param table      the start table's address (an IPA for a PL1&0 stage 1 under stage 2)
     * @param level      the start level
     * @param inputBits  the size of the input address space the stage translates, in bits
     */
    void start(int stage, long input, String register, long table, int level, int inputBits);

    /**
     * The walk is about to read a descriptor at physical address {@code pa}: the next
     * {@link #descriptor} call is the value read there.
     *
     * @return false to stop the walk here without reading (the address is not RAM, and reading
     *         a device could change it); the walk then ends with {@link Unreadable}
     */
    boolean reading(long pa);

    /**
     * @param address    where the descriptor is (an IPA for a stage 1 walk under stage 2)
     * @param descriptor its value (32-bit descriptors zero-extended)
     * @param wide       a 64-bit long-descriptor entry rather than a 32-bit short one
     */
    void descriptor(int stage, int level, long address, long descriptor, boolean wide, DescriptorKind kind);

    /** Thrown out of a walk whose observer refused a read. */
    final class Unreadable extends RuntimeException {
        final long pa;

        Unreadable(long pa) {
            super(null, null, false, false);
            this.pa = pa;
        }
    }
}
