package org.hyplab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;
import org.junit.jupiter.api.Test;

/**
 * With the long-descriptor format, the first table of a walk need only be aligned to its own size:
 * HTTBR, TTBR0 and VTTBR hold BADDR[39:x] with x = 5 - T0SZ for a walk that starts at level 1 (ARM
 * ARM B4.1.154, B4.1.159), so with T0SZ = 0 a level 1 table of four entries may sit at any 32-byte
 * boundary. Each test puts the real level 1 table 0x40 bytes into a page and a decoy at the page's
 * start that maps the same address elsewhere: a walk that rounded the base down to 4 KiB would
 * read the decoy. (The random-sequence harness found this: risu.c's 32-byte aligned stage 2 table.)
 */
class StartTableAlignmentTest {

    static final long RAM = 0x8000_0000L;
    static final long PAGE = RAM + 0x10_0000;            // the page that holds both level 1 tables
    static final long START = PAGE + 0x40;               // the real level 1 table: 32-byte aligned
    static final long L2 = RAM + 0x11_0000, DECOY_L2 = RAM + 0x12_0000, L3 = RAM + 0x13_0000,
            DECOY_L3 = RAM + 0x14_0000;
    static final long DATA = RAM + 0x20_0000, DECOY_DATA = RAM + 0x30_0000;

    final Bus bus = new Bus();
    final Cpu cpu;
    final SystemRegisters sys;

    StartTableAlignmentTest() {
        bus.addRam(RAM, 4 << 20);
        cpu = new Cpu(0, bus, new DecodeCache(bus));
        sys = cpu.sys;
        bus.write32(DATA, 0x600D_600D);
        bus.write32(DECOY_DATA, 0xDEC0_DEC0);
    }

    void write64(long pa, long value) {
        bus.write32(pa, (int) value);
        bus.write32(pa + 4, (int) (value >>> 32));
    }

    /**
     * Level 1 entry 0 (input addresses 0x0000_0000-0x3FFF_FFFF) at START and at PAGE, each leading
     * through its own level 2 and 3 tables to a page: {@code leaf} is the page descriptor's
     * attributes (stage 1 or stage 2 layout).
     */
    void tables(long leaf) {
        write64(START, L2 | 3);
        write64(L2, L3 | 3);
        write64(L3, DATA | leaf | 3);
        write64(PAGE, DECOY_L2 | 3);
        write64(DECOY_L2, DECOY_L3 | 3);
        write64(DECOY_L3, DECOY_DATA | leaf | 3);
    }

    @Test
    void theHypStage1TableIsReadWhereHttbrPoints() {
        tables(1 << 10 | 1 << 6);                // AF, AP[2:1] = 01
        sys.httbr = START;
        sys.htcr = 0;                            // T0SZ 0: level 1 start
        sys.hsctlr |= 1;
        cpu.mmu.contextChanged();
        assertEquals(0x600D_600D, cpu.read32(0));
    }

    @Test
    void thePl1LongDescriptorTableIsReadWhereTtbr0Points() {
        cpu.setMode(Mode.SVC);
        tables(1 << 10 | 1 << 6);
        sys.ttbcr = 0x8000_0000;                 // EAE, T0SZ 0
        sys.ttbr0 = START | 0x5AL << 48;         // with an ASID, which is not part of the address
        sys.sctlr |= 1;
        cpu.mmu.contextChanged();
        assertEquals(0x600D_600D, cpu.read32(0));
    }

    @Test
    void theStage2TableIsReadWhereVttbrPoints() {
        cpu.setMode(Mode.SVC);
        tables(1 << 10 | 3 << 6 | 0xF << 2);     // AF, S2AP read/write, MemAttr Normal
        sys.vtcr = 0x8000_0040;                  // T0SZ 0, SL0 = 1: level 1 start
        sys.vttbr = START | 42L << 48;           // VMID 42
        sys.hcr = SystemRegisters.HCR_VM;
        cpu.mmu.contextChanged();
        assertEquals(0x600D_600D, cpu.read32(0));
    }
}
