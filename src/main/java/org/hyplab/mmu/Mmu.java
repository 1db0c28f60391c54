package org.hyplab.mmu;

import java.util.List;

import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;
import org.hyplab.mem.BusFault;

/**
 * The memory management unit of one CPU (ARM ARM B3): picks the translation regime, looks the
 * address up in the {@link Tlb}, walks the tables on a miss (stage 1 in either format, then
 * stage 2), checks domains and permissions, and fills the CPU's {@link MicroTlb}.
 *
 * <p>Regimes (B3.1): Hyp mode uses the PL2 stage 1 (HTTBR/HTCR, LPAE only). Every other mode uses
 * the PL1&0 stage 1 (SCTLR.M; TTBCR.EAE picks the format), followed by stage 2 (VTTBR/VTCR) when
 * HCR.VM = 1. A stage that is off maps flat. The stage 1 walk's own table reads go through
 * stage 2, so they can fault there (HSR.S1PTW).
 */
public final class Mmu {

    // Register bits the MMU reads (ARM ARM B4.1.130 SCTLR, B4.1.65 HCR, B4.1.153 TTBCR).
    static final int SCTLR_M = 1;
    static final int HCR_VM = 1, HCR_PTW = 1 << 2, HCR_FB = 1 << 9, HCR_DC = 1 << 12, HCR_TGE = 1 << 27;
    static final int TTBCR_EAE = 1 << 31;

    private final SystemRegisters sys;
    private final Bus bus;
    private final Tlb tlb = new Tlb();
    private final MicroTlb[] micro = {new MicroTlb(0), new MicroTlb(1), new MicroTlb(2)};
    /** The MMUs a broadcast (inner shareable) TLB maintenance operation reaches, this one included. */
    private List<Mmu> shareDomain = List.of(this);
    /** Told whenever the micro-TLBs are emptied (the CPU forgets its cached fetch page). */
    private Runnable contextListener = () -> { };

    public Mmu(SystemRegisters sys, Bus bus) {
        this.sys = sys;
        this.bus = bus;
    }

    public MicroTlb microTlb(int pl) {
        return micro[pl];
    }

    public Tlb tlb() {
        return tlb;
    }

    /** The CPUs' MMUs of one machine, for the inner shareable TLB maintenance operations. */
    public void setShareDomain(List<Mmu> all) {
        this.shareDomain = List.copyOf(all);
    }

    /**
     * Something the translation or its checks depend on changed (a system register write, a TLB
     * maintenance operation): forget every micro-TLB slot. The TLB itself keeps its entries.
     */
    public void contextChanged() {
        for (MicroTlb m : micro) {
            m.flush();
        }
        contextListener.run();
    }

    public void setContextListener(Runnable listener) {
        this.contextListener = listener;
    }

    public void reset() {
        tlb.invalidateAll();
        contextChanged();
    }

    // ---- the access path ---------------------------------------------------------------------

    /**
     * Translates {@code va} for an access of {@code kind} ({@link Perm#READ}, WRITE, FETCH) at
     * the privilege level of {@code via}, fills {@code via}'s slot and returns the physical address.
     *
     * @throws MmuFault if a stage faults or the access is not permitted
     */
    public long translate(int va, int kind, MicroTlb via) {
        if (via.pl == 2 ? (sys.hsctlr & SCTLR_M) == 0 : !stage1On() && !stage2On()) {
            long pa = va & 0xFFFF_FFFFL;   // the regime's MMU is off: flat, everything allowed
            via.fill(kind, va, pa);
            return pa;
        }
        TlbEntry e = entryFor(va, via.pl == 2, kind == Perm.WRITE, kind == Perm.FETCH);
        check(e, va, kind, via.pl);
        long pa = e.pa(va);
        via.fill(kind, va, pa);
        return pa;
    }

