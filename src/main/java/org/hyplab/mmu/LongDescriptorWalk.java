package org.hyplab.mmu;

/**
 * Translation with the long-descriptor (LPAE) format (ARM ARM B3.6): up to three levels of
 * tables of 64-bit entries, 512 to a 4 KiB table, mapping 1 GiB blocks (level 1), 2 MiB blocks
 * (level 2) and 4 KiB pages (level 3). The same walk serves the three users of the format:
 * PL1&0 stage 1 with TTBCR.EAE = 1, the Hyp regime's stage 1 (always LPAE), and stage 2.
 * Descriptor layouts: ARM ARM B3.6.1-B3.6.2, BOARDS.md §4.7.
 */
final class LongDescriptorWalk {

    private LongDescriptorWalk() {
    }

    /** Which translation this walk is: the fields a descriptor has depend on it. */
    enum Kind { STAGE1_PL10, STAGE1_HYP, STAGE2 }

    private static final long OA_MASK = 0xFF_FFFF_F000L;   // output address bits 39:12
    private static final long PA_MASK = 0xFF_FFFF_FFFFL;   // a 40-bit physical address

    /**
     * Walks from {@code tableBase} for input address {@code in} of an {@code inputBits}-bit space,
     * starting at {@code startLevel} (at the start level the table may be concatenated: it is
     * indexed by all the input bits above the level's block size, B3.6.6).
     *
     * @param register the base register's name, for an observer
     * @param sctlr    the controlling SCTLR or HSCTLR, for WXN/UWXN (stage 1 only)
     */
    static WalkResult walk(Kind kind, long in, int inputBits, int startLevel, String register, long tableBase,
            int mair0, int mair1, int sctlr, DescriptorReader reader, WalkObserver observer, int va, boolean write,
            boolean fetch) {
        int stage = kind == Kind.STAGE2 ? 2 : 1;
        boolean apTableNoPl0 = false, apTableReadOnly = false, xnTable = false, pxnTable = false;
        // The start table is aligned to its own size only (TTBR0/TTBR1/HTTBR/VTTBR.BADDR[39:x],
        // x = 5 - T0SZ for a level 1 start: 32 bytes for a 32-bit input; B4.1.154, B4.1.159),
        // not to 4 KiB as the tables a descriptor points to are.
        long table = tableBase & PA_MASK & ~((1L << tableBits(inputBits, startLevel)) - 1);
        if (observer != null) {
            observer.start(stage, in, register, table, startLevel, inputBits);
        }
        // A misprogrammed start level leaves no index bits, or needs more than 16 concatenated tables.
        int startShift = shift(startLevel);
        if (inputBits <= startShift || inputBits - startShift > 13) {
            throw fault(kind, va, in, FaultType.TRANSLATION, startLevel, write, fetch);
        }
        for (int level = startLevel; ; level++) {
            int sh = shift(level);
            int indexBits = level == startLevel ? inputBits - sh : 9;
            long address = table | ((in >>> sh) & ((1L << indexBits) - 1)) << 3;
            long d = reader.read(address, true, level);
            DescriptorKind k = DescriptorKind.longDescriptor(d, level);
            if (observer != null) {
                observer.descriptor(stage, level, address, d, true, k);
            }
            if (!k.isLeaf() && k != DescriptorKind.TABLE) {
                throw fault(kind, va, in, FaultType.TRANSLATION, level, write, fetch);
            }
            if (k == DescriptorKind.TABLE) {
                // Table descriptor: hierarchical attributes accumulate (stage 1 only, B3.6.1).
                if (kind != Kind.STAGE2) {
                    apTableNoPl0 |= (d & 1L << 61) != 0;
                    apTableReadOnly |= (d & 1L << 62) != 0;
                    xnTable |= (d & 1L << 60) != 0;
                    pxnTable |= (d & 1L << 59) != 0;
                }
                table = d & OA_MASK;
                continue;
            }
            if ((d & 1 << 10) == 0) {   // AF: no hardware management of the access flag on ARMv7
                throw fault(kind, va, in, FaultType.ACCESS_FLAG, level, write, fetch);
            }
            WalkResult r = new WalkResult();
            r.level = level;
            r.sizeLog2 = sh;
            long blockMask = (1L << sh) - 1;
            r.output = (d & OA_MASK & ~blockMask) | (in & blockMask);
            boolean ap2 = (d & 1 << 7) != 0, ap1 = (d & 1 << 6) != 0;
            boolean xn = (d & 1L << 54) != 0;
            switch (kind) {
                case STAGE2 -> {
                    // S2AP[0] (bit 6) allows reads, S2AP[1] (bit 7) writes; a fetch needs read
                    // permission and no XN (B3.7.? stage 2 access permissions).
                    r.perm = (ap1 ? Perm.S2_R : 0) | (ap2 ? Perm.S2_W : 0) | (ap1 && !xn ? Perm.S2_X : 0);
                    r.attr = (int) (d >>> 2) & 0xF;
                }
                case STAGE1_HYP -> {
                    // Hyp: AP[2] (and APTable[1]) make it read-only; AP[1] is SBO, PXN ignored.
                    int p = Perm.R1 | (ap2 || apTableReadOnly ? 0 : Perm.W1);
                    r.perm = p | ShortDescriptorWalk.execute(p, xn || xnTable, false,
                            sctlr & ShortDescriptorWalk.SCTLR_WXN);
                    r.attr = mairAttr((int) (d >>> 2) & 7, mair0, mair1);
                }
                default -> {
                    // AP[2:1]: 00 PL1 RW, 01 RW at any PL, 10 PL1 RO, 11 RO at any PL (B3.7.1);
                    // APTable[0] removes PL0 access, APTable[1] write access.
                    boolean readOnly = ap2 || apTableReadOnly;
                    boolean pl0 = ap1 && !apTableNoPl0;
                    int p = Perm.R1 | (readOnly ? 0 : Perm.W1) | (pl0 ? Perm.R0 : 0)
                            | (pl0 && !readOnly ? Perm.W0 : 0);
                    boolean pxn = (d & 1L << 53) != 0 || pxnTable;
                    r.perm = p | ShortDescriptorWalk.execute(p, xn || xnTable, pxn, sctlr);
                    r.global = (d & 1 << 11) == 0;
                    r.attr = mairAttr((int) (d >>> 2) & 7, mair0, mair1);
                }
            }
            return r;
        }
    }

    /** Bits of input address a block at {@code level} covers: 30, 21, 12. */
    static int shift(int level) {
        return 39 - 9 * level;
    }

    /** log2 of the start table's size in bytes: 8-byte entries, one per index value. */
    private static int tableBits(int inputBits, int startLevel) {
        return Math.max(3, inputBits - shift(startLevel) + 3);
    }

    private static int mairAttr(int index, int mair0, int mair1) {
        return index < 4 ? (mair0 >>> (8 * index)) & 0xFF : (mair1 >>> (8 * (index - 4))) & 0xFF;
    }

    private static MmuFault fault(Kind kind, int va, long in, FaultType type, int level, boolean write, boolean fetch) {
        boolean s2 = kind == Kind.STAGE2;
        return new MmuFault(va, type, level, s2 ? 2 : 1, false, s2 ? in : 0, 0, true, write, fetch);
    }
}
