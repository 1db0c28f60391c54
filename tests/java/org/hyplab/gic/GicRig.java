package org.hyplab.gic;

import org.hyplab.mem.MmioDevice;

/**
 * A GIC-400 with two CPUs for the tests: {@link #as} picks the CPU that makes the next
 * accesses, and the four outputs of each CPU are recorded as the GIC last drove them.
 */
final class GicRig {

    static final int IRQ = 1, FIQ = 2, VIRQ = 4, VFIQ = 8;

    int current;
    final Gic gic;
    final int[] out = new int[2];
    final int[] notifications = new int[2];
    final MmioDevice gicd, gicc, gich, gicv;

    GicRig() {
        this(2);
    }

    GicRig(int cpus) {
        gic = new Gic(cpus, Gic.VEXPRESS_IDS, () -> current);
        for (int c = 0; c < cpus; c++) {
            int cpu = c;
            gic.connect(c, (irq, fiq, virq, vfiq) -> {
                out[cpu] = (irq ? IRQ : 0) | (fiq ? FIQ : 0) | (virq ? VIRQ : 0) | (vfiq ? VFIQ : 0);
                notifications[cpu]++;
            });
        }
        gicd = gic.distributor();
        gicc = gic.cpuInterface();
        gich = gic.virtualControl();
        gicv = gic.virtualCpuInterface();
    }

    GicRig as(int cpu) {
        current = cpu;
        return this;
    }

    int d(int off) {
        return gicd.read(off, 4);
    }

    void d(int off, int value) {
        gicd.write(off, 4, value);
    }

    int c(int off) {
        return gicc.read(off, 4);
    }

    void c(int off, int value) {
        gicc.write(off, 4, value);
    }

    int h(int off) {
        return gich.read(off, 4);
    }

    void h(int off, int value) {
        gich.write(off, 4, value);
    }

    int v(int off) {
        return gicv.read(off, 4);
    }

    void v(int off, int value) {
        gicv.write(off, 4, value);
    }

    void priority(int id, int value) {
        gicd.write(0x400 + id, 1, value);
    }

    /** Enables {@code id}; an SPI is also targeted at the current CPU (ITARGETSR resets to no CPU). */
    void enable(int id) {
        d(0x100 + 4 * (id / 32), 1 << (id % 32));
        if (id >= 32) {
            gicd.write(0x800 + id, 1, 1 << current);
        }
    }

    void setPending(int id) {
        d(0x200 + 4 * (id / 32), 1 << (id % 32));
    }

    /** Distributor and the current CPU's interface on for Group 0, everything unmasked. */
    void enableGroup0() {
        d(0x000, 1);
        c(0x000, 1);
        c(0x004, 0xFF);
    }
}
