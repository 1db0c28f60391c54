package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Shifter;

/**
 * Data processing with a register shifted by a register (ARM ARM A5.2.2). R15 as an operand is
 * UNPREDICTABLE; like QEMU, this core reads it as the instruction's address + 8.
 */
public final class DpShiftedRegister extends Insn {

    private final int opcode, rd, rn, rm, type, rs;
    private final boolean s;

    public DpShiftedRegister(int word) {
        super(word);
        opcode = (word >>> 21) & 0xF;
        s = (word & (1 << 20)) != 0;
        rn = (word >>> 16) & 0xF;
        rd = (word >>> 12) & 0xF;
        rs = (word >>> 8) & 0xF;
        type = (word >>> 5) & 3;
        rm = word & 0xF;
    }

    @Override
    public void execute(Cpu cpu) {
        int b = Shifter.register(cpu, cpu.r[rm], type, cpu.r[rs]);
        DataProcessing.execute(cpu, opcode, s, rd, cpu.r[rn], b);
    }
}