    /** The translation of {@code va} in the current regime, from the TLB or from a walk. */
    private TlbEntry entryFor(int va, boolean hyp, boolean write, boolean fetch) {
        if (hyp) {
            if ((sys.hsctlr & SCTLR_M) == 0) {
                return flatHyp(va);
            }
            TlbEntry e = tlb.lookup(TlbEntry.REGIME_HYP, true, false, 0, 0, va);
            if (e == null) {
                e = walkHyp(va, null, write, fetch);
                tlb.insert(e, va);
            }
            return e;
        }
        boolean s1 = stage1On(), s2 = stage2On();
        if (!s1 && !s2) {
            return flatPl10(va);
        }
        int vmid = vmid();
        int asid = s1 ? asid(va) : 0;
        TlbEntry e = tlb.lookup(TlbEntry.REGIME_PL10, s1, s2, vmid, asid, va);
        if (e == null) {
            e = walkPl10(va, null, write, fetch);
            tlb.insert(e, va);
        }
        return e;
    }

    private boolean stage1On() {
        // HCR.TGE and HCR.DC make the PL1&0 stage 1 behave as disabled (B1.14.1, B3.2.1).
        return (sys.sctlr & SCTLR_M) != 0 && (sys.hcr & (HCR_TGE | HCR_DC)) == 0;
    }

    private boolean stage2On() {
        return (sys.hcr & HCR_VM) != 0;
    }

    private int vmid() {
        return (int) (sys.vttbr >>> 48) & 0xFF;
    }

    /** The current ASID: CONTEXTIDR[7:0] (short format) or TTBR0/TTBR1 bits 55:48 (LPAE, TTBCR.A1). */
    private int asid(int va) {
        if ((sys.ttbcr & TTBCR_EAE) == 0) {
            return sys.contextidr & 0xFF;
        }
        long ttbr = (sys.ttbcr & 1 << 22) != 0 ? sys.ttbr1 : sys.ttbr0;
        return (int) (ttbr >>> 48) & 0xFF;
    }

    private TlbEntry flatHyp(int va) {
        return new TlbEntry(TlbEntry.REGIME_HYP, 0, 0, true, false, false, 12, va & ~0xFFF, va & 0xFFFF_F000L,
                va & 0xFFFF_F000L, Perm.ALL, Perm.S2_ALL, -1, 0, 0, true, 0x00, -1);
    }

    private TlbEntry flatPl10(int va) {
        int attr = (sys.hcr & HCR_DC) != 0 ? 0xFF : 0x00;
        return new TlbEntry(TlbEntry.REGIME_PL10, 0, 0, true, false, false, 12, va & ~0xFFF, va & 0xFFFF_F000L,
                va & 0xFFFF_F000L, Perm.ALL, Perm.S2_ALL, -1, 0, 0, longFormatPl1(), attr, -1);
    }

    private boolean longFormatPl1() {
        return (sys.ttbcr & TTBCR_EAE) != 0;
    }

    /**
     * Permission checks in the architecture's order (B3.12.3): stage 1 domain, stage 1
     * permission, then stage 2 permission.
     */
    private void check(TlbEntry e, int va, int kind, int pl) {
        boolean write = kind == Perm.WRITE, fetch = kind == Perm.FETCH;
        if (e.domain >= 0) {
            int access = (sys.dacr >>> (2 * e.domain)) & 3;
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

    private void checkStage2(TlbEntry e, int va, int kind) {
        if ((e.s2Perm & Perm.stage2Bit(kind)) == 0) {
            throw new MmuFault(va, FaultType.PERMISSION, e.s2Level, 2, false, e.ipa(va), 0, true,
                    kind == Perm.WRITE, kind == Perm.FETCH);
        }
    }

    // ---- walks ---------------------------------------------------------------------------------

    /** Reads descriptors straight from physical memory (Hyp stage 1, stage 2, stage 1 without stage 2). */
    private DescriptorReader physical(int va, boolean bigEndian, int stage, long ipa, boolean write, boolean fetch) {
        return (address, wide, level) -> readTable(address, wide, bigEndian, va, level, stage, ipa, write, fetch);
    }

    private long readTable(long pa, boolean wide, boolean bigEndian, int va, int level, int stage, long ipa,
            boolean write, boolean fetch) {
        try {
            if (!wide) {
                int w = bus.read32(pa);
                return (bigEndian ? Integer.reverseBytes(w) : w) & 0xFFFF_FFFFL;
            }
            long lo = bus.read32(pa) & 0xFFFF_FFFFL, hi = bus.read32(pa + 4) & 0xFFFF_FFFFL;
            return bigEndian ? Long.reverseBytes(lo | hi << 32) : lo | hi << 32;
        } catch (BusFault f) {
            throw new MmuFault(va, FaultType.EXTERNAL_ON_WALK, level, stage, false, ipa, 0,
                    stage == 2 || longFormatPl1(), write, fetch);
        }
    }

    TlbEntry walkHyp(int va, WalkObserver observer, boolean write, boolean fetch) {
        int t0sz = sys.htcr & 7;
        int bits = 32 - t0sz;
        if (t0sz != 0 && (va >>> bits) != 0) {
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 1, false, 0, 0, true, write, fetch);
        }
        boolean be = (sys.hsctlr & SystemRegisters.HSCTLR_EE) != 0;
        WalkResult r = LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE1_HYP, va & 0xFFFF_FFFFL, bits,
                bits > 30 ? 1 : 2, sys.httbr, sys.hmair0, sys.hmair1, sys.hsctlr,
                physical(va, be, 1, 0, write, fetch), observer, va, write, fetch);
        int size = r.sizeLog2;
        long off = va & ((1L << size) - 1);
        return new TlbEntry(TlbEntry.REGIME_HYP, 0, 0, true, true, false, size, (int) (va & ~((1L << size) - 1)),
                r.output - off, r.output - off, r.perm, Perm.S2_ALL, -1, r.level, 0, true, r.attr, -1);
    }

