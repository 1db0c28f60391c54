package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;

/**
 * SWP and SWPB (ARM ARM A8.8.229): an atomic load and store. ARMv7 keeps them only with
 * SCTLR.SW set: with the Multiprocessing Extensions, which the Cortex-A15 implements, they are
 * UNDEFINED while SCTLR.SW is 0 (ARM ARM B4.1.130), as it is at reset. QEMU 7.2 executes them
 * whatever SCTLR.SW says; where QEMU and the manual disagree this core follows the manual
 * (SwapTest). SWP needs word alignment.
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

    /** SCTLR.SW, bit 10: SWP and SWPB enable. */
    private static final int SCTLR_SW = 1 << 10;

    @Override
    public void execute(Cpu cpu) {
        if ((cpu.sys.sctlr & SCTLR_SW) == 0) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        int address = cpu.r[rn];
        int newValue = cpu.r[rt2];
        if (bytes) {
            int old = cpu.read8(address);
            cpu.write8(address, newValue);
            cpu.r[rt] = old;
        } else {
            cpu.requireAligned(address, 4, false);   // the load comes first
            int old = cpu.read32(address);
            cpu.write32(address, newValue);
            cpu.r[rt] = old;
        }
    }
}
