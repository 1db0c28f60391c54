package org.hyplab.cpu;

import org.hyplab.mem.Bus;

/** A CPU on a bus with 1 MiB of RAM at 0x80000000, for running a few hand-placed instructions. */
final class CpuTestBench {

    static final int RAM = 0x8000_0000;

    final Bus bus = new Bus();
    final Cpu cpu;

    CpuTestBench() {
        bus.addRam(RAM & 0xFFFF_FFFFL, 1 << 20);
        cpu = new Cpu(0, bus, new DecodeCache(bus));
        cpu.pc = RAM;
    }

    /** Places instruction words at the PC and runs them, one step each. */
    CpuTestBench run(int... words) {
        int at = cpu.pc;
        for (int i = 0; i < words.length; i++) {
            bus.write32((at + 4L * i) & 0xFFFF_FFFFL, words[i]);
        }
        for (int i = 0; i < words.length; i++) {
            cpu.step();
        }
        return this;
    }
}
