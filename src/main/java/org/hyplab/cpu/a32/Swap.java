package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * SWP and SWPB (ARM ARM A8.8.229): an atomic load and store. ARMv7 keeps them only with
 * SCTLR.SW set (ARMv7 with the MP extensions: the Cortex-A15 implements them; QEMU executes
 * them whatever SCTLR.SW says, and so does this core). SWP needs word alignment.
 */
public final class Swap extends Insn {

    private final boolean bytes;
    private final int rn, rt, rt2;

    public Swap(int word) {
        super(word);
        this.bytes = (word & (1 << 22)) != 0;
        this.rn = (word >>> 16) & 0xF;
        this.rt = (word >>> 12) & 0xF;
        this.rt2 = word & 0xF;
    }

    @Override
    public void execute(Cpu cpu) {
        int address = cpu.r[rn];
        int newValue = cpu.r[rt2];
        if (bytes) {
            int old = cpu.read8(address);
            cpu.write8(address, newValue);
            cpu.r[rt] = old;
        } else {
            cpu.requireAligned(address, 4);
            int old = cpu.read32(address);
            cpu.write32(address, newValue);
            cpu.r[rt] = old;
        }
    }
}
