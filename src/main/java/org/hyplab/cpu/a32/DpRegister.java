package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Shifter;

/** Data processing with a register shifted by an immediate (ARM ARM A5.2.1). */
public final class DpRegister extends Insn {

    private final int opcode, rd, rn, rm, type, imm5;
    private final boolean s;

    public DpRegister(int word) {
        super(word);
        opcode = (word >>> 21) & 0xF;
        s = (word & (1 << 20)) != 0;
        rn = (word >>> 16) & 0xF;
        rd = (word >>> 12) & 0xF;
        imm5 = (word >>> 7) & 0x1F;
        type = (word >>> 5) & 3;
        rm = word & 0xF;
    }

    @Override
    public void execute(Cpu cpu) {
        int b = s ? Shifter.immediate(cpu, cpu.r[rm], type, imm5)
                : Shifter.immediateNoCarry(cpu.r[rm], type, imm5, cpu.c);
        DataProcessing.execute(cpu, opcode, s, rd, cpu.r[rn], b);
    }
}
