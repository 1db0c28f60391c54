package org.hyplab.mmu;

import org.hyplab.mem.Bus;
import org.hyplab.mem.BusFault;

/**
 * The table walks of one set of {@link TranslationRegisters} (ARM ARM B3.3-B3.6): the regime's
 * stage 1 in either format, then stage 2, into a {@link TlbEntry}; and the permission checks an
 * access makes against that entry (B3.7, B3.12.3). The MMU walks on a TLB miss with the current
 * registers; {@link WalkExplainer} walks the same way with an observer that records each step.
 *
 * <p>Regimes (B3.1): Hyp mode uses the PL2 stage 1 (HTTBR/HTCR, LPAE only). Every other mode uses
 * the PL1&0 stage 1 (SCTLR.M; TTBCR.EAE picks the format), followed by stage 2 (VTTBR/VTCR) when
 * HCR.VM = 1. A stage that is off maps flat. The stage 1 walk's own table reads go through
 * stage 2, so they can fault there (HSR.S1PTW).
 */
final class Walker {

    // Register bits the walks read (ARM ARM B4.1.130 SCTLR, B4.1.67 HSCTLR).
    private static final int SCTLR_EE = 1 << 25;

    private final TranslationRegisters regs;
    private final Bus bus;
    /** Sees every step, or null (the CPU's own walks). */
    private final WalkObserver observer;

    Walker(TranslationRegisters regs, Bus bus, WalkObserver observer) {
        this.regs = regs;
        this.bus = bus;
        this.observer = observer;
    }

    // ---- flat translations: the regime's MMU is off ----------------------------------------------

    TlbEntry flatHyp(int va) {
        return new TlbEntry(TlbEntry.REGIME_HYP, 0, 0, true, false, false, 12, va & ~0xFFF, va & 0xFFFF_F000L,
                va & 0xFFFF_F000L, Perm.ALL, Perm.S2_ALL, -1, 0, 0, true, 0x00, -1);
    }

    /** With HCR.DC = 1 the "off" stage 1 makes memory Normal write-back (B3.2.1); else Strongly-ordered. */
    TlbEntry flatPl10(int va) {
        int attr = (regs.hcr() & TranslationRegisters.HCR_DC) != 0 ? 0xFF : 0x00;
        return new TlbEntry(TlbEntry.REGIME_PL10, 0, 0, true, false, false, 12, va & ~0xFFF, va & 0xFFFF_F000L,
                va & 0xFFFF_F000L, Perm.ALL, Perm.S2_ALL, -1, 0, 0, regs.longFormat(), attr, -1);
    }

    // ---- permission checks ---------------------------------------------------------------------

    /**
     * Checks an access of {@code kind} at privilege level {@code pl} against a translation, in the
     * architecture's order (B3.12.3): stage 1 domain, stage 1 permission, then stage 2 permission.
     *
     * @param dacr the DACR, for the short format's domains
     * @throws MmuFault domain or permission fault
     */
    static void check(TlbEntry e, int va, int kind, int pl, int dacr) {
        boolean write = kind == Perm.WRITE, fetch = kind == Perm.FETCH;
        if (e.domain >= 0) {
            int access = (dacr >>> (2 * e.domain)) & 3;
            if (access == 0 || access == 2) {   // no access; 0b10 is reserved and treated so
                throw new MmuFault(va, FaultType.DOMAIN, e.s1Level, 1, false, 0, e.domain, false, write, fetch);
            }
            if (access == 3) {
                // Manager: no permission checks at stage 1 (B3.7.3); XN is not checked either,
                // as on QEMU.
                checkStage2(e, va, kind);
                return;
            }
        }
        if ((e.s1Perm & Perm.stage1Bit(kind, pl != 0)) == 0) {
            throw new MmuFault(va, FaultType.PERMISSION, e.s1Level, 1, false, 0, Math.max(e.domain, 0),
                    e.longFormat, write, fetch);
        }
        checkStage2(e, va, kind);
    }

    private static void checkStage2(TlbEntry e, int va, int kind) {
        if ((e.s2Perm & Perm.stage2Bit(kind)) == 0) {
            throw new MmuFault(va, FaultType.PERMISSION, e.s2Level, 2, false, e.ipa(va), 0, true,
                    kind == Perm.WRITE, kind == Perm.FETCH);
        }
    }

