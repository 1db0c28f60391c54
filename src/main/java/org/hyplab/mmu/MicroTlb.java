package org.hyplab.mmu;

import java.util.Arrays;

/**
 * The CPU's fast path into the {@link Tlb}: for one privilege level, a direct-mapped table of
 * 4 KiB virtual pages already translated and checked for reads, for writes and for instruction
 * fetches. A hit costs one compare; a miss goes to {@link Mmu#translate}, which fills the slot.
 * This is a cache of the TLB (not a TLB of its own): anything that could change what a
 * translation or permission check gives empties it.
 */
public final class MicroTlb {

    public static final int SLOTS = 256;
    public static final int MASK = SLOTS - 1;
    private static final int EMPTY = -1;   // no 20-bit page number is -1

    /** 0 = PL0 (user), 1 = PL1, 2 = PL2 (Hyp). */
    public final int pl;
    public final int[] readTag = new int[SLOTS], writeTag = new int[SLOTS], fetchTag = new int[SLOTS];
    /** Physical page base addresses, parallel to the tags. */
    public final long[] readPa = new long[SLOTS], writePa = new long[SLOTS], fetchPa = new long[SLOTS];

    MicroTlb(int pl) {
        this.pl = pl;
        flush();
    }

    void flush() {
        Arrays.fill(readTag, EMPTY);
        Arrays.fill(writeTag, EMPTY);
        Arrays.fill(fetchTag, EMPTY);
    }

    void fill(int kind, int va, long pa) {
        int vpn = va >>> 12;
        int slot = vpn & MASK;
        long page = pa & ~0xFFFL;
        switch (kind) {
            case Perm.READ -> {
                readTag[slot] = vpn;
                readPa[slot] = page;
            }
            case Perm.WRITE -> {
                writeTag[slot] = vpn;
                writePa[slot] = page;
            }
            default -> {
                fetchTag[slot] = vpn;
                fetchPa[slot] = page;
            }
        }
    }
}
