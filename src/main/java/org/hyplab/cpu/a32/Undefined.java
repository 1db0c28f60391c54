package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;

/**
 * An encoding that takes the Undefined Instruction exception: UNDEFINED ones, UNPREDICTABLE
 * ones this core chooses to UNDEF (as QEMU does), and coprocessor encodings no coprocessor of
 * this CPU claims. (VFP and Advanced SIMD are {@link FloatingPoint}: access checks first.)
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
