package org.hyplab.cpu;

import org.hyplab.mmu.MmuFault;

/**
 * Taking an exception (ARM ARM B1.8, B1.9; Hyp mode: B1.12 and BOARDS.md §4.1).
 *
 * <p>Each method is one exception, called with the CPU positioned at the instruction that
 * raised it ({@code cpu.pc}); it saves the return state, switches mode and sets
 * {@code cpu.nextPc} to the vector. Exceptions raised in Hyp mode stay in Hyp mode and use the
 * HVBAR table; routing from PL0/PL1 to Hyp (HCR traps) joins with the Virtualization Extensions.
 */
public final class ExceptionEntry {

    /** Vector offsets (ARM ARM B1.8.1, Table B1-3; the Hyp table B1.12.1). */
    static final int VEC_UNDEFINED = 0x04, VEC_SVC = 0x08, VEC_PREFETCH_ABORT = 0x0C, VEC_DATA_ABORT = 0x10,
            VEC_HYP_TRAP = 0x14, VEC_IRQ = 0x18, VEC_FIQ = 0x1C;

    /** HSR exception classes (ARM ARM B3.13.6, Table B3-26; BOARDS.md §4.4). */
    public static final int EC_UNKNOWN = 0x00, EC_WFI_WFE = 0x01, EC_CP15_32 = 0x03, EC_CP15_64 = 0x04,
            EC_CP14_32 = 0x05, EC_FP_ACCESS = 0x07, EC_FP_ID = 0x08, EC_CP14_64 = 0x0C, EC_SVC = 0x11, EC_HVC = 0x12, EC_PABT_GUEST = 0x20, EC_PABT_HYP = 0x21, EC_DABT_GUEST = 0x24,
            EC_DABT_HYP = 0x25;

    /** IFSR fault status: alignment fault, debug event, synchronous external abort (short format). */
    public static final int IFSR_ALIGNMENT = 0b00001, IFSR_DEBUG = 0b00010, IFSR_EXTERNAL = 0b01000;

    private ExceptionEntry() {
    }

    /**
     * HCR.TGE routes the exceptions of Non-secure PL0 (User mode) to Hyp mode's trap vector
     * (ARM ARM B1.14.?): Undefined Instruction, SVC, and the aborts that would go to PL1.
     */
    private static boolean routedByTge(Cpu cpu) {
        return cpu.mode() == Mode.USR && (cpu.sys.hcr & SystemRegisters.HCR_TGE) != 0;
    }

    /**
     * A trap to the hypervisor from Non-secure PL0/PL1 (ARM ARM B1.14): to Hyp mode through the
     * Hyp Trap vector, ELR_hyp = the trapped instruction, HSR = EC, IL = 1 (32-bit instruction),
     * CV = 1 with the instruction's condition, and the ISS.
     */
    public static void hypTrap(Cpu cpu, int ec, int iss, int cond) {
        enterHyp(cpu, VEC_HYP_TRAP, cpu.pc, ec << 26 | 1 << 25 | 1 << 24 | cond << 20 | iss);
    }

