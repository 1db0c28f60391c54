package org.hyplab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;
import org.hyplab.mem.MmioDevice;
import org.junit.jupiter.api.Test;

/**
 * Explained walks of hand-built tables: each step where the ARM ARM puts it (B3.5 short format,
 * B3.6 long format, B3.6.5 stage 2), the words a student reads, and the rules that keep it free
 * of side effects. The expected addresses and values are worked out by hand from the tables below.
 */
class WalkExplainerTest {

    static final long RAM = 0x8000_0000L;
    static final long L1 = RAM + 0x10_0000;     // 16 KiB short-format level 1 table
    static final long L2 = RAM + 0x11_0000;     // 1 KiB level 2 table
    static final long LPAE = RAM + 0x12_0000;   // long-format tables, 4 KiB each
    static final long S2 = RAM + 0x13_0000;     // stage 2 tables
    static final long DEVICE = 0x1C00_0000L;

    final Bus bus = new Bus();
    final Cpu cpu;
    final SystemRegisters sys;
    int deviceReads;

    WalkExplainerTest() {
        bus.addRam(RAM, 16 << 20);
        bus.addDevice(DEVICE, 0x1000, new MmioDevice() {
            public String name() {
                return "probe";
            }

            public int read(long offset, int size) {
                deviceReads++;
                return 0;
            }

            public void write(long offset, int size, int value) {
            }
        });
        cpu = new Cpu(0, bus, new DecodeCache(bus));
        sys = cpu.sys;
    }

    void write64(long pa, long value) {
        bus.write32(pa, (int) value);
        bus.write32(pa + 4, (int) (value >>> 32));
    }

    Explanation explain(Regime regime, long address, int access, boolean privileged) {
        return cpu.mmu.explain(regime, address, access, privileged);
    }

    @Test
    void shortFormatTwoLevelWalk() {
        // VA 0x00403ABC: level 1 index VA[31:20] = 4, level 2 index VA[19:12] = 3.
        bus.write32(L1 + 4 * 4, (int) L2 | 3 << 5 | 1);                   // page table, domain 3
        bus.write32(L2 + 3 * 4, 0x8055_5000 | 0b11 << 4 | 1 << 11 | 2);   // small page, AP 011, nG
        sys.ttbr0 = L1;
        sys.dacr = 1 << 6;                                                 // domain 3: client
        sys.contextidr = 0x42;
        sys.sctlr |= 1;

        Explanation x = explain(Regime.PL10, 0x0040_3ABC, Perm.WRITE, false);

        List<WalkEvent> steps = x.steps();
        assertEquals(new WalkEvent.Flat(2, "HCR.VM = 0"), steps.get(0));
        assertEquals(new WalkEvent.Start(1, 0x0040_3ABC, "TTBR0", L1, 1, 32), steps.get(1));
        WalkEvent.Read l1 = assertInstanceOf(WalkEvent.Read.class, steps.get(2));
        assertEquals(L1 + 16, l1.address());
        assertEquals(DescriptorKind.TABLE, l1.kind());
        assertEquals("level 2 table at 0x80110000, domain 3", l1.meaning());
        WalkEvent.Read l2 = assertInstanceOf(WalkEvent.Read.class, steps.get(3));
        assertEquals(L2 + 12, l2.address());
        assertEquals(DescriptorKind.SMALL_PAGE, l2.kind());
        assertEquals("4 KiB small page at 0x80555000, AP[2:0]=011, TEX=000 C=0 B=0", l2.meaning());
        assertEquals(4, steps.size());

        assertTrue(x.allowed());
        assertEquals(0x8055_5ABCL, x.output());
        assertFalse(x.translation().global);
        assertEquals(0x42, x.translation().asid);
        assertEquals(3, x.translation().domain);
    }

    @Test
    void withSctlrEeTheTablesAreReadBigEndian() {
        // SCTLR.EE = 1: translation table walks are big-endian (B3.4.? "Endianness of the
        // translation tables"), so the section descriptor is stored byte-reversed.
        int section = 0x8070_0000 | 0b11 << 10 | 2;
        bus.write32(L1 + 4 * 0x123, Integer.reverseBytes(section));
        sys.ttbr0 = L1;
        sys.dacr = 1;
        sys.sctlr |= 1 | 1 << 25;

        Explanation x = explain(Regime.PL10, 0x1234_5678L, Perm.READ, true);

        assertEquals(section & 0xFFFF_FFFFL, ((WalkEvent.Read) x.steps().get(2)).descriptor());
        assertEquals(0x8074_5678L, x.output());
        assertEquals(0x8074_5678L, cpu.mmu.translate(0x1234_5678, Perm.READ, cpu.mmu.microTlb(1)));
    }