    /** The PL1&0 translation of {@code va}: stage 1 (if on), then stage 2 (if on). */
    TlbEntry walkPl10(int va, WalkObserver observer, boolean write, boolean fetch) {
        return walkPl10(va, observer, write, fetch, stage2On());
    }

    /**
     * @param outputStage2 translate the stage 1 output through stage 2 (false for ATS1C*, whose
     *                     result is the IPA; stage 1's table reads still use stage 2)
     */
    private TlbEntry walkPl10(int va, WalkObserver observer, boolean write, boolean fetch, boolean outputStage2) {
        boolean s1 = stage1On(), s2 = stage2On();
        WalkResult r1;
        boolean longFormat = longFormatPl1();
        if (s1) {
            boolean be = (sys.sctlr & SystemRegisters.SCTLR_EE) != 0;
            DescriptorReader reader = s2
                    ? (address, wide, level) -> {
                        long pa = stage2ForWalk(va, address, observer, write, fetch);
                        return readTable(pa, wide, be, va, level, 1, 0, write, fetch);
                    }
                    : physical(va, be, 1, 0, write, fetch);
            r1 = longFormat ? stage1Long(va, reader, observer, write, fetch)
                    : ShortDescriptorWalk.walk(va, (int) sys.ttbr0, (int) sys.ttbr1, sys.ttbcr, sys.sctlr, sys.prrr,
                            sys.nmrr, reader, observer, write, fetch);
        } else {
            r1 = new WalkResult();
            r1.output = va & 0xFFFF_FFFFL;
            r1.sizeLog2 = 32;
            r1.perm = Perm.ALL;
            r1.attr = (sys.hcr & HCR_DC) != 0 ? 0xFF : 0x00;
        }
        int size = r1.sizeLog2;
        long pa = r1.output;
        int s2Perm = Perm.S2_ALL, s2Level = 0, s2Attr = -1;
        if (outputStage2) {
            WalkResult r2 = stage2(r1.output, va, observer, write, fetch);
            size = Math.min(size, r2.sizeLog2);
            pa = r2.output;
            s2Perm = r2.perm;
            s2Level = r2.level;
            s2Attr = r2.attr;
        }
        size = Math.min(size, 31);   // an entry never spans the whole 4 GiB
        long off = va & ((1L << size) - 1);
        return new TlbEntry(TlbEntry.REGIME_PL10, vmid(), s1 ? asid(va) : 0, r1.global, s1, outputStage2, size,
                (int) (va & ~((1L << size) - 1)), r1.output - off, pa - off, r1.perm, s2Perm, r1.domain,
                r1.level, s2Level, longFormat, r1.attr, s2Attr);
    }

