package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/** Data processing with a modified immediate (ARM ARM A5.2.3; ARMExpandImm_C, A5.2.4). */
public final class DpImmediate extends Insn {

    private final int opcode, rd, rn, imm32;
    private final boolean s;
    /** ARMExpandImm_C's carry: bit 31 of the value when rotated, else C unchanged. */
    private final boolean rotated, carryOut;

    public DpImmediate(int word) {
        super(word);
        opcode = (word >>> 21) & 0xF;
        s = (word & (1 << 20)) != 0;
        rn = (word >>> 16) & 0xF;
        rd = (word >>> 12) & 0xF;
        int rotation = ((word >>> 8) & 0xF) * 2;
        imm32 = Integer.rotateRight(word & 0xFF, rotation);
        rotated = rotation != 0;
        carryOut = imm32 < 0;
    }

    @Override
    public void execute(Cpu cpu) {
        if (s) {
            cpu.shifterCarry = rotated ? carryOut : cpu.c;
        }
        DataProcessing.execute(cpu, opcode, s, rd, cpu.r[rn], imm32);
    }
}
