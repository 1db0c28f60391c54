package org.hyplab.cpu;

import org.hyplab.mem.Bus;
import org.hyplab.mem.BusFault;
import org.hyplab.mmu.MicroTlb;
import org.hyplab.mmu.Mmu;
import org.hyplab.mmu.MmuFault;
import org.hyplab.mmu.Perm;
import org.hyplab.timer.GenericTimer;
import org.hyplab.timer.SystemCounter;

/**
 * One ARMv7-A processor: its architectural state and the loop that fetches, decodes (once,
 * through the {@link DecodeCache}) and executes A32 instructions.
 *
 * <p>Registers: {@link #r} is the view of R0-R15 for the current mode; the other modes' banked
 * copies of R8-R14 and the SPSRs are kept aside and swapped in by {@link #setMode}
 * (ARM ARM B1.3.2). The flags N, Z, C, V live in booleans because almost every instruction
 * tests or sets them; {@link #cpsr()} puts the CPSR together.
 *
 * <p>No wall clock and no threads: the CPU advances only when its owner calls {@link #step} or
 * {@link #run}, so the same program and inputs always give the same instruction stream.
 */
public final class Cpu {

    public static final int COND_ALWAYS = 0xE;

    // ---- architectural state -------------------------------------------------------------
    /** R0-R15 as the current mode sees them; while an instruction runs, r[15] = its address + 8. */
    public final int[] r = new int[16];
    public boolean n, z, c, v;
    /** The CPSR without N, Z, C, V. */
    private int cpsrRest;
    private Mode mode;

    private final int[] bankedSp = new int[Mode.BANKS];
    private final int[] bankedLr = new int[Mode.BANKS];
    private final int[] spsr = new int[Mode.BANKS];
    /** R8-R12 of every mode but FIQ, and FIQ's own (ARM ARM B1.3.2). */
    private final int[] usrR8to12 = new int[5];
    private final int[] fiqR8to12 = new int[5];
    /** ELR_hyp: the return address of an exception taken to Hyp mode. */
    public int elrHyp;

    /** Told of each exception taken; null when nobody listens (ExceptionListener). */
    public ExceptionListener exceptionListener;

    /** The address of the instruction executing now. */
    public int pc;
    /** Where execution continues; preset to pc + 4, changed by branches and exceptions. */
    public int nextPc;

    /** The local exclusive monitor (ARM ARM A3.4.1): open, or tracking one address. */
    public boolean exclusiveOpen;
    public long exclusiveAddress;

    /** The shifter's carry out, set by {@link Shifter} so no object is returned (hot path). */
    public boolean shifterCarry;
    /** Scratch for LDM's loaded values, so that executing never allocates. */
    public final int[] transferScratch = new int[16];

    // ---- what the CPU is wired to -----------------------------------------------------------
    public final int index;
    public final Bus bus;
    public final SystemRegisters sys;
    /** The floating-point system registers (FPSID, FPSCR, MVFR0/1, FPEXC). */
    public final FpSystemRegisters fp = new FpSystemRegisters();
    /** The Performance Monitors (CP15 c9). */
    public final PerformanceMonitors pmu = new PerformanceMonitors(this);
    /** The CP14 debug registers (opc1 = 0). */
    public final DebugRegisters debug = new DebugRegisters(this);
    /** The CP14 Jazelle and ThumbEE registers (opc1 = 7 and 6). */
    public final JazelleThumbEe jazelle = new JazelleThumbEe(this);
    public final Mmu mmu;
    /** This CPU's generic timer; its count comes from the machine's {@link SystemCounter}. */
    public final GenericTimer timer;
    private final DecodeCache code;
    /** The micro-TLB of the current privilege level: every data access and fetch starts here. */
    private MicroTlb utlb;