    @Test
    void domainNoAccessIsAFaultOnAFoundTranslation() {
        bus.write32(L1 + 4 * 0x801, 0x8010_0000 | 5 << 5 | 0b11 << 10 | 2);   // section, domain 5, AP 011
        sys.ttbr0 = L1;
        sys.dacr = 0;   // domain 5: no access
        sys.sctlr |= 1;

        Explanation x = explain(Regime.PL10, 0x8012_3456L, Perm.READ, true);

        assertFalse(x.allowed());
        assertEquals(0x8012_3456L, x.output());   // the walk found it ...
        assertEquals(FaultType.DOMAIN, x.fault().type);   // ... the domain refuses it
        // Short-format DFSR: domain fault, level 1 (FS 0b01001) with the domain in bits 7:4 (B4.1.52).
        assertEquals(0b1001 | 5 << 4, x.fault().fsr());
        assertTrue(x.lines().contains("  fault: stage 1 level 1 domain fault at VA 0x80123456 (DFSR 0x59)"),
                String.join("\n", x.lines()));
    }

    @Test
    void lpaeStage1UnderStage2ReadsEachTableThroughStage2() {
        // Stage 1, LPAE, T0SZ = 0: level 1 (1 GiB per entry) -> level 2 table -> 2 MiB block.
        // Its tables sit at IPAs 0x40000000 + offset; stage 2 maps IPA 0x40000000 (1 GiB) to
        // PA 0x80000000, and the final IPA 0x40600000 the same way.
        long ipaOf = 0x4000_0000L - RAM;   // IPA = PA + ipaOf for the stage 1 tables
        write64(LPAE + 8 * 0, (LPAE + 0x1000 + ipaOf) | 3);                    // L1[0] -> L2 (as IPA)
        write64(LPAE + 0x1000 + 8 * 3, 0x4060_0000L | 1 << 10 | 1 << 6 | 1);   // L2[3]: 2 MiB block, RW any PL
        write64(S2 + 8 * 1, 0x8000_0000L | 1 << 10 | 0b11 << 6 | 0xF << 2 | 1); // IPA 1 GiB block -> PA 2 GiB
        sys.ttbcr = 1 << 31;
        sys.ttbr0 = LPAE + ipaOf;
        sys.prrr = 0xFF;          // MAIR0 attribute 0: Normal write-back RW-allocate
        sys.vtcr = 1 << 6;        // T0SZ 0, SL0 1: level 1 start, 32-bit IPA
        sys.vttbr = S2 | 7L << 48;
        sys.hcr = 1;
        sys.sctlr |= 1;

        Explanation x = explain(Regime.PL10, 0x0061_2345, Perm.FETCH, false);
        List<String> expected = List.of(
                "PL1&0: VA -> (stage 1) -> IPA -> (stage 2) -> PA, unprivileged instruction fetch of 0x612345",
                "  stage 1 of 0x612345: TTBR0 table at 0x40120000, level 1, 32-bit input",
                "  stage 2 of 0x40120000: VTTBR table at 0x80130000, level 1, 32-bit input",
                "    L1 [0x80130008] = 0x00000000800004fd: 1 GiB block at 0x80000000, MemAttr=1111, S2AP=11, SH=00, AF=1",
                "    L1 [0x40120000 @PA 0x80120000] = 0x0000000040121003: next-level table at 0x40121000",
                "  stage 2 of 0x40121018: VTTBR table at 0x80130000, level 1, 32-bit input",
                "    L1 [0x80130008] = 0x00000000800004fd: 1 GiB block at 0x80000000, MemAttr=1111, S2AP=11, SH=00, AF=1",
                "    L2 [0x40121018 @PA 0x80121018] = 0x0000000040600441: 2 MiB block at 0x40600000, AttrIndx=0,"
                        + " AP[2:1]=01, SH=00, AF=1",
                "  stage 2 of 0x40612345: VTTBR table at 0x80130000, level 1, 32-bit input",
                "    L1 [0x80130008] = 0x00000000800004fd: 1 GiB block at 0x80000000, MemAttr=1111, S2AP=11, SH=00, AF=1",
                "  result: 0x80612345 (2 MiB mapping), PL1 rwx, PL0 rwx, stage 2 rwx",
                "  stage 1 memory: Normal, inner write-back RW-allocate, outer write-back RW-allocate, global",
                "  stage 2 memory: Normal, inner write-back, outer write-back, VMID 7",
                "  access allowed");
        assertEquals(expected, x.lines());
    }

