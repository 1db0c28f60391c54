package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/** MOVW (zero-extended 16-bit immediate) and MOVT (top halfword) (ARM ARM A8.8.102, A8.8.106). */
public final class MoveWide extends Insn {

    private final int rd, imm16;
    private final boolean top;

    public MoveWide(int word, boolean top) {
        super(word);
        this.top = top;
        this.rd = (word >>> 12) & 0xF;
        this.imm16 = ((word >>> 4) & 0xF000) | (word & 0xFFF);
    }

    @Override
    public void execute(Cpu cpu) {
        cpu.r[rd] = top ? (cpu.r[rd] & 0xFFFF) | (imm16 << 16) : imm16;
    }
}