    // ---- run state ----------------------------------------------------------------------------
    /** Instructions retired (executed or failed their condition) since reset. */
    public long retired;
    /** Cycles this CPU spent waiting (WFI, WFE, powered off) that the machine moved its time over. */
    private long idleCycles;
    /** Where SEV's event goes: every CPU of the machine (B1.8.12); this CPU alone until wired. */
    private Runnable eventBroadcast = this::receiveEvent;
    /** Set by WFI (and WFE) until a wake-up event arrives (ARM ARM B1.8.12, B1.8.13). */
    public boolean waitingForInterrupt;
    /** Set by WFE: an event (SEV) wakes the CPU as well as an interrupt. */
    public boolean waitingForEvent;
    /** The Event Register (ARM ARM B1.8.12): set by SEV, consumed by WFE. Clear at reset. */
    public boolean eventRegister;
    /** Ends {@link #run}'s inner loop after the current instruction, to look at interrupts or stop. */
    public boolean leaveRun;
    /** Makes {@link #run} return (power-off, a breakpoint...). */
    private boolean stopRequested;
    /** The last {@link #run(long, InstructionHook)} returned because its hook said stop. */
    public boolean stoppedByHook;

    // ---- interrupt inputs (the GIC drives the physical and virtual lines, issue 5) ------------
    /** Physical IRQ and FIQ inputs, and the GIC's virtual IRQ/FIQ outputs for this CPU. */
    private boolean irqLine, fiqLine, virqLine, vfiqLine;
    /** Some interrupt input is active (a line or HCR.VI/VF/VA): worth a look between instructions. */
    private boolean interruptInputs;

    // Fast fetch: the decoded page holding the current PC (an empty page when none is cached).
    private static final Insn[] NO_PAGE = new Insn[1024];
    private Insn[] fetchPage = NO_PAGE;
    private int fetchPageVa;

    /** A CPU with a counter of its own (one instruction = one cycle at 1 GHz, CNTFRQ as QEMU's A15). */
    public Cpu(int index, Bus bus, DecodeCache code) {
        this(index, bus, code, null);
    }

    /** @param counter the machine's system counter, or {@code null} for one driven by this CPU's cycles */
    public Cpu(int index, Bus bus, DecodeCache code, SystemCounter counter) {
        this.index = index;
        this.bus = bus;
        this.code = code;
        this.timer = new GenericTimer(counter != null ? counter : new SystemCounter(SystemCounter.VEXPRESS_HZ, this::cycles));
        this.sys = new SystemRegisters(this);
        this.mmu = new Mmu(sys, bus);
        this.mmu.setContextListener(this::forgetFetchPage);
        reset();
    }

