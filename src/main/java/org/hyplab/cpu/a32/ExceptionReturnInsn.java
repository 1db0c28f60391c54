package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionReturn;
import org.hyplab.cpu.Insn;

/** ERET (ARM ARM B9.3.3). */
public final class ExceptionReturnInsn extends Insn {

    public ExceptionReturnInsn(int word) {
        super(word);
    }

    @Override
    public void execute(Cpu cpu) {
        ExceptionReturn.eret(cpu);
    }
}
