package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyplab.machine.Machine;
import org.junit.jupiter.api.Test;

/**
 * Unaligned LDR/STR/LDRH/STRH (SCTLR.A = 0) are byte accesses (ARM ARM MemU_with_priv[]): inside
 * RAM they read and write the bytes in order, in either endianness; one that runs off the end of
 * RAM takes a Data Abort (found by ExecutionFuzzTest: it used to throw out of the RAM model).
 */
class UnalignedAccessTest {

    static final int RAM = 1 << 16;
    static final int BASE = (int) Machine.VEXPRESS_RAM_BASE;

    private final Machine machine = Machine.tinyVexpress(RAM, b -> { });
    private final Cpu cpu = machine.cpus().get(0);

    /** Executes {@code word} at the start of RAM in SVC mode. */
    private void execute(int word) {
        cpu.setCpsr(Psr.A | Psr.I | Psr.F | Mode.SVC.bits);
        machine.bus().write32(BASE & 0xFFFF_FFFFL, word);
        cpu.pc = BASE;
        cpu.step();
    }

    @Test
    void unalignedWordsInsideRamAreTheirBytesInOrder() {
        for (int i = 0; i < 8; i++) {
            machine.bus().write8((BASE + 0x100 + i) & 0xFFFF_FFFFL, 0x10 + i);
        }
        assertEquals(0x14131211, cpu.read32(BASE + 0x101));
        assertEquals(0x1211, cpu.read16(BASE + 0x101));
        cpu.setCpsrBits(Psr.E, Psr.E);
        assertEquals(0x11121314, cpu.read32(BASE + 0x101));
        assertEquals(0x1112, cpu.read16(BASE + 0x101));
        cpu.write16(BASE + 0x103, 0xAABB);
        cpu.setCpsrBits(Psr.E, 0);
        assertEquals(0xBBAA, cpu.read16(BASE + 0x103));
        cpu.write32(BASE + 0x101, 0x44332211);
        assertEquals(0x44332211, cpu.read32(BASE + 0x101));
        assertEquals(0x11, machine.bus().read8((BASE + 0x101) & 0xFFFF_FFFFL));
    }

    @Test
    void anUnalignedLoadOffTheEndOfRamIsADataAbort() {
        cpu.r[1] = BASE + RAM - 2;
        execute(0xE591_0000);   // ldr r0, [r1]
        assertEquals(Mode.ABT, cpu.mode());
        assertEquals(0x10, cpu.pc);                             // VBAR 0 + the Data Abort vector
        assertEquals(BASE + RAM, cpu.sys.dfar);                 // the first byte that is not there
        assertEquals(0b01000, cpu.sys.dfsr & 0xF);              // synchronous external abort
    }

    @Test
    void anUnalignedStoreOffTheEndOfRamIsADataAbort() {
        cpu.r[1] = BASE + RAM - 1;
        execute(0xE1C1_00B0);   // strh r0, [r1]
        assertEquals(Mode.ABT, cpu.mode());
        assertEquals(1 << 11, cpu.sys.dfsr & (1 << 11));         // WnR: a write
    }
}
