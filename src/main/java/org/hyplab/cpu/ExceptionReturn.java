package org.hyplab.cpu;

/**
 * Returning from an exception: the CPSR comes back from an SPSR (or memory, for RFE) and
 * execution continues at the return address, in the instruction set the restored CPSR.T names
 * (ARM ARM B1.8.10; CPSRWriteByInstr with is_excp_return, B1.3.3).
 */
public final class ExceptionReturn {

    private ExceptionReturn() {
    }

    /**
     * {@code SUBS PC, LR, #imm} and the other data-processing forms with Rd = PC and S set
     * (ARM ARM B9.3.20): UNDEFINED in Hyp mode; UNPREDICTABLE in User and System mode, which
     * have no SPSR, where this core (like QEMU) takes the Undefined Instruction exception.
     */
    public static void fromAlu(Cpu cpu, int address) {
        Mode mode = cpu.mode();
        if (mode == Mode.HYP || !mode.hasSpsr()) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        restore(cpu, cpu.spsr(), address);
    }

    /** ERET (ARM ARM B9.3.3): from Hyp, PC = ELR_hyp and CPSR = SPSR_hyp; from PL1, as SUBS PC, LR, #0. */
    public static void eret(Cpu cpu) {
        Mode mode = cpu.mode();
        if (mode == Mode.HYP) {
            restore(cpu, cpu.spsr(), cpu.elrHyp);
        } else if (mode.hasSpsr()) {
            restore(cpu, cpu.spsr(), cpu.r[14]);
        } else {
            ExceptionEntry.undefined(cpu, cpu.pc);   // UNPREDICTABLE in User/System: UNDEF as QEMU
        }
    }

    /**
     * Writes {@code newCpsr} as an exception return and branches to {@code address}. A mode the
     * return may not enter (a reserved encoding, Monitor without the Security Extensions, Hyp
     * from outside Hyp) is UNPREDICTABLE; like QEMU this core then keeps the current mode.
     */
    public static void restore(Cpu cpu, int newCpsr, int address) {
        Mode current = cpu.mode();
        Mode target = Mode.fromBits(newCpsr);
        boolean badMode = target == null || target == Mode.MON || (target == Mode.HYP && current != Mode.HYP);
        if (badMode) {
            newCpsr = (newCpsr & ~Psr.M_MASK) | current.bits;
        }
        cpu.setCpsr(newCpsr);
        cpu.exclusiveOpen = true;
        cpu.nextPc = (newCpsr & Psr.T) != 0 ? address & ~1 : address & ~3;
        if (cpu.exceptionListener != null) {
            cpu.exceptionListener.returned(cpu, current, cpu.mode(), cpu.nextPc);
        }
    }
}
