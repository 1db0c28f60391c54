package org.hyplab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;
import org.junit.jupiter.api.Test;

/**
 * What the TLB keeps, and what each maintenance operation removes (ARM ARM B3.9, B3.10, B4.2.2):
 * a program that rewrites a descriptor without TLB maintenance goes on seeing the old mapping,
 * entries are told apart by VMID and ASID, and global entries match every ASID. These behaviours
 * are architecturally allowed but not required, so QEMU (which may evict any time) cannot be the
 * oracle; the expectations follow from the ARM ARM's rules for a TLB that never evicts early.
 */
class TlbTest {

    static final long RAM = 0x8000_0000L;
    static final long TABLES = RAM + 0x10_0000;   // translation tables live here
    static final long DATA_A = RAM + 0x20_0000, DATA_B = RAM + 0x30_0000;

    final Bus bus = new Bus();
    final Cpu cpu;
    final SystemRegisters sys;

    TlbTest() {
        bus.addRam(RAM, 4 << 20);
        cpu = new Cpu(0, bus, new DecodeCache(bus));
        sys = cpu.sys;
        bus.write32(DATA_A, 0xAAAA_AAAA);
        bus.write32(DATA_B, 0xBBBB_BBBB);
    }

    void write64(long pa, long value) {
        bus.write32(pa, (int) value);
        bus.write32(pa + 4, (int) (value >>> 32));
    }

    /** LPAE level 3 page descriptor: AF, AP[2:1] = 01 (RW at any PL), attribute index 0. */
    static long page(long pa) {
        return pa | 1 << 10 | 1 << 6 | 3;
    }

    /** Hyp stage 1: HTCR.T0SZ = 0 (level 1 start), level 1 -> level 2 -> level 3 for VA 0x0000xxxx. */
    void hypTables(long target) {
        write64(TABLES, (TABLES + 0x1000) | 3);            // L1[0] -> L2
        write64(TABLES + 0x1000, (TABLES + 0x2000) | 3);   // L2[0] -> L3
        write64(TABLES + 0x2000, page(target));            // L3[0]: VA 0x0000_0000
        sys.httbr = TABLES;
        sys.htcr = 0;
        sys.hsctlr |= 1;
        cpu.mmu.contextChanged();
    }

    @Test
    void aRewrittenDescriptorIsNotSeenUntilTheTlbIsInvalidated() {
        hypTables(DATA_A);
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        write64(TABLES + 0x2000, page(DATA_B));
        cpu.mmu.contextChanged();                    // even with the micro-TLB emptied...
        assertEquals(0xAAAA_AAAA, cpu.read32(0));    // ...the TLB still holds the old page
        sys.write32(0x4871, 0);                      // TLBIMVAH, VA 0
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
    }

    @Test
    void invalidatingAnotherAddressLeavesTheEntry() {
        hypTables(DATA_A);
        cpu.read32(0);
        write64(TABLES + 0x2000, page(DATA_B));
        sys.write32(0x4871, 0x1000);                 // TLBIMVAH of the next page
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        sys.write32(0x4870, 0);                      // TLBIALLH
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
    }

    /** Stage 2 only (stage 1 off): IPA 0x0000xxxx through a VMID's level 1/2/3 tables. */
    void stage2(int vmid, long tables, long target) {
        write64(tables, (tables + 0x1000) | 3);
        write64(tables + 0x1000, (tables + 0x2000) | 3);
        // S2AP = 11 (read/write), MemAttr 0xF, AF
        write64(tables + 0x2000, target | 1 << 10 | 3 << 6 | 0xF << 2 | 3);
        sys.vtcr = 0x8000_0040;                      // T0SZ 0, SL0 = 1 (start at level 1)
        sys.vttbr = tables | (long) vmid << 48;
        sys.hcr = SystemRegisters.HCR_VM;
        cpu.mmu.contextChanged();
    }

