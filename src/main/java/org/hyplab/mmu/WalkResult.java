package org.hyplab.mmu;

/** What one stage of a table walk found for one input address. */
final class WalkResult {
    /** The output address of the looked-up input address (not just the block base). */
    long output;
    int sizeLog2;
    /** {@link Perm} bits: R0..X1 for stage 1, S2_R..S2_X for stage 2. */
    int perm;
    int domain = -1;
    int level;
    boolean global = true;
    /** Stage 1: MAIR-style attribute byte; stage 2: MemAttr[3:0]. */
    int attr;
}