    /** Undefined Instruction: return to the instruction itself (LR = address + 4). */
    public static void undefined(Cpu cpu, int address) {
        if (cpu.mode() == Mode.HYP) {
            enterHyp(cpu, VEC_UNDEFINED, address, EC_UNKNOWN << 26);
        } else if (routedByTge(cpu)) {
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_UNKNOWN << 26);
        } else {
            enterPl1(cpu, Mode.UND, VEC_UNDEFINED, address + 4, false, false);
        }
    }

    /** Supervisor Call: return to the next instruction (LR = address + 4). */
    public static void supervisorCall(Cpu cpu, int imm24) {
        int syndrome = EC_SVC << 26 | 1 << 25 | (imm24 & 0xFFFF);
        if (cpu.mode() == Mode.HYP) {
            // SVC in Hyp mode stays in Hyp, at HVBAR + 0x08 with HSR.EC 0x11 (ARM ARM B1.9.4,
            // TakeSVCException; QEMU 7.2 agrees, see tests/arm/directed/exceptions.c). The Hyp
            // Trap vector 0x14 is for an SVC routed to Hyp by HCR.TGE.
            enterHyp(cpu, VEC_SVC, cpu.pc + 4, syndrome);
        } else if (routedByTge(cpu)) {
            enterHyp(cpu, VEC_HYP_TRAP, cpu.pc + 4, syndrome);
        } else {
            enterPl1(cpu, Mode.SVC, VEC_SVC, cpu.pc + 4, false, false);
        }
    }

    /**
     * Hypervisor Call: to Hyp mode, returning to the next instruction; HVBAR + 0x08 when
     * executed in Hyp mode, the Hyp Trap vector 0x14 from PL1 (BOARDS.md §4.1).
     */
    public static void hypervisorCall(Cpu cpu, int imm16) {
        int vector = cpu.mode() == Mode.HYP ? VEC_SVC : VEC_HYP_TRAP;
        enterHyp(cpu, vector, cpu.pc + 4, EC_HVC << 26 | 1 << 25 | imm16);
    }

    /** Prefetch Abort on the fetch of {@code address} (alignment or external): LR = address + 4. */
    public static void prefetchAbort(Cpu cpu, int address, int faultStatus) {
        int longStatus = longFormatStatus(faultStatus);
        if (cpu.mode() == Mode.HYP) {
            cpu.sys.hifar = address;
            enterHyp(cpu, VEC_PREFETCH_ABORT, address, EC_PABT_HYP << 26 | longStatus);
        } else if (routedByTge(cpu)) {
            cpu.sys.hifar = address;
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_PABT_GUEST << 26 | longStatus);
        } else {
            cpu.sys.ifar = address;
            cpu.sys.ifsr = cpu.sys.longDescriptorFsr() ? longStatus | 1 << 9
                    : (faultStatus & 0xF) | (faultStatus & 0x10) << 6;
            enterPl1(cpu, Mode.ABT, VEC_PREFETCH_ABORT, address + 4, true, false);
        }
    }

    /**
     * Prefetch Abort from the MMU. A stage 2 fault goes to Hyp mode (HSR.EC 0x20, HIFAR, HPFAR =
     * IPA[39:12] in bits 31:4; ARM ARM B3.12.?), as does any fault in Hyp mode (EC 0x21); a stage 1
     * fault from PL1/PL0 goes to Abort mode with IFSR/IFAR.
     */
    public static void prefetchAbort(Cpu cpu, MmuFault f) {
        int address = cpu.pc;
        int iss = (f.s1ptw ? 1 << 7 : 0) | f.longStatus();
        if (f.isStage2()) {
            cpu.sys.hifar = address;
            cpu.sys.hpfar = (int) (f.ipa >>> 12) << 4;
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_PABT_GUEST << 26 | iss);
        } else if (cpu.mode() == Mode.HYP) {
            cpu.sys.hifar = address;
            enterHyp(cpu, VEC_PREFETCH_ABORT, address, EC_PABT_HYP << 26 | iss);
        } else if (routedByTge(cpu)) {
            cpu.sys.hifar = address;
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_PABT_GUEST << 26 | iss);
        } else {
            cpu.sys.ifar = address;
            cpu.sys.ifsr = f.fsr() & ~(1 << 11);   // an instruction fetch is not a write
            enterPl1(cpu, Mode.ABT, VEC_PREFETCH_ABORT, address + 4, true, false);
        }
    }

    /** Data Abort (alignment or external) on an access to {@code va} by the instruction at cpu.pc: LR = address + 8. */
    public static void dataAbort(Cpu cpu, int va, DataAbortCause cause, boolean write) {
        int address = cpu.pc;
        int iss = (write ? 1 << 6 : 0) | cause.longStatus();
        if (cpu.mode() == Mode.HYP) {
            cpu.sys.hdfar = va;
            enterHyp(cpu, VEC_DATA_ABORT, address, EC_DABT_HYP << 26 | iss);
        } else if (routedByTge(cpu)) {
            cpu.sys.hdfar = va;
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_DABT_GUEST << 26 | iss);
        } else {
            cpu.sys.dfar = va;
            cpu.sys.dfsr = cause.dfsr(write, cpu.sys.longDescriptorFsr());
            enterPl1(cpu, Mode.ABT, VEC_DATA_ABORT, address + 8, true, false);
        }
    }

    /**
     * Data Abort from the MMU. A stage 2 fault goes to Hyp mode with HSR.EC 0x24, HDFAR = VA and
     * HPFAR = IPA[39:12] (B3.12.?, B4.1.?); the syndrome describes the access (ISV, SAS, SSE, SRT
     * from {@code instructionIss}) unless the fault was on a stage 1 table walk (S1PTW: no
     * instruction syndrome, as QEMU). Faults in Hyp mode go to HVBAR + 0x10 (EC 0x25); stage 1
     * faults from PL1/PL0 to Abort mode with DFSR/DFAR.
     */
    public static void dataAbort(Cpu cpu, MmuFault f, int instructionIss) {
        int address = cpu.pc;
        int wnr = f.write ? 1 << 6 : 0;
        if (f.isStage2()) {
            int iss = f.s1ptw ? 1 << 7 : instructionIss;
            boolean isv = (iss & 1 << 24) != 0;
            cpu.sys.hdfar = f.va;
            cpu.sys.hpfar = (int) (f.ipa >>> 12) << 4;
            enterHyp(cpu, VEC_HYP_TRAP, address,
                    EC_DABT_GUEST << 26 | (isv ? 1 << 25 : 0) | iss | wnr | f.longStatus());
        } else if (cpu.mode() == Mode.HYP) {
            cpu.sys.hdfar = f.va;
            enterHyp(cpu, VEC_DATA_ABORT, address, EC_DABT_HYP << 26 | wnr | f.longStatus());
        } else if (routedByTge(cpu)) {
            cpu.sys.hdfar = f.va;
            enterHyp(cpu, VEC_HYP_TRAP, address, EC_DABT_GUEST << 26 | wnr | f.longStatus());
        } else {
            cpu.sys.dfar = f.va;
            cpu.sys.dfsr = f.fsr();
            enterPl1(cpu, Mode.ABT, VEC_DATA_ABORT, address + 8, true, false);
        }
    }

    /**
     * A virtual abort (HCR.VA with HCR.AMO, ARM ARM B1.14.?): taken by the PL1 guest as an
     * asynchronous Data Abort between instructions (LR = next instruction + 8), DFSR = asynchronous
     * external abort (short FS 0b10110, long STATUS 0x11).
     */
    public static void virtualAbort(Cpu cpu) {
        cpu.sys.dfsr = cpu.sys.longDescriptorFsr() ? 0x11 | 1 << 9 : 0b0110 | 1 << 10;
        enterPl1(cpu, Mode.ABT, VEC_DATA_ABORT, cpu.pc + 8, true, false);
    }

    /** IRQ, taken between instructions: return to the next one (LR = next + 4, or ELR_hyp = next). */
    public static void irq(Cpu cpu, boolean toHyp) {
        if (toHyp) {
            enterHyp(cpu, VEC_IRQ, cpu.pc, 0);
        } else {
            enterPl1(cpu, Mode.IRQ, VEC_IRQ, cpu.pc + 4, true, false);
        }
    }

    /** FIQ, taken between instructions: return to the next one. */
    public static void fiq(Cpu cpu, boolean toHyp) {
        if (toHyp) {
            enterHyp(cpu, VEC_FIQ, cpu.pc, 0);
        } else {
            enterPl1(cpu, Mode.FIQ, VEC_FIQ, cpu.pc + 4, true, true);
        }
    }

    /**
     * Entry to a PL1 mode (ARM ARM B1.9.2 TakeUndefInstrException and friends): SPSR = CPSR,
     * LR = return link, I = 1 (and A, F as the exception says), IT = 0, J = 0,
     * T = SCTLR.TE, E = SCTLR.EE, PC = vector.
     */
    private static void enterPl1(Cpu cpu, Mode target, int vector, int lr, boolean maskA, boolean maskF) {
        int saved = cpu.cpsr();
        Mode from = cpu.mode();
        int sctlr = cpu.sys.sctlr;
        cpu.setMode(target);
        cpu.setSpsr(saved);
        cpu.r[14] = lr;
        int set = Psr.I | (maskA ? Psr.A : 0) | (maskF ? Psr.F : 0)
                | ((sctlr & SystemRegisters.SCTLR_TE) != 0 ? Psr.T : 0)
                | ((sctlr & SystemRegisters.SCTLR_EE) != 0 ? Psr.E : 0);
        int clear = Psr.IT_MASK | Psr.J | Psr.T | Psr.E;
        cpu.setCpsrBits(clear | set, set);
        cpu.exclusiveOpen = true;   // taking an exception clears the local monitor (ARM ARM A3.4.4)
        cpu.nextPc = cpu.sys.vectorBase() + vector;
        if (cpu.exceptionListener != null) {
            cpu.exceptionListener.taken(cpu, from, target, vector, lr, 0);
        }
    }

    /**
     * Entry to Hyp mode (ARM ARM B1.12.3; QEMU's behaviour in BOARDS.md §4.1): SPSR_hyp = CPSR,
     * ELR_hyp = preferred return address, HSR = syndrome (not for IRQ/FIQ), A, I, F = 1,
     * T = HSCTLR.TE, E = HSCTLR.EE, PC = HVBAR + offset.
     */
    private static void enterHyp(Cpu cpu, int vector, int preferredReturn, int syndrome) {
        int saved = cpu.cpsr();
        Mode from = cpu.mode();
        cpu.setMode(Mode.HYP);
        cpu.setSpsr(saved);
        cpu.elrHyp = preferredReturn;
        if (vector != VEC_IRQ && vector != VEC_FIQ) {
            cpu.sys.hsr = syndrome;
        }
        int hsctlr = cpu.sys.hsctlr;
        int set = Psr.A | Psr.I | Psr.F
                | ((hsctlr & SystemRegisters.HSCTLR_TE) != 0 ? Psr.T : 0)
                | ((hsctlr & SystemRegisters.HSCTLR_EE) != 0 ? Psr.E : 0);
        cpu.setCpsrBits(Psr.IT_MASK | Psr.J | Psr.T | Psr.E | set, set);
        cpu.exclusiveOpen = true;
        cpu.nextPc = cpu.sys.hvbar + vector;
        if (cpu.exceptionListener != null) {
            boolean interrupt = vector == VEC_IRQ || vector == VEC_FIQ;
            cpu.exceptionListener.taken(cpu, from, Mode.HYP, vector, preferredReturn, interrupt ? 0 : syndrome);
        }
    }

    /** A short-format fault status as the long-format FSC the HSR carries (BOARDS.md §4.4). */
    private static int longFormatStatus(int shortStatus) {
        return switch (shortStatus) {
            case IFSR_ALIGNMENT -> 0x21;
            case IFSR_DEBUG -> 0x22;
            default -> 0x10;   // synchronous external abort
        };
    }
}