    // ---- table reads -------------------------------------------------------------------------------

    /** Reads descriptors straight from physical memory (Hyp stage 1, stage 2, stage 1 without stage 2). */
    private DescriptorReader physical(int va, boolean bigEndian, int stage, long ipa, boolean write, boolean fetch) {
        return (address, wide, level) -> readTable(address, wide, bigEndian, va, level, stage, ipa, write, fetch);
    }

    /** One descriptor, in the endianness SCTLR.EE / HSCTLR.EE give table walks (B3.4.? "Endianness"). */
    private long readTable(long pa, boolean wide, boolean bigEndian, int va, int level, int stage, long ipa,
            boolean write, boolean fetch) {
        if (observer != null && !observer.reading(pa)) {
            throw new WalkObserver.Unreadable(pa);
        }
        try {
            if (!wide) {
                int w = bus.read32(pa);
                return (bigEndian ? Integer.reverseBytes(w) : w) & 0xFFFF_FFFFL;
            }
            long lo = bus.read32(pa) & 0xFFFF_FFFFL, hi = bus.read32(pa + 4) & 0xFFFF_FFFFL;
            return bigEndian ? Long.reverseBytes(lo | hi << 32) : lo | hi << 32;
        } catch (BusFault f) {
            throw new MmuFault(va, FaultType.EXTERNAL_ON_WALK, level, stage, false, ipa, 0,
                    stage == 2 || regs.longFormat(), write, fetch);
        }
    }

    // ---- walks -------------------------------------------------------------------------------------

