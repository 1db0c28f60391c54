package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Psr;

/**
 * B, BL and BLX (immediate) (ARM ARM A8.8.18, A8.8.25). The target is PC-relative and computed
 * when the branch runs, so the decoded form does not depend on where it sits.
 */
public final class Branch extends Insn {

    private final int offset;
    private final boolean link, exchange;

    public Branch(int word) {
        super(word);
        exchange = (word >>> 28) == 0xF;   // BLX <label>: to Thumb state, H (bit 24) is offset bit 1
        link = exchange || (word & (1 << 24)) != 0;
        int imm = (word << 8) >> 6;        // SignExtend(imm24:'00')
        offset = exchange ? imm | ((word >>> 23) & 2) : imm;
    }

    @Override
    public void execute(Cpu cpu) {
        int target = cpu.r[15] + offset;
        if (link) {
            cpu.r[14] = cpu.pc + 4;
        }
        if (exchange) {
            cpu.setCpsrBits(Psr.T, Psr.T);
            cpu.nextPc = target & ~1;
        } else {
            cpu.nextPc = target;
        }
    }
}
