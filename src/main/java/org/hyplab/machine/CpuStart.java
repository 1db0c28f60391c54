package org.hyplab.machine;

/**
 * How one CPU starts when the board is reset or the core is powered on: where it executes
 * first and what r0-r2 hold (the ARM Linux boot protocol passes 0, the machine type and the
 * device tree's address; an ELF gets zeros, as on QEMU). The CPU is otherwise in its reset
 * state: Non-secure Hyp mode with A, I and F masked (BOARDS.md §2.8).
 *
 * @param heldOff the core stays powered off until its power controller switches it on
 */
public record CpuStart(int pc, int r0, int r1, int r2, boolean heldOff) {

    public static CpuStart at(int pc) {
        return new CpuStart(pc, 0, 0, 0, false);
    }
}