    /** LPAE stage 1 of the PL1&0 regime: TTBR0 or TTBR1 by T0SZ/T1SZ (B3.6.4). */
    private WalkResult stage1Long(int va, DescriptorReader reader, WalkObserver observer, boolean write, boolean fetch) {
        int t0 = sys.ttbcr & 7, t1 = (sys.ttbcr >>> 16) & 7;
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
        if ((sys.ttbcr & (use0 ? 1 << 7 : 1 << 23)) != 0) {   // EPD0 / EPD1: walks disabled
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 1, false, 0, 0, true, write, fetch);
        }
        int bits = 32 - (use0 ? t0 : t1);
        return LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE1_PL10, uva, bits, bits > 30 ? 1 : 2,
                use0 ? sys.ttbr0 : sys.ttbr1, sys.prrr, sys.nmrr, sys.sctlr, reader, observer, va, write, fetch);
    }

    /** Stage 2 of an IPA (B3.6.5): VTCR.T0SZ is a signed 4-bit value, SL0 picks the start level. */
    private WalkResult stage2(long ipa, int va, WalkObserver observer, boolean write, boolean fetch) {
        int t0sz = (sys.vtcr << 28) >> 28;
        int bits = 32 - t0sz;
        int sl0 = (sys.vtcr >>> 6) & 3;
        if (sl0 > 1 || (ipa >>> bits) != 0) {
            throw new MmuFault(va, FaultType.TRANSLATION, 1, 2, false, ipa, 0, true, write, fetch);
        }
        return LongDescriptorWalk.walk(LongDescriptorWalk.Kind.STAGE2, ipa, bits, sl0 == 1 ? 1 : 2, sys.vttbr,
                0, 0, 0, physical(va, false, 2, ipa, write, fetch), observer, va, write, fetch);
    }

    /**
     * Stage 2 of a stage 1 table address: the walk needs read permission, and with HCR.PTW a
     * table in stage 2 Device or Strongly-ordered memory is a permission fault (B3.12.?).
     * Faults here carry S1PTW.
     */
    private long stage2ForWalk(int va, long tableIpa, WalkObserver observer, boolean write, boolean fetch) {
        try {
            WalkResult r = stage2(tableIpa, va, observer, write, fetch);
            boolean device = (r.attr & 0xC) == 0;
            if ((r.perm & Perm.S2_R) == 0 || ((sys.hcr & HCR_PTW) != 0 && device)) {
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

    // ---- address translation operations (ARM ARM B4.2.4, B3.? PAR) ------------------------------

    /**
     * ATS1C{P,U}{R,W} (keys 0x0780-0x0783): stage 1 of the PL1&0 regime, as PL1 or PL0, read or
     * write; ATS12NSO{P,U}{R,W} (0x0784-0x0787, Hyp only): both stages; ATS1H{R,W} (0x4780,
     * 0x4781): the Hyp regime. Returns the PAR value: the output address and attributes, or the
     * fault. The PAR is in the long format for the Hyp operations, with TTBCR.EAE = 1, and for
     * ATS12NSO* when stage 2 is on (B4.1.?). A stage 2 fault on the stage 1 walk of an ATS1C*
     * executed at PL1 is not reported in the PAR but taken to Hyp mode (thrown).
     */
    public long addressTranslation(int va, int key) {
        int op = key & 7;
        boolean hypOp = (key >>> 12) == 4;
        boolean write = (op & 1) != 0;
        boolean user = !hypOp && (op & 2) != 0;
        boolean bothStages = !hypOp && op >= 4;
        int kind = write ? Perm.WRITE : Perm.READ;
        boolean longPar = hypOp || longFormatPl1() || (bothStages && stage2On());
        try {
            if (hypOp) {
                TlbEntry e = (sys.hsctlr & SCTLR_M) == 0 ? flatHyp(va) : walkHyp(va, null, write, false);
                check(e, va, kind, 2);
                return par(e.pa(va), e.s1Attr, longPar, false);
            }
            if (bothStages) {
                TlbEntry e = stage1On() || stage2On() ? walkPl10(va, null, write, false) : flatPl10(va);
                check(e, va, kind, user ? 0 : 1);
                return par(e.pa(va), e.s1Attr, longPar, false);
            }
            // Stage 1 only: the result is the IPA.
            TlbEntry e = stage1On() ? walkPl10(va, null, write, false, false) : flatPl10(va);
            check(e, va, kind, user ? 0 : 1);
            return par(e.ipa(va), e.s1Attr, longPar, !e.longFormat && e.sizeLog2 == 24);
        } catch (MmuFault f) {
            if (f.isStage2() && !bothStages && !hypOp) {
                throw f;   // to Hyp mode as a Data Abort (B4.2.4)
            }
            return faultPar(f, longPar);
        }
    }

    /** PAR for a successful translation (B4.1.?, long and short formats). */
    private static long par(long pa, int attr, boolean longFormat, boolean supersection) {
        if (longFormat) {
            return (long) attr << 56 | (pa & 0xFF_FFFF_F000L) | 1 << 11;
        }
        int inner, outer;
        if (attr == 0x00) {
            inner = 0b001;   // Strongly-ordered
            outer = 0;
        } else if ((attr & 0xF0) == 0) {
            inner = 0b011;   // Device
            outer = 0;
        } else {
            inner = switch (attr & 0xF) {
                case 0xF -> 0b101;
                case 0xA -> 0b110;
                case 0xE -> 0b111;
                default -> 0b000;
            };
            outer = switch (attr >>> 4) {
                case 0xF -> 0b01;
                case 0xA -> 0b10;
                case 0xE -> 0b11;
                default -> 0b00;
            };
        }
        // SS = 1 (supersection): PA[31:24] in bits 31:24 and PA[39:32] in bits 23:16.
        long address = supersection ? (pa & 0xFF00_0000L) | ((pa >>> 32) & 0xFF) << 16 | 1 << 1 : pa & 0xFFFF_F000L;
        return address | inner << 4 | outer << 2;
    }

    /** PAR for a fault: F = 1 and the fault status (long: FST, S = stage 2, PTW = on a stage 1 walk). */
    private static long faultPar(MmuFault f, boolean longFormat) {
        if (longFormat) {
            return 1 << 11 | (f.isStage2() ? 1 << 9 : 0) | (f.s1ptw ? 1 << 8 : 0) | f.longStatus() << 1 | 1;
        }
        int fs = f.shortStatus();
        return (long) ((fs & 0x1F) << 1 | 1);
    }

    // ---- TLB maintenance (ARM ARM B4.2.2; Hyp forms B4.2.3) ---------------------------------------

    /**
     * A TLB maintenance operation, key {@code opc1:CRn:CRm:opc2}. The inner shareable forms
     * (CRm = 3), and the PL1 forms while HCR.FB = 1, reach every CPU of the machine. Operations
     * from PL1 act on the current VMID; from Hyp mode, TLBIALL/TLBIMVA/... act on VTTBR's VMID too.
     */
    public void tlbMaintenance(int key, int value, boolean fromHyp) {
        int crm = (key >>> 4) & 0xF, op = key & 7;
        boolean hypOp = (key >>> 12) == 4;
        boolean broadcast = crm == 3 || (!fromHyp && (sys.hcr & HCR_FB) != 0);
        int vmid = vmid();
        int va = value & ~0xFFF, asid = value & 0xFF;
        for (Mmu m : broadcast ? shareDomain : List.of(this)) {
            Tlb t = m.tlb;
            if (hypOp) {
                switch (op) {
                    case 0 -> t.invalidateHyp();                 // TLBIALLH(IS)
                    case 1 -> t.invalidateHypVa(va);             // TLBIMVAH(IS)
                    default -> t.invalidateAllNonHyp();          // TLBIALLNSNH(IS)
                }
            } else {
                switch (op) {
                    case 0 -> t.invalidatePl10(vmid);            // TLBIALL, ITLBIALL, DTLBIALL (IS)
                    case 1 -> t.invalidatePl10Va(vmid, asid, va);      // TLBIMVA...
                    case 2 -> t.invalidatePl10Asid(vmid, asid);        // TLBIASID...
                    default -> t.invalidatePl10VaAllAsids(vmid, va);   // TLBIMVAA(IS)
                }
            }
            m.contextChanged();
        }
    }
}
