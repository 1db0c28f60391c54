package org.hyplab.mmu;

import java.util.List;

import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;

/**
 * The memory management unit of one CPU (ARM ARM B3): picks the translation regime, looks the
 * address up in the {@link Tlb}, has a {@link Walker} walk the tables on a miss (the regimes are
 * described there), checks domains and permissions, and fills the CPU's {@link MicroTlb}. It
 * also serves the address translation and TLB maintenance operations, and explains walks.
 */
public final class Mmu {

    // Register bits the MMU reads itself (ARM ARM B4.1.130 SCTLR, B4.1.65 HCR); the rest are
    // TranslationRegisters'.
    static final int SCTLR_M = 1;
    static final int HCR_FB = 1 << 9;

    private final SystemRegisters sys;
    private final Bus bus;
    private final Tlb tlb = new Tlb();
    private final MicroTlb[] micro = {new MicroTlb(0), new MicroTlb(1), new MicroTlb(2)};
    /** The MMUs a broadcast (inner shareable) TLB maintenance operation reaches, this one included. */
    private List<Mmu> shareDomain = List.of(this);
    /** Told whenever the micro-TLBs are emptied (the CPU forgets its cached fetch page). */
    private Runnable contextListener = () -> { };
    /** Told of walks and watched accesses; {@code null} when nobody listens. */
    private TranslationObserver observer;

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
        long pa;
        if (via.pl == 2 ? (sys.hsctlr & SCTLR_M) == 0
                : !TranslationRegisters.stage1On(sys.sctlr, sys.hcr) && !TranslationRegisters.stage2On(sys.hcr)) {
            pa = va & 0xFFFF_FFFFL;   // the regime's MMU is off: flat, everything allowed
        } else {
            TlbEntry e = entryFor(va, via.pl == 2, kind == Perm.WRITE, kind == Perm.FETCH);
            Walker.check(e, va, kind, via.pl, sys.dacr);
            pa = e.pa(va);
        }
        if (observer == null || !observer.accessed(via.pl == 2, va, pa, kind)) {
            via.fill(kind, va, pa);
        }
        return pa;
    }

    /**
     * Sets (or with {@code null} removes) the observer of walks and watched accesses, and
     * empties the micro-TLBs so that pages it now watches are not served from them.
     */
    public void setObserver(TranslationObserver observer) {
        this.observer = observer;
        contextChanged();
    }

    /**
     * The translation of {@code va} in the current regime (whose MMU is on: {@link #translate}
     * has dealt with flat ones), from the TLB or from a walk.
     */
    private TlbEntry entryFor(int va, boolean hyp, boolean write, boolean fetch) {
        if (hyp) {
            TlbEntry e = tlb.lookup(TlbEntry.REGIME_HYP, true, false, 0, 0, va);
            if (e == null) {
                e = observer == null ? walker().hyp(va, write, fetch) : observedWalk(true, va, write, fetch);
                tlb.insert(e, va);
            }
            return e;
        }
        boolean s1 = TranslationRegisters.stage1On(sys.sctlr, sys.hcr), s2 = TranslationRegisters.stage2On(sys.hcr);
        int vmid = TranslationRegisters.vmid(sys.vttbr);
        int asid = s1 ? TranslationRegisters.asid(sys.ttbcr, sys.ttbr0, sys.ttbr1, sys.contextidr) : 0;
        TlbEntry e = tlb.lookup(TlbEntry.REGIME_PL10, s1, s2, vmid, asid, va);
        if (e == null) {
            e = observer == null ? walker().pl10(va, write, fetch, true) : observedWalk(false, va, write, fetch);
            tlb.insert(e, va);
        }
        return e;
    }

    /** A TLB miss's walk, told to the observer. */
    private TlbEntry observedWalk(boolean hyp, int va, boolean write, boolean fetch) {
        int kind = fetch ? Perm.FETCH : write ? Perm.WRITE : Perm.READ;
        TlbEntry e;
        try {
            e = hyp ? walker().hyp(va, write, fetch) : walker().pl10(va, write, fetch, true);
        } catch (MmuFault fault) {
            observer.walkFaulted(hyp, va, kind, fault);
            throw fault;
        }
        observer.walked(hyp, va, kind, e);
        return e;
    }

    /** A walker over the registers as they are now (walks happen on TLB misses only). */
    private Walker walker() {
        return new Walker(TranslationRegisters.of(sys), bus, null);
    }

    // ---- explaining a walk -----------------------------------------------------------------------

    /**
     * What a table walk of {@code address} in {@code regime} finds now, step by step, with the
     * current registers: see {@link WalkExplainer}. Reads RAM only and changes nothing (no TLB
     * fill, no device access).
     */
    public Explanation explain(Regime regime, long address, int kind, boolean privileged) {
        return new WalkExplainer(bus).explain(TranslationRegisters.of(sys), regime, address, kind, privileged);
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
        TranslationRegisters regs = TranslationRegisters.of(sys);
        Walker w = new Walker(regs, bus, null);
        boolean longPar = hypOp || regs.longFormat() || (bothStages && regs.stage2On());
        try {
            if (hypOp) {
                TlbEntry e = regs.hypOn() ? w.hyp(va, write, false) : w.flatHyp(va);
                Walker.check(e, va, kind, 2, sys.dacr);
                return par(e.pa(va), e.s1Attr, longPar, false);
            }
            if (bothStages) {
                TlbEntry e = regs.stage1On() || regs.stage2On() ? w.pl10(va, write, false, true) : w.flatPl10(va);
                Walker.check(e, va, kind, user ? 0 : 1, sys.dacr);
                return par(e.pa(va), e.s1Attr, longPar, false);
            }
            // Stage 1 only: the result is the IPA.
            TlbEntry e = regs.stage1On() ? w.pl10(va, write, false, false) : w.flatPl10(va);
            Walker.check(e, va, kind, user ? 0 : 1, sys.dacr);
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
        int vmid = TranslationRegisters.vmid(sys.vttbr);
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