    /** The Hyp regime's stage 1 (HSCTLR.M = 1): LPAE from HTTBR, HTCR.T0SZ (B3.6.4). */
    TlbEntry hyp(int va, boolean write, boolean fetch) {
        int t0sz = regs.htcr() & 7;
        int bits = 32 - t0sz;
        if (t0sz != 0 && (va >>> bits) != 0) {
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 1, false, 0, 0, true, write, fetch);
        }
        boolean be = (regs.hsctlr() & SCTLR_EE) != 0;
        WalkResult r = LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE1_HYP, va & 0xFFFF_FFFFL, bits,
                bits > 30 ? 1 : 2, "HTTBR", regs.httbr(), regs.hmair0(), regs.hmair1(), regs.hsctlr(),
                physical(va, be, 1, 0, write, fetch), observer, va, write, fetch);
        int size = r.sizeLog2;
        long off = va & ((1L << size) - 1);
        return new TlbEntry(TlbEntry.REGIME_HYP, 0, 0, true, true, false, size, (int) (va & ~((1L << size) - 1)),
                r.output - off, r.output - off, r.perm, Perm.S2_ALL, -1, r.level, 0, true, r.attr, -1);
    }

    /**
     * The PL1&0 translation of {@code va}: stage 1 (if on), then stage 2 (if on and
     * {@code outputStage2}).
     *
     * @param outputStage2 translate the stage 1 output through stage 2 (false for ATS1C*, whose
     *                     result is the IPA; stage 1's table reads still use stage 2)
     */
    TlbEntry pl10(int va, boolean write, boolean fetch, boolean outputStage2) {
        boolean s1 = regs.stage1On(), s2 = regs.stage2On();
        WalkResult r1;
        if (s1) {
            boolean be = (regs.sctlr() & SCTLR_EE) != 0;
            DescriptorReader reader = s2
                    ? (address, wide, level) -> {
                        long pa = stage2ForWalk(va, address, write, fetch);
                        return readTable(pa, wide, be, va, level, 1, 0, write, fetch);
                    }
                    : physical(va, be, 1, 0, write, fetch);
            r1 = regs.longFormat() ? stage1Long(va, reader, write, fetch)
                    : ShortDescriptorWalk.walk(va, regs, reader, observer, write, fetch);
        } else {
            r1 = new WalkResult();
            r1.output = va & 0xFFFF_FFFFL;
            r1.sizeLog2 = 32;
            r1.perm = Perm.ALL;
            r1.attr = (regs.hcr() & TranslationRegisters.HCR_DC) != 0 ? 0xFF : 0x00;
        }
        int size = r1.sizeLog2;
        long pa = r1.output;
        int s2Perm = Perm.S2_ALL, s2Level = 0, s2Attr = -1;
        boolean viaStage2 = outputStage2 && s2;
        if (viaStage2) {
            WalkResult r2 = stage2(r1.output, va, write, fetch);
            size = Math.min(size, r2.sizeLog2);
            pa = r2.output;
            s2Perm = r2.perm;
            s2Level = r2.level;
            s2Attr = r2.attr;
        }
        size = Math.min(size, 31);   // an entry never spans the whole 4 GiB
        long off = va & ((1L << size) - 1);
        return new TlbEntry(TlbEntry.REGIME_PL10, regs.vmid(), s1 ? regs.asid() : 0, r1.global, s1, viaStage2, size,
                (int) (va & ~((1L << size) - 1)), r1.output - off, pa - off, r1.perm, s2Perm, r1.domain,
                r1.level, s2Level, regs.longFormat(), r1.attr, s2Attr);
    }

    /** LPAE stage 1 of the PL1&0 regime: TTBR0 or TTBR1 by T0SZ/T1SZ (B3.6.4). */
    private WalkResult stage1Long(int va, DescriptorReader reader, boolean write, boolean fetch) {
        int ttbcr = regs.ttbcr();
        int t0 = ttbcr & 7, t1 = (ttbcr >>> 16) & 7;
        long uva = va & 0xFFFF_FFFFL;
        boolean in0 = t0 > 0 && (uva >>> (32 - t0)) == 0;
        boolean in1 = t1 > 0 && (uva >>> (32 - t1)) == (1L << t1) - 1;
        boolean use0;
        if (in0) {
            use0 = true;
        } else if (in1) {
            use0 = false;
        } else if (t0 == 0) {
            use0 = true;            // TTBR0 covers everything TTBR1 does not
        } else if (t1 == 0) {
            use0 = false;           // TTBR1 covers everything above TTBR0's range
        } else {
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 1, false, 0, 0, true, write, fetch);
        }
        if ((ttbcr & (use0 ? 1 << 7 : 1 << 23)) != 0) {   // EPD0 / EPD1: walks disabled
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 1, false, 0, 0, true, write, fetch);
        }
        int bits = 32 - (use0 ? t0 : t1);
        return LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE1_PL10, uva, bits, bits > 30 ? 1 : 2,
                use0 ? "TTBR0" : "TTBR1", use0 ? regs.ttbr0() : regs.ttbr1(), regs.prrr(), regs.nmrr(),
                regs.sctlr(), reader, observer, va, write, fetch);
    }

    /** Stage 2 of an IPA (B3.6.5): VTCR.T0SZ is a signed 4-bit value, SL0 picks the start level. */
    WalkResult stage2(long ipa, int va, boolean write, boolean fetch) {
        int vtcr = regs.vtcr();
        int t0sz = (vtcr << 28) >> 28;
        int bits = 32 - t0sz;
        int sl0 = (vtcr >>> 6) & 3;
        if (sl0 > 1 || (ipa >>> bits) != 0) {
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 2, false, ipa, 0, true, write, fetch);
        }
        return LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE2, ipa, bits, sl0 == 1 ? 1 : 2, "VTTBR",
                regs.vttbr(), 0, 0, 0, physical(va, false, 2, ipa, write, fetch), observer, va, write, fetch);
    }

    /**
     * Stage 2 of a stage 1 table address: the walk needs read permission, and with HCR.PTW a
     * table in stage 2 Device or Strongly-ordered memory is a permission fault (B3.12.?).
     * Faults here carry S1PTW.
     */
    private long stage2ForWalk(int va, long tableIpa, boolean write, boolean fetch) {
        try {
            WalkResult r = stage2(tableIpa, va, write, fetch);
            boolean device = (r.attr & 0xC) == 0;
            if ((r.perm & Perm.S2_R) == 0 || ((regs.hcr() & TranslationRegisters.HCR_PTW) != 0 && device)) {
                throw new MmuFault(va, FaultType.PERMISSION, r.level, 2, true, tableIpa, 0, true, write, fetch);
            }
            return r.output;
        } catch (MmuFault f) {
            if (f.s1ptw) {
                throw f;
            }
            throw new MmuFault(va, f.type, f.level, 2, true, tableIpa, 0, true, write, fetch);
        }
    }
}
