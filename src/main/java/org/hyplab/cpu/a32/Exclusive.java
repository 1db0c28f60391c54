package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * LDREX/STREX in byte, halfword, word and doubleword sizes (ARM ARM A8.8.75-A8.8.78,
 * A8.8.212-A8.8.215) with the local exclusive monitor of A3.4.1. The monitor tracks one
 * address; a store-exclusive succeeds (Rd = 0) only if the monitor holds that address, and
 * always leaves the monitor open. Accesses must be aligned to their size.
 */
public final class Exclusive extends Insn {

    private final boolean load;
    private final int size, rn, rt, rd, rt2;

    /** @param size 1, 2, 4 or 8 bytes */
    public Exclusive(int word, int size) {
        super(word);
        this.load = (word & (1 << 20)) != 0;
        this.size = size;
        this.rn = (word >>> 16) & 0xF;
        this.rd = (word >>> 12) & 0xF;
        this.rt = load ? rd : word & 0xF;
        this.rt2 = rt + 1;
    }

    @Override
    public void execute(Cpu cpu) {
        int address = cpu.r[rn];
        cpu.requireAligned(address, size, !load);
        if (load) {
            switch (size) {
                case 1 -> cpu.r[rt] = cpu.read8(address);
                case 2 -> cpu.r[rt] = cpu.read16(address);
                case 4 -> cpu.r[rt] = cpu.read32(address);
                default -> {
                    int low = cpu.read32(address);
                    int high = cpu.read32(address + 4);
                    cpu.r[rt] = low;
                    cpu.r[rt2] = high;
                }
            }
            cpu.exclusiveOpen = false;
            cpu.exclusiveAddress = address & 0xFFFF_FFFFL;
            return;
        }
        boolean pass = !cpu.exclusiveOpen && cpu.exclusiveAddress == (address & 0xFFFF_FFFFL);
        if (pass) {
            switch (size) {
                case 1 -> cpu.write8(address, cpu.r[rt]);
                case 2 -> cpu.write16(address, cpu.r[rt]);
                case 4 -> cpu.write32(address, cpu.r[rt]);
                default -> {
                    cpu.write32(address, cpu.r[rt]);
                    cpu.write32(address + 4, cpu.r[rt2]);
                }
            }
        }
        cpu.r[rd] = pass ? 0 : 1;
        cpu.exclusiveOpen = true;
    }
}
