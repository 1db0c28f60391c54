package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyplab.machine.Machine;
import org.junit.jupiter.api.Test;

/**
 * SWP and SWPB follow SCTLR.SW (ARM ARM B4.1.130: with the Multiprocessing Extensions, which the
 * Cortex-A15 has, they are UNDEFINED while SW is 0, its reset value). QEMU 7.2 disagrees (it swaps
 * whatever SW says), so this is checked here and not against QEMU: where the two differ, the
 * manual wins. With SW set, the random-sequence harness compares SWP with QEMU.
 */
class SwapTest {

    static final int BASE = (int) Machine.VEXPRESS_RAM_BASE;
    static final int SCTLR_SW = 1 << 10;

    private final Machine machine = Machine.tinyVexpress(1 << 16, b -> { });
    private final Cpu cpu = machine.cpus().get(0);

    private void swp(int word) {
        cpu.setCpsr(Psr.A | Psr.I | Psr.F | Mode.SVC.bits);
        cpu.r[1] = 0x1111_2222;
        cpu.r[2] = BASE + 0x100;
        machine.bus().write32((BASE + 0x100) & 0xFFFF_FFFFL, 0xAABB_CCDD);
        machine.bus().write32(BASE & 0xFFFF_FFFFL, word);
        cpu.pc = BASE;
        cpu.step();
    }

    @Test
    void swpIsUndefinedWhileSctlrSwIsClear() {
        assertEquals(0, cpu.sys.sctlr & SCTLR_SW, "SW resets to 0");
        swp(0xE102_0091);   // swp r0, r1, [r2]
        assertEquals(Mode.UND, cpu.mode());
        assertEquals(4, cpu.pc);
        assertEquals(0xAABB_CCDD, machine.bus().read32((BASE + 0x100) & 0xFFFF_FFFFL));
        swp(0xE142_0091);   // swpb r0, r1, [r2]
        assertEquals(Mode.UND, cpu.mode());
    }

    @Test
    void swpSwapsWhenSctlrSwIsSet() {
        cpu.sys.sctlr |= SCTLR_SW;
        swp(0xE102_0091);   // swp r0, r1, [r2]
        assertEquals(Mode.SVC, cpu.mode());
        assertEquals(0xAABB_CCDD, cpu.r[0]);
        assertEquals(0x1111_2222, machine.bus().read32((BASE + 0x100) & 0xFFFF_FFFFL));
        swp(0xE142_0091);   // swpb r0, r1, [r2]
        assertEquals(0xDD, cpu.r[0]);
        assertEquals(0xAABB_CC22, machine.bus().read32((BASE + 0x100) & 0xFFFF_FFFFL));
    }

    /**
     * A misaligned SWP is an alignment fault on its read, which comes first in the ARM ARM's
     * pseudocode (A8.8.229): DFSR.WnR = 0, FS = 0b00001, DFAR = the address. QEMU -smp 2 reports
     * a write instead (tests/arm/vmsa/QEMU-DIFFERENCES.md).
     */
    @Test
    void aMisalignedSwpIsAnAlignmentFaultOnTheRead() {
        cpu.sys.sctlr |= SCTLR_SW;
        cpu.setCpsr(Psr.A | Psr.I | Psr.F | Mode.SVC.bits);
        cpu.r[1] = 0x1111_2222;
        cpu.r[2] = BASE + 0x101;
        machine.bus().write32(BASE & 0xFFFF_FFFFL, 0xE102_0091);   // swp r0, r1, [r2]
        cpu.pc = BASE;
        cpu.step();
        assertEquals(Mode.ABT, cpu.mode());
        assertEquals(0x001, cpu.sys.dfsr);
        assertEquals(BASE + 0x101, cpu.sys.dfar);
    }
}
