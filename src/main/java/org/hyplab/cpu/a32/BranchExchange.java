package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * BX, BLX (register) and BXJ (ARM ARM A8.8.27, A8.8.26, A8.8.28). The Cortex-A15 has the
 * trivial Jazelle implementation, so BXJ behaves as BX (A2.10).
 */
public final class BranchExchange extends Insn {

    private final int rm;
    private final boolean link;

    public BranchExchange(int word, boolean link) {
        super(word);
        this.rm = word & 0xF;
        this.link = link;
    }

    @Override
    public void execute(Cpu cpu) {
        int target = cpu.r[rm];
        if (link) {
            cpu.r[14] = cpu.pc + 4;
        }
        cpu.bxWritePc(target);
    }
}