    @Test
    void stage2FaultOnTheStage1WalkNamesTheTableIpa() {
        long ipaOf = 0x4000_0000L - RAM;
        sys.ttbcr = 1 << 31;
        sys.ttbr0 = LPAE + ipaOf;
        sys.vtcr = 1 << 6;
        sys.vttbr = S2;           // stage 2 level 1 table all invalid
        sys.hcr = 1;
        sys.sctlr |= 1;

        Explanation x = explain(Regime.PL10, 0x1234, Perm.READ, true);

        assertNull(x.translation());
        assertTrue(x.fault().s1ptw);
        assertEquals(2, x.fault().stage);
        assertEquals(LPAE + ipaOf, x.fault().ipa);
        assertEquals(0b000101, x.fault().longStatus());   // translation fault, level 1 (of stage 2)
    }

    @Test
    void aTableInADeviceIsNotRead() {
        bus.write32(L1, (int) DEVICE | 1);   // VA 0x000xxxxx: level 2 table in the device window
        sys.ttbr0 = L1;
        sys.dacr = 1;
        sys.sctlr |= 1;

        Explanation x = explain(Regime.PL10, 0x0000_1000, Perm.READ, true);

        assertEquals(DEVICE + 4, x.stoppedAt());   // index VA[19:12] = 1
        assertNull(x.translation());
        assertNull(x.fault());
        assertEquals(0, deviceReads);
    }

    @Test
    void theExplanationShowsTheTablesWhileTheCpuKeepsItsStaleTlbEntry() {
        bus.write32(L1 + 4 * 0x001, 0x8020_0000 | 0b11 << 10 | 2);   // VA 1 MiB -> PA 0x80200000
        sys.ttbr0 = L1;
        sys.dacr = 1;
        sys.sctlr |= 1;
        cpu.mmu.contextChanged();
        assertEquals(0x8020_0010L, cpu.mmu.translate(0x0010_0010, Perm.READ, cpu.mmu.microTlb(1)));

        bus.write32(L1 + 4 * 0x001, 0x8030_0000 | 0b11 << 10 | 2);   // remapped, no TLB maintenance
        int tlbEntries = cpu.mmu.tlb().size();

        assertEquals(0x8030_0010L, explain(Regime.PL10, 0x0010_0010, Perm.READ, true).output());
        assertEquals(tlbEntries, cpu.mmu.tlb().size());
        // The CPU still uses the entry it cached: B3.10.1 allows it until a TLBIMVA/TLBIALL.
        assertEquals(0x8020_0010L, cpu.mmu.translate(0x0010_0010, Perm.READ, cpu.mmu.microTlb(1)));
    }

    @Test
    void stage2AloneTranslatesAnIpaOfAnotherVm() {
        // VTCR.T0SZ = -8 (40-bit IPA), SL0 = 1: two concatenated level 1 tables (B3.6.6).
        write64(S2 + 8 * 0x1F0, 0x8000_0000L | 1 << 10 | 0b01 << 6 | 0xF << 2 | 1);   // IPA 0x7C_0000_0000: read-only
        TranslationRegisters regs = TranslationRegisters.of(sys).withStage2(8 | 1 << 6, S2 | 9L << 48);

        Explanation read = new WalkExplainer(bus).explain(regs, Regime.STAGE2, 0x7C_0123_4567L, Perm.READ, false);
        Explanation write = new WalkExplainer(bus).explain(regs, Regime.STAGE2, 0x7C_0123_4567L, Perm.WRITE, false);

        assertEquals(new WalkEvent.Start(2, 0x7C_0123_4567L, "VTTBR", S2, 1, 40), read.steps().get(0));
        assertEquals(S2 + 8 * 0x1F0, ((WalkEvent.Read) read.steps().get(1)).address());
        assertEquals(0x8123_4567L, read.output());
        assertEquals(9, read.translation().vmid);
        assertTrue(read.allowed());
        assertEquals(FaultType.PERMISSION, write.fault().type);
        assertEquals(0x7C_0123_4567L, write.fault().ipa);
    }

    @Test
    void hypRegimeOffIsFlat() {
        Explanation x = explain(Regime.HYP, 0x1C09_0000L, Perm.WRITE, true);
        assertEquals(List.of(new WalkEvent.Flat(1, "HSCTLR.M = 0")), x.steps());
        assertEquals(0x1C09_0000L, x.output());
        assertTrue(x.allowed());
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> explain(Regime.PL10, 1L << 32, Perm.READ, true));
        assertThrows(IllegalArgumentException.class, () -> explain(Regime.STAGE2, 1L << 40, Perm.READ, true));
        assertThrows(IllegalArgumentException.class, () -> explain(Regime.HYP, 0, 7, true));
    }
}