    @Test
    void entriesOfDifferentVmidsAreKeptApart() {
        cpu.setMode(Mode.SVC);
        stage2(1, TABLES, DATA_A);
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        stage2(2, TABLES + 0x4000, DATA_B);
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
        // Back to VMID 1 after its tables changed, without maintenance: its entry is still there.
        write64(TABLES + 0x2000, DATA_B | 1 << 10 | 3 << 6 | 0xF << 2 | 3);
        sys.vttbr = TABLES | 1L << 48;
        cpu.mmu.contextChanged();
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        cpu.setMode(Mode.HYP);
        sys.write32(0x4874, 0);                      // TLBIALLNSNH: every guest entry
        cpu.setMode(Mode.SVC);
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
    }

    /** PL1 short-descriptor stage 1: VA 0x0 in a small page, not global when {@code nG}. */
    void shortTables(long target, boolean nG) {
        bus.write32(TABLES, (int) ((TABLES + 0x4000) | 1));             // L1[0] -> page table, domain 0
        bus.write32(TABLES + 0x4000, (int) (target | (nG ? 1 << 11 : 0) | 3 << 4 | 2));   // AP = 011
        sys.ttbr0 = TABLES;
        sys.ttbcr = 0;
        sys.dacr = 1;                                                   // domain 0: client
        sys.sctlr |= 1;
        cpu.mmu.contextChanged();
    }

    void asid(int asid) {
        sys.contextidr = asid;
        cpu.mmu.contextChanged();
    }

    @Test
    void nonGlobalEntriesBelongToTheirAsid() {
        cpu.setMode(Mode.SVC);
        asid(1);
        shortTables(DATA_A, true);
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        bus.write32(TABLES + 0x4000, (int) (DATA_B | 1 << 11 | 3 << 4 | 2));
        asid(2);
        assertEquals(0xBBBB_BBBB, cpu.read32(0), "ASID 2 misses and walks the new descriptor");
        asid(1);
        assertEquals(0xAAAA_AAAA, cpu.read32(0), "ASID 1 still hits its old entry");
        sys.write32(0x0872, 1);                     // TLBIASID 1
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
    }

    @Test
    void aGlobalEntryMatchesEveryAsidAndSurvivesTlbiAsid() {
        cpu.setMode(Mode.SVC);
        asid(1);
        shortTables(DATA_A, false);
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        bus.write32(TABLES + 0x4000, (int) (DATA_B | 3 << 4 | 2));
        asid(2);
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        sys.write32(0x0872, 2);                     // TLBIASID 2: global entries stay
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        sys.write32(0x0873, 0);                     // TLBIMVAA: every ASID, VA 0
        assertEquals(0xBBBB_BBBB, cpu.read32(0));
    }

    @Test
    void aStage2PermissionFaultCarriesLevelAndIpa() {
        cpu.setMode(Mode.SVC);
        stage2(1, TABLES, DATA_A);
        write64(TABLES + 0x2000, DATA_A | 1 << 10 | 1 << 6 | 0xF << 2 | 3);   // S2AP = 01: read only
        sys.write32(0x0870, 0);   // TLBIALL (PL1, current VMID)
        assertEquals(0xAAAA_AAAA, cpu.read32(0));
        MmuFault f = assertThrows(MmuFault.class, () -> cpu.write32(0x10, 1));
        assertEquals(2, f.stage);
        assertEquals(3, f.level);
        assertEquals(FaultType.PERMISSION, f.type);
        assertEquals(0x10, f.ipa);
        assertEquals(0b001111, f.longStatus());
        assertTrue(f.write);
    }

    @Test
    void theTlbIsEmptiedWhenItOutgrowsItsCapacity() {
        Tlb tlb = new Tlb();
        TlbEntry e = new TlbEntry(TlbEntry.REGIME_HYP, 0, 0, true, true, false, 12, 0, 0, 0, Perm.ALL,
                Perm.S2_ALL, -1, 3, 0, true, 0, -1);
        for (int i = 0; i < Tlb.CAPACITY; i++) {
            tlb.insert(e, i << 12);
        }
        assertEquals(Tlb.CAPACITY, tlb.size());
        tlb.insert(e, Tlb.CAPACITY << 12);
        assertEquals(1, tlb.size());
    }
}
