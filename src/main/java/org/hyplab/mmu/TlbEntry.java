package org.hyplab.mmu;

/**
 * One cached translation (a TLB entry): a naturally aligned block of virtual addresses, where it
 * goes, and everything needed to check an access without walking the tables again. When stage 2
 * is on, the entry is the combined stage 1 + stage 2 translation, so its size is the smaller of
 * the two mappings. Entries are immutable.
 */
public final class TlbEntry {

    /** The regime the entry belongs to. */
    public static final int REGIME_PL10 = 0, REGIME_HYP = 1;

    public final int regime;
    /** VTTBR.VMID for the PL1&0 regime, 0 for Hyp. */
    public final int vmid;
    /** The ASID of a non-global entry; ignored for global ones. */
    public final int asid;
    public final boolean global;
    public final boolean stage1On, stage2On;

    /** Block size as log2 bytes: 12 (4 KiB) ... 30 (1 GiB). */
    public final int sizeLog2;
    public final int vaBase;
    /** Stage 1 output (the IPA when stage 2 is on, else the PA) of {@link #vaBase}. */
    public final long ipaBase;
    /** Physical address of {@link #vaBase}. */
    public final long paBase;

    /** Stage 1 permissions ({@link Perm} R0..X1) and stage 2 permissions (S2_R..S2_X). */
    public final int s1Perm, s2Perm;
    /** Short-descriptor domain, or -1 with the long format (no domains). */
    public final int domain;
    /** Levels of the stage 1 and stage 2 descriptors that mapped the address (0 when that stage is off). */
    public final int s1Level, s2Level;
    /** Whether stage 1 faults are reported in the long-descriptor format. */
    public final boolean longFormat;
    /** Stage 1 memory attributes as a MAIR-style byte (0x00 Strongly-ordered, 0x04 Device, ...). */
    public final int s1Attr;
    /** Stage 2 MemAttr[3:0], or -1 when stage 2 is off. */
    public final int s2MemAttr;

    TlbEntry(int regime, int vmid, int asid, boolean global, boolean stage1On, boolean stage2On, int sizeLog2,
            int vaBase, long ipaBase, long paBase, int s1Perm, int s2Perm, int domain, int s1Level, int s2Level,
            boolean longFormat, int s1Attr, int s2MemAttr) {
        this.regime = regime;
        this.vmid = vmid;
        this.asid = asid;
        this.global = global;
        this.stage1On = stage1On;
        this.stage2On = stage2On;
        this.sizeLog2 = sizeLog2;
        this.vaBase = vaBase;
        this.ipaBase = ipaBase;
        this.paBase = paBase;
        this.s1Perm = s1Perm;
        this.s2Perm = s2Perm;
        this.domain = domain;
        this.s1Level = s1Level;
        this.s2Level = s2Level;
        this.longFormat = longFormat;
        this.s1Attr = s1Attr;
        this.s2MemAttr = s2MemAttr;
    }

    public boolean contains(int va) {
        return ((va ^ vaBase) >>> sizeLog2) == 0 || sizeLog2 >= 32;
    }

    public long pa(int va) {
        return paBase + ((va - vaBase) & 0xFFFF_FFFFL);
    }

    public long ipa(int va) {
        return ipaBase + ((va - vaBase) & 0xFFFF_FFFFL);
    }

    @Override
    public String toString() {
        return String.format("%s%s VA 0x%08x/%d -> PA 0x%x%s", regime == REGIME_HYP ? "hyp" : "pl10",
                stage2On ? " vmid " + vmid : "", vaBase, sizeLog2, paBase, global ? " global" : " asid " + asid);
    }
}
