package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;

/**
 * An encoding that takes the Undefined Instruction exception: UNDEFINED ones, UNPREDICTABLE
 * ones this core chooses to UNDEF (as QEMU does), and instructions of later issues (VFP,
 * Advanced SIMD, 64-bit coprocessor moves) until they are implemented.
 */
public final class Undefined extends Insn {

    public Undefined(int word) {
        super(word);
    }

    @Override
    public void execute(Cpu cpu) {
        ExceptionEntry.undefined(cpu, cpu.pc);
    }
}