    /**
     * Reset as QEMU's {@code -M vexpress-a15,secure=off} leaves a CPU (BOARDS.md §2.8): no EL3,
     * so the CPU starts in Hyp mode with A, I and F masked, ARM state, little-endian.
     */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(bankedSp, 0);
        java.util.Arrays.fill(bankedLr, 0);
        java.util.Arrays.fill(spsr, 0);
        java.util.Arrays.fill(usrR8to12, 0);
        java.util.Arrays.fill(fiqR8to12, 0);
        n = z = c = v = false;
        mode = Mode.HYP;
        cpsrRest = Psr.A | Psr.I | Psr.F | Mode.HYP.bits;
        elrHyp = 0;
        pc = 0;
        exclusiveOpen = true;
        waitingForInterrupt = waitingForEvent = eventRegister = false;
        irqLine = fiqLine = virqLine = vfiqLine = false;
        sys.reset();
        fp.reset();
        pmu.reset();
        debug.reset();
        jazelle.reset();
        mmu.reset();
        timer.reset();
        utlb = mmu.microTlb(2);
        interruptInputsChanged();
        forgetFetchPage();
    }

    /**
     * Emulated time on this CPU, in cycles: one instruction is one cycle of a 1 GHz clock, plus
     * the time it spent waiting. Exact mid-run, as {@link #retired} is counted per instruction.
     */
    public long cycles() {
        return retired + idleCycles;
    }

    /**
     * Moves this CPU's time on to {@code cycle} without executing anything: the machine calls it
     * for a CPU that waits (WFI/WFE) or is powered off while time passes. Never moves time back.
     */
    public void idleUntil(long cycle) {
        long now = retired + idleCycles;
        if (cycle > now) {
            idleCycles += cycle - now;
        }
    }

    /** The current privilege level: 0 (User), 1 (other PL1 modes) or 2 (Hyp). */
    public int privilegeLevel() {
        return privilegeLevel(mode);
    }

    /** 0 for User mode, 2 for Hyp mode, 1 for the other modes (ARM ARM B1.3.1). */
    static int privilegeLevel(Mode m) {
        return m == Mode.USR ? 0 : m == Mode.HYP ? 2 : 1;
    }

    // ---- PSRs and modes ------------------------------------------------------------------

    public Mode mode() {
        return mode;
    }

    public int cpsr() {
        return (n ? Psr.N : 0) | (z ? Psr.Z : 0) | (c ? Psr.C : 0) | (v ? Psr.V : 0) | cpsrRest;
    }

    /**
     * Replaces the whole CPSR, switching register banks if the mode changes. Callers have
     * already applied the architecture's write rules; a reserved mode value is refused by them.
     */
    public void setCpsr(int value) {
        n = (value & Psr.N) != 0;
        z = (value & Psr.Z) != 0;
        c = (value & Psr.C) != 0;
        v = (value & Psr.V) != 0;
        Mode target = Mode.fromBits(value);
        if (target == null) {
            throw new IllegalArgumentException(String.format("reserved mode 0x%02x", value & Psr.M_MASK));
        }
        setMode(target);
        cpsrRest = value & ~(Psr.N | Psr.Z | Psr.C | Psr.V) & ~Psr.RESERVED_MASK;
        if (interruptInputs) {
            leaveRun = true;   // the masks or the mode changed: an interrupt may be taken now
        }
    }

    /** Sets N, Z, C, V from bits 31:28 of {@code value}. */
    public void setFlags(int value) {
        n = value < 0;
        z = (value & Psr.Z) != 0;
        c = (value & Psr.C) != 0;
        v = (value & Psr.V) != 0;
    }

    public boolean isSet(int cpsrBit) {
        return (cpsrRest & cpsrBit) != 0;
    }

    /** Sets or clears one of the non-flag CPSR bits (Q, GE, E, A, I, F, T, IT, J). */
    public void setCpsrBits(int mask, int value) {
        cpsrRest = (cpsrRest & ~mask) | (value & mask);
        if (interruptInputs) {
            leaveRun = true;
        }
    }

    public boolean thumb() {
        return (cpsrRest & Psr.T) != 0;
    }

    /** Switches to {@code target}'s view of R8-R14 (ARM ARM B1.3.2); CPSR.M follows. */
    public void setMode(Mode target) {
        Mode from = mode;
        if (target == from) {
            return;
        }
        bankedSp[from.bank] = r[13];
        bankedLr[from.lrBank()] = r[14];
        if (from == Mode.FIQ) {
            System.arraycopy(r, 8, fiqR8to12, 0, 5);
            System.arraycopy(usrR8to12, 0, r, 8, 5);
        } else if (target == Mode.FIQ) {
            System.arraycopy(r, 8, usrR8to12, 0, 5);
            System.arraycopy(fiqR8to12, 0, r, 8, 5);
        }
        r[13] = bankedSp[target.bank];
        r[14] = bankedLr[target.lrBank()];
        mode = target;
        cpsrRest = (cpsrRest & ~Psr.M_MASK) | target.bits;
        int pl = privilegeLevel(target);
        if (pl != utlb.pl) {
            // Each privilege level has its own micro-TLB; the fetch page belongs to the old one.
            utlb = mmu.microTlb(pl);
            forgetFetchPage();
        }
    }

    /** The SPSR of the current mode; User and System have none (UNPREDICTABLE: reads the CPSR, as QEMU). */
    public int spsr() {
        return mode.hasSpsr() ? spsr[mode.bank] : cpsr();
    }

    public void setSpsr(int value) {
        if (mode.hasSpsr()) {
            spsr[mode.bank] = value & ~Psr.RESERVED_MASK;
        }
    }

    public int spsrOf(Mode m) {
        return spsr[m.bank];
    }

    public void setSpsrOf(Mode m, int value) {
        if (m.hasSpsr()) {
            spsr[m.bank] = value & ~Psr.RESERVED_MASK;
        }
    }

    /** A register of another mode, as MRS (banked) and LDM/STM with ^ see it (ARM ARM B9.3.9). */
    public int bankedRegister(Mode m, int reg) {
        if (m == mode || reg < 8 || (reg < 13 && (m == Mode.FIQ) == (mode == Mode.FIQ))) {
            return r[reg];
        }
        if (reg < 13) {
            return m == Mode.FIQ ? fiqR8to12[reg - 8] : usrR8to12[reg - 8];
        }
        if (reg == 13) {
            return m.bank == mode.bank ? r[13] : bankedSp[m.bank];
        }
        return m.lrBank() == mode.lrBank() ? r[14] : bankedLr[m.lrBank()];
    }

    public void setBankedRegister(Mode m, int reg, int value) {
        if (m == mode || reg < 8 || (reg < 13 && (m == Mode.FIQ) == (mode == Mode.FIQ))) {
            r[reg] = value;
        } else if (reg < 13) {
            (m == Mode.FIQ ? fiqR8to12 : usrR8to12)[reg - 8] = value;
        } else if (reg == 13) {
            if (m.bank == mode.bank) {
                r[13] = value;
            } else {
                bankedSp[m.bank] = value;
            }
        } else if (m.lrBank() == mode.lrBank()) {
            r[14] = value;
        } else {
            bankedLr[m.lrBank()] = value;
        }
    }

    // ---- conditions and branches ------------------------------------------------------------

    /** ConditionPassed() for bits 31:28 (ARM ARM A8.3, Table A8-1). */
    public boolean conditionPassed(int cond) {
        return switch (cond) {
            case 0x0 -> z;
            case 0x1 -> !z;
            case 0x2 -> c;
            case 0x3 -> !c;
            case 0x4 -> n;
            case 0x5 -> !n;
            case 0x6 -> v;
            case 0x7 -> !v;
            case 0x8 -> c && !z;
            case 0x9 -> !c || z;
            case 0xA -> n == v;
            case 0xB -> n != v;
            case 0xC -> !z && n == v;
            case 0xD -> z || n != v;
            default -> true;
        };
    }

    /** BranchWritePC in ARM state: word-aligned (ARM ARM A2.3.1). */
    public void branchWritePc(int address) {
        nextPc = address & ~3;
    }

    /** BXWritePC: bit 0 selects Thumb state (ARM ARM A2.3.1). */
    public void bxWritePc(int address) {
        if ((address & 1) != 0) {
            cpsrRest |= Psr.T;
            nextPc = address & ~1;
        } else {
            // Bit 1 set in ARM state is UNPREDICTABLE; the A15 and QEMU clear it.
            nextPc = address & ~3;
        }
    }

    /** ALUWritePC and LoadWritePC are BXWritePC in ARMv7 ARM state. */
    public void writePcInterworking(int address) {
        bxWritePc(address);
    }

    /** Writes a result register: R15 is a branch with interworking (ALUWritePC). */
    public void writeRegister(int reg, int value) {
        if (reg == 15) {
            bxWritePc(value);
        } else {
            r[reg] = value;
        }
    }

    // ---- memory: every access goes through the MMU (ARM ARM B3) ---------------------------------

    /** CPSR.E selects big-endian data accesses (ARM ARM A3.3.3). */
    public boolean bigEndianData() {
        return (cpsrRest & Psr.E) != 0;
    }

    /** The physical address of a data read at {@code va}: a micro-TLB hit, or the MMU's answer. */
    private long readPa(int va) {
        MicroTlb t = utlb;
        int vpn = va >>> 12;
        int slot = vpn & MicroTlb.MASK;
        return t.readTag[slot] == vpn ? t.readPa[slot] | (va & 0xFFF) : mmu.translate(va, Perm.READ, t);
    }

    private long writePa(int va) {
        MicroTlb t = utlb;
        int vpn = va >>> 12;
        int slot = vpn & MicroTlb.MASK;
        return t.writeTag[slot] == vpn ? t.writePa[slot] | (va & 0xFFF) : mmu.translate(va, Perm.WRITE, t);
    }

    public int read32(int va) {
        if ((va & 3) != 0) {
            return readUnaligned(va, 4);
        }
        int value;
        try {
            value = bus.read32(readPa(va));
        } catch (BusFault f) {
            throw new ExternalAbort(va, false);
        }
        return bigEndianData() ? Integer.reverseBytes(value) : value;
    }

    public int read16(int va) {
        if ((va & 1) != 0) {
            return readUnaligned(va, 2);
        }
        int value;
        try {
            value = bus.read16(readPa(va));
        } catch (BusFault f) {
            throw new ExternalAbort(va, false);
        }
        return bigEndianData() ? Integer.reverseBytes(value) >>> 16 : value;
    }

    public int read8(int va) {
        try {
            return bus.read8(readPa(va));
        } catch (BusFault f) {
            throw new ExternalAbort(va, false);
        }
    }

    public void write32(int va, int value) {
        if ((va & 3) != 0) {
            writeUnaligned(va, 4, value);
            return;
        }
        try {
            bus.write32(writePa(va), bigEndianData() ? Integer.reverseBytes(value) : value);
        } catch (BusFault f) {
            throw new ExternalAbort(va, true);
        }
    }

    public void write16(int va, int value) {
        if ((va & 1) != 0) {
            writeUnaligned(va, 2, value);
            return;
        }
        try {
            bus.write16(writePa(va), bigEndianData() ? Integer.reverseBytes(value) >>> 16 : value);
        } catch (BusFault f) {
            throw new ExternalAbort(va, true);
        }
    }

    public void write8(int va, int value) {
        try {
            bus.write8(writePa(va), value);
        } catch (BusFault f) {
            throw new ExternalAbort(va, true);
        }
    }

    /**
     * An unaligned access is a sequence of byte accesses, lowest address first (ARM ARM
     * MemU_with_priv[], B2.4): each byte is translated and checked on its own, so an access that
     * crosses into an unmapped page or off the end of RAM aborts at the first bad byte.
     */
    private int readUnaligned(int va, int bytes) {
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= read8(va + i) << (8 * i);
        }
        if (bigEndianData()) {
            value = Integer.reverseBytes(value) >>> (32 - 8 * bytes);
        }
        return value;
    }

    private void writeUnaligned(int va, int bytes, int value) {
        int little = bigEndianData() ? Integer.reverseBytes(value) >>> (32 - 8 * bytes) : value;
        for (int i = 0; i < bytes; i++) {
            write8(va + i, little >>> (8 * i));
        }
    }

    /**
     * LDRT, STRT and friends (ARM ARM A8.8.?): the accesses between this call and
     * {@link #endUnprivileged} are checked as PL0's. In Hyp mode they are UNPREDICTABLE; HypLab
     * keeps Hyp's own permissions there.
     */
    public void beginUnprivileged() {
        if (mode != Mode.HYP) {
            utlb = mmu.microTlb(0);
        }
    }

    public void endUnprivileged() {
        utlb = mmu.microTlb(privilegeLevel(mode));
    }

    /**
     * Checks the alignment of an access that must be aligned whatever SCTLR.A says (LDRD, LDM,
     * LDREX, ...: ARM ARM A3.2.1, Table A3-1); a misaligned one takes a Data Abort.
     */
    public void requireAligned(int va, int bytes, boolean write) {
        if ((va & (bytes - 1)) != 0) {
            throw new AlignmentFault(va, write);
        }
    }

    /** Loads and stores that SCTLR.A=1 makes check alignment (LDR, STR, LDRH, ...). */
    public void checkAlignment(int va, int bytes, boolean write) {
        if (sys.alignmentChecking() && (va & (bytes - 1)) != 0) {
            throw new AlignmentFault(va, write);
        }
    }

    // ---- interrupts (ARM ARM B1.8.6 masking, B1.14.? routing to Hyp, B1.14.? virtual interrupts) ---

    /** The GIC (or a test) drives the physical IRQ/FIQ inputs and the virtual IRQ/FIQ lines. */
    public void setInterruptLines(boolean irq, boolean fiq, boolean virq, boolean vfiq) {
        irqLine = irq;
        fiqLine = fiq;
        virqLine = virq;
        vfiqLine = vfiq;
        interruptInputsChanged();
    }

    /** An interrupt input or HCR.VI/VF/VA may have changed: look at them between instructions. */
    public void interruptInputsChanged() {
        interruptInputs = irqLine || fiqLine || virqLine || vfiqLine
                || (sys.hcr & (SystemRegisters.HCR_VI | SystemRegisters.HCR_VF | SystemRegisters.HCR_VA)) != 0;
        if (interruptInputs) {
            leaveRun = true;
        }
    }

    /** Virtual interrupts reach Non-secure PL0/PL1 only, and only without HCR.TGE (B1.14.?). */
    private boolean virtualInterruptsApply() {
        return mode != Mode.HYP && (sys.hcr & SystemRegisters.HCR_TGE) == 0;
    }

    private boolean virq() {
        int hcr = sys.hcr;
        return (hcr & SystemRegisters.HCR_IMO) != 0 && ((hcr & SystemRegisters.HCR_VI) != 0 || virqLine);
    }

    private boolean vfiq() {
        int hcr = sys.hcr;
        return (hcr & SystemRegisters.HCR_FMO) != 0 && ((hcr & SystemRegisters.HCR_VF) != 0 || vfiqLine);
    }

    private boolean vabort() {
        int hcr = sys.hcr;
        return (hcr & SystemRegisters.HCR_AMO) != 0 && (hcr & SystemRegisters.HCR_VA) != 0;
    }

    /**
     * Whether a WFI/WFE wake-up event is pending: an interrupt that would be taken if it were not
     * masked by CPSR.A/I/F (B1.8.13: masking does not stop the wake-up).
     */
    public boolean interruptPending() {
        if (!interruptInputs) {
            return false;
        }
        return irqLine || fiqLine || (virtualInterruptsApply() && (virq() || vfiq() || vabort()));
    }

    /** ISR (B4.1.89): A, I, F pending, virtual ones when they are routed to this PL1 guest. */
    int interruptStatus() {
        boolean guest = mode != Mode.HYP;
        int hcr = sys.hcr;
        boolean i = guest && (hcr & SystemRegisters.HCR_IMO) != 0 ? virq() : irqLine;
        boolean f = guest && (hcr & SystemRegisters.HCR_FMO) != 0 ? vfiq() : fiqLine;
        boolean a = guest && (hcr & SystemRegisters.HCR_AMO) != 0 && vabort();
        return (a ? Psr.A : 0) | (i ? Psr.I : 0) | (f ? Psr.F : 0);
    }

    /**
     * Takes the most important pending interrupt that is not masked, if any (B1.8.6 priorities:
     * FIQ before IRQ; physical before virtual). A physical IRQ/FIQ routed to Hyp by HCR.IMO/FMO
     * (or TGE) is taken from a PL0/PL1 mode whatever CPSR.I/F say, since those bits then mask
     * only the virtual interrupts (B1.14.?).
     */
    private void takePendingInterrupt() {
        nextPc = pc;
        takeInterrupt();
        pc = nextPc;   // the entry code sets nextPc; between instructions that is where we go
    }

    private void takeInterrupt() {
        int hcr = sys.hcr;
        boolean hyp = mode == Mode.HYP;
        boolean tge = (hcr & SystemRegisters.HCR_TGE) != 0;
        int cpsr = cpsrRest;
        if (fiqLine) {
            if (!hyp && (tge || (hcr & SystemRegisters.HCR_FMO) != 0)) {
                ExceptionEntry.fiq(this, true);
                return;
            }
            if ((cpsr & Psr.F) == 0) {
                ExceptionEntry.fiq(this, hyp);
                return;
            }
        }
        if (irqLine) {
            if (!hyp && (tge || (hcr & SystemRegisters.HCR_IMO) != 0)) {
                ExceptionEntry.irq(this, true);
                return;
            }
            if ((cpsr & Psr.I) == 0) {
                ExceptionEntry.irq(this, hyp);
                return;
            }
        }
        if (!virtualInterruptsApply()) {
            return;
        }
        if (vabort() && (cpsr & Psr.A) == 0) {
            sys.hcr &= ~SystemRegisters.HCR_VA;   // taking the virtual abort consumes it (as QEMU)
            interruptInputsChanged();
            ExceptionEntry.virtualAbort(this);
        } else if (vfiq() && (cpsr & Psr.F) == 0) {
            ExceptionEntry.fiq(this, false);
        } else if (virq() && (cpsr & Psr.I) == 0) {
            ExceptionEntry.irq(this, false);
        }
    }

    /** SEV: signal an event to every CPU of the machine, this one included (B1.8.12). */
    public void sendEvent() {
        eventBroadcast.run();
    }

    /** Wires SEV to the machine's CPUs; {@code broadcast} must call {@link #receiveEvent} on each. */
    public void setEventBroadcast(Runnable broadcast) {
        this.eventBroadcast = broadcast;
    }

    /** An event from SEV: wakes a WFE, or is remembered in the Event Register. */
    public void receiveEvent() {
        if (waitingForEvent) {
            waitingForEvent = waitingForInterrupt = false;
        } else {
            eventRegister = true;
        }
    }

    // ---- the loop -----------------------------------------------------------------------------

    /** Whether {@link #run} would execute anything: not waiting, or a wake-up event is pending. */
    public boolean canRun() {
        return !waitingForInterrupt || interruptPending();
    }

    /** Makes {@link #run} return after the current instruction (power-off, reboot, a breakpoint). */
    public void requestStop() {
        stopRequested = true;
        leaveRun = true;
    }

    /**
     * Runs up to {@code budget} instructions; returns how many ran. Between instructions it takes
     * pending interrupts; it returns early when the CPU waits (WFI/WFE) or a stop is requested.
     */
    public long run(long budget) {
        long start = retired;
        long end = start + budget;
        stopRequested = false;
        while (retired < end && !stopRequested) {
            leaveRun = false;
            if (interruptInputs) {
                if (waitingForInterrupt && interruptPending()) {
                    waitingForInterrupt = waitingForEvent = false;
                }
                if (!waitingForInterrupt) {
                    takePendingInterrupt();
                }
            }
            if (waitingForInterrupt) {
                break;
            }
            // retired counts per instruction (not at the end) so that the generic timer's count
            // is exact when an instruction reads it.
            while (retired < end && !leaveRun) {
                execute();
                retired++;
            }
        }
        return retired - start;
    }

    /**
     * {@link #run(long)} that asks {@code hook} before every instruction and returns, leaving
     * the instruction unexecuted, when it answers true. Interrupts are taken exactly where the
     * fast loop takes them, so a run with a hook that never stops is the same run. It is a copy
     * of {@link #run(long)} on purpose: a hook check inside the fast loop would cost every
     * instruction of every run, watched or not.
     */
    public long run(long budget, InstructionHook hook) {
        stoppedByHook = false;
        long start = retired;
        long end = start + budget;
        stopRequested = false;
        while (retired < end && !stopRequested) {
            leaveRun = false;
            if (interruptInputs) {
                if (waitingForInterrupt && interruptPending()) {
                    waitingForInterrupt = waitingForEvent = false;
                }
                if (!waitingForInterrupt) {
                    takePendingInterrupt();
                }
            }
            if (waitingForInterrupt) {
                break;
            }
            while (retired < end && !leaveRun) {
                if (hook.stopBefore(this)) {
                    stoppedByHook = stopRequested = true;
                    break;
                }
                execute();
                retired++;
            }
        }
        return retired - start;
    }

    /** Executes one instruction (after taking a pending interrupt, if one is unmasked). */
    public void step() {
        if (interruptInputs) {
            if (waitingForInterrupt && interruptPending()) {
                waitingForInterrupt = waitingForEvent = false;
            }
            takePendingInterrupt();
        }
        if (waitingForInterrupt) {
            return;
        }
        execute();
        retired++;
    }

    private void execute() {
        int address = pc;
        int off = address - fetchPageVa;
        Insn insn;
        if ((off & ~0xFFC) != 0 || (insn = fetchPage[off >>> 2]) == null || (cpsrRest & Psr.T) != 0) {
            insn = fetchSlow(address);
        }
        r[15] = address + 8;
        nextPc = address + 4;
        try {
            if (insn.cond == COND_ALWAYS || conditionPassed(insn.cond)) {
                insn.execute(this);
            }
        } catch (MmuFault fault) {
            endUnprivileged();
            ExceptionEntry.dataAbort(this, fault, insn.dataAbortSyndrome());
        } catch (ExternalAbort fault) {
            endUnprivileged();
            ExceptionEntry.dataAbort(this, fault.address, DataAbortCause.EXTERNAL, fault.write);
        } catch (AlignmentFault fault) {
            endUnprivileged();
            ExceptionEntry.dataAbort(this, fault.address, DataAbortCause.ALIGNMENT, fault.write);
        }
        pc = nextPc;
    }

    /**
     * A fetch that missed the cached page. A fetch that cannot succeed yields an instruction
     * that raises the right exception when it "executes", so the loop has one path.
     */
    private Insn fetchSlow(int address) {
        if ((cpsrRest & Psr.T) != 0) {
            return FetchFault.THUMB;       // Thumb is a later issue: it cannot execute yet
        }
        if ((address & 3) != 0) {
            return FetchFault.MISALIGNED;  // ARM ARM B1.9.7: a misaligned PC aborts the fetch
        }
        MicroTlb t = utlb;
        int vpn = address >>> 12;
        int s = vpn & MicroTlb.MASK;
        long pa;
        if (t.fetchTag[s] == vpn) {
            pa = t.fetchPa[s] | (address & 0xFFF);
        } else {
            try {
                pa = mmu.translate(address, Perm.FETCH, t);
            } catch (MmuFault fault) {
                return new FetchAbort(fault);   // raised when it "executes": rare, so allocated
            }
        }
        Insn[] page = code.page(pa);
        if (page == null) {
            return FetchFault.NO_MEMORY;
        }
        fetchPage = page;
        fetchPageVa = address & ~0xFFF;
        int slot = (address & 0xFFF) >>> 2;
        Insn insn = page[slot];
        return insn != null ? insn : code.decodeAt(pa, page, slot);
    }

    /** Forget the cached fetch page (translation or code changed). */
    public void forgetFetchPage() {
        fetchPage = NO_PAGE;
        fetchPageVa = 0;
    }
}
