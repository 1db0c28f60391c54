package org.hyplab.cpu;

import org.hyplab.mem.Bus;
import org.hyplab.mem.BusFault;

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
    private final DecodeCache code;

    // ---- run state ----------------------------------------------------------------------------
    /** Instructions retired (executed or failed their condition) since reset. */
    public long retired;
    /** Set by WFI until an interrupt arrives; the owner decides what waiting means. */
    public boolean waitingForInterrupt;
    /** Makes {@link #run} return after the current instruction (WFI, power-off, a breakpoint...). */
    public boolean leaveRun;

    // Fast fetch: the decoded page holding the current PC (an empty page when none is cached).
    private static final Insn[] NO_PAGE = new Insn[1024];
    private Insn[] fetchPage = NO_PAGE;
    private int fetchPageVa;

    public Cpu(int index, Bus bus, DecodeCache code) {
        this.index = index;
        this.bus = bus;
        this.code = code;
        this.sys = new SystemRegisters(this);
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
        waitingForInterrupt = false;
        sys.reset();
        forgetFetchPage();
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

    // ---- memory (physical for now: the MMU joins here) ---------------------------------------

    /** CPSR.E selects big-endian data accesses (ARM ARM A3.3.3). */
    public boolean bigEndianData() {
        return (cpsrRest & Psr.E) != 0;
    }

    public int read32(int va) {
        if ((va & 3) != 0) {
            return readUnaligned(va, 4);
        }
        int value = bus.read32(va & 0xFFFF_FFFFL);
        return bigEndianData() ? Integer.reverseBytes(value) : value;
    }

    public int read16(int va) {
        if ((va & 1) != 0) {
            return readUnaligned(va, 2);
        }
        int value = bus.read16(va & 0xFFFF_FFFFL);
        return bigEndianData() ? Integer.reverseBytes(value) >>> 16 : value;
    }

    public int read8(int va) {
        return bus.read8(va & 0xFFFF_FFFFL);
    }

    public void write32(int va, int value) {
        if ((va & 3) != 0) {
            writeUnaligned(va, 4, value);
            return;
        }
        bus.write32(va & 0xFFFF_FFFFL, bigEndianData() ? Integer.reverseBytes(value) : value);
    }

    public void write16(int va, int value) {
        if ((va & 1) != 0) {
            writeUnaligned(va, 2, value);
            return;
        }
        bus.write16(va & 0xFFFF_FFFFL, bigEndianData() ? Integer.reverseBytes(value) >>> 16 : value);
    }

    public void write8(int va, int value) {
        bus.write8(va & 0xFFFF_FFFFL, value);
    }

    /**
     * An unaligned access is a sequence of byte accesses, lowest address first (ARM ARM
     * MemU_with_priv[], B2.4): each byte is checked on its own, so an access that runs off the
     * end of RAM or the address space takes a Data Abort instead of reading past the RAM.
     */
    private int readUnaligned(int va, int bytes) {
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= bus.read8((va + i) & 0xFFFF_FFFFL) << (8 * i);
        }
        if (bigEndianData()) {
            value = Integer.reverseBytes(value) >>> (32 - 8 * bytes);
        }
        return value;
    }

    private void writeUnaligned(int va, int bytes, int value) {
        int little = bigEndianData() ? Integer.reverseBytes(value) >>> (32 - 8 * bytes) : value;
        for (int i = 0; i < bytes; i++) {
            bus.write8((va + i) & 0xFFFF_FFFFL, little >>> (8 * i));
        }
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

    // ---- the loop -----------------------------------------------------------------------------

    /**
     * Runs up to {@code budget} instructions; returns how many ran. Returns early when an
     * instruction or a device sets {@link #leaveRun} (WFI does, and so does a power-off).
     */
    public long run(long budget) {
        leaveRun = waitingForInterrupt;
        long done = 0;
        while (done < budget && !leaveRun) {
            execute();
            done++;
        }
        retired += done;
        return done;
    }

    /** Executes one instruction, or enters the exception it raises. */
    public void step() {
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
        } catch (BusFault fault) {
            ExceptionEntry.dataAbort(this, (int) fault.address(), DataAbortCause.EXTERNAL, fault.isWrite());
        } catch (AlignmentFault fault) {
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
        Insn[] page = code.page(address & 0xFFFF_FFFFL);
        if (page == null) {
            return FetchFault.NO_MEMORY;
        }
        fetchPage = page;
        fetchPageVa = address & ~0xFFF;
        int slot = (address & 0xFFF) >>> 2;
        Insn insn = page[slot];
        return insn != null ? insn : code.decodeAt(address & 0xFFFF_FFFFL, page, slot);
    }

    /** Forget the cached fetch page (translation or code changed). */
    public void forgetFetchPage() {
        fetchPage = NO_PAGE;
        fetchPageVa = 0;
    }
}
