package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each register taken apart as the ARM ARM (DDI 0406C) lays it out. The values are built by
 * hand from the manual's bit positions (or are values QEMU reported, BOARDS.md §4), and the
 * expected fields are worked out from the same positions, not from the explainer.
 */
class RegisterExplainerTest {

    @Test
    void hcrAsAHypervisorSetsIt() {
        // VM b0, SWIO b1, FMO b3, IMO b4, AMO b5, FB b9, BSU=01 [11:10], TWI b13, TSC b19, TAC b21, TSW b22 (B4.1.65)
        int hcr = 1 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 9 | 1 << 10 | 1 << 13 | 1 << 19 | 1 << 21 | 1 << 22;
        assertEquals(0x0068_263B, hcr);
        RegisterExplainer.Register r = RegisterExplainer.hcr(hcr);
        assertEquals("B4.1.65", r.section());
        assertEquals(1, r.field("VM").value());
        assertEquals("stage 2 translation on", r.field("VM").meaning());
        assertEquals(1, r.field("IMO").value());
        assertEquals(1, r.field("BSU").value());
        assertEquals("barriers upgraded to Inner Shareable", r.field("BSU").meaning());
        assertEquals(1, r.field("TWI").value());
        assertEquals(0, r.field("TWE").value());
        assertEquals(1, r.field("TSC").value());
        assertEquals(0, r.field("TGE").value());
        assertEquals(0, r.field("VI").value());
        assertEquals("0068263b", r.hex());
    }

    @Test
    void vtcrAsQemuReadItBack() {
        // 0x80003540 (BOARDS.md §4.7): T0SZ 0, S 0, SL0 01, IRGN0 01, ORGN0 01, SH0 11, bit 31 RES1
        RegisterExplainer.Register r = RegisterExplainer.vtcr(0x8000_3540);
        assertEquals(0, r.field("T0SZ").value());
        assertEquals(1, r.field("SL0").value());
        assertEquals("the walk starts at level 1", r.field("SL0").meaning());
        assertEquals(1, r.field("IRGN0").value());
        assertEquals(1, r.field("ORGN0").value());
        assertEquals(3, r.field("SH0").value());
        assertTrue(r.field("SH0").meaning().contains("Inner Shareable"));
        assertTrue(r.field("T0SZ").meaning().startsWith("IPA size 2^32 bytes"), r.field("T0SZ").meaning());
    }

    @Test
    void aNegativeVtcrT0szGivesAFortyBitIpa() {
        // T0SZ = -8 is 0b1000 in [3:0] with S (bit 4) = 1: IPA size 32 - (-8) = 40 bits
        int vtcr = 0x8000_0000 | 1 << 6 | 1 << 4 | 0b1000;
        RegisterExplainer.Register r = RegisterExplainer.vtcr(vtcr);
        assertEquals(8, r.field("T0SZ").value());
        assertTrue(r.field("T0SZ").meaning().contains("40 bits"), r.field("T0SZ").meaning());
        assertEquals("sign of T0SZ", r.field("S").meaning());
    }

    @Test
    void vttbrNamesTheVmidAndTheTable() {
        // VMID 1 in [55:48]; with VTCR 0x80003540 (SL0 1, T0SZ 0) BADDR is [39:5] (x = 5 - T0SZ)
        long vttbr = 1L << 48 | 0x8001_0000L;
        RegisterExplainer.Register r = RegisterExplainer.vttbr(vttbr, 0x8000_3540);
        assertEquals(1, r.field("VMID").value());
        assertEquals(5, r.field("BADDR").lsb());
        assertEquals(0x8001_0000L >>> 5, r.field("BADDR").value());
        assertEquals("stage 2 first-level table at PA 0x80010000", r.field("BADDR").meaning());
        assertEquals("0001000080010000", r.hex());
        assertTrue(r.wide());
    }

    @Test
    void hsrOfAHypercallAndOfAStage2DataAbort() {
        // HVC #0xEA1: EC 0x12 in [31:26], IL 1 in [25], imm16 in [15:0]
        int hvc = 0x12 << 26 | 1 << 25 | 0xEA1;
        RegisterExplainer.Register h = RegisterExplainer.hsr(hvc);
        assertEquals(0x12, h.field("EC").value());
        assertEquals(0xEA1, h.field("imm16").value());
        // str r5, [r4] faulting at stage 2 on QEMU: 0x93850045 (BOARDS.md §4.4)
        RegisterExplainer.Register d = RegisterExplainer.hsr(0x9385_0045);
        assertEquals(0x24, d.field("EC").value());
        assertEquals(1, d.field("ISV").value());
        assertEquals(2, d.field("SAS").value());
        assertEquals(5, d.field("SRT").value());
        assertEquals(1, d.field("WnR").value());
        assertEquals(5, d.field("DFSC").value());
    }

    @Test
    void hpfarHoldsTheIpaPage() {
        // QEMU's stage 2 fault on 0x1C090018: HPFAR 0x001C0900, FIPA[39:12] in [31:4]
        RegisterExplainer.Register r = RegisterExplainer.hpfar(0x001C_0900);
        assertEquals(0x1C090, r.field("FIPA").value());
        assertEquals("faulting IPA page 0x1c090000", r.field("FIPA").meaning());
    }

    @Test
    void psrFlagsMasksAndMode() {
        // Z b30, C b29, A b8, I b7, F b6, M = 0b10011 (Supervisor) (B1.3.3)
        RegisterExplainer.Register r = RegisterExplainer.psr("CPSR", 0x6000_01D3);
        assertEquals(0, r.field("N").value());
        assertEquals(1, r.field("Z").value());
        assertEquals(1, r.field("C").value());
        assertEquals(1, r.field("I").value());
        assertEquals(1, r.field("F").value());
        assertEquals(0, r.field("T").value());
        assertEquals(0x13, r.field("M").value());
        assertEquals("Supervisor (PL1)", r.field("M").meaning());
        assertEquals("Hyp (PL2)", RegisterExplainer.psr("SPSR_hyp", 0x1DA).field("M").meaning());
        assertEquals("reserved mode", RegisterExplainer.psr("CPSR", 0x15).field("M").meaning());
    }

    @Test
    void sctlrAtResetHasTheMmuOff() {
        // the Cortex-A15's reset value 0x00C50078: M 0, CP15BEN (b5) 1, U (b22) 1; the rest RAO
        RegisterExplainer.Register r = RegisterExplainer.sctlr(0x00C5_0078);
        assertEquals(0, r.field("M").value());
        assertEquals("stage 1 MMU off (VA = IPA)", r.field("M").meaning());
        assertEquals(1, r.field("CP15BEN").value());
        assertEquals(1, r.field("U").value());
        assertEquals(0, r.field("V").value());
        assertEquals(1, RegisterExplainer.sctlr(1).field("M").value());
    }

    @Test
    void ttbcrAndTtbrInBothFormats() {
        // Short format, N = 2: TTBR0 covers addresses below 2^30; its base is [31:12]
        RegisterExplainer.Register shortCtl = RegisterExplainer.ttbcr(2);
        assertEquals(0, shortCtl.field("EAE").value());
        assertEquals("TTBR0 below 0x40000000, TTBR1 above", shortCtl.field("N").meaning());
        RegisterExplainer.Register ttbr0 = RegisterExplainer.ttbr("TTBR0", 0x8000_4000L | 1 << 1, 2);
        assertEquals(12, ttbr0.field("base").lsb());
        assertEquals("first-level table at 0x80004000", ttbr0.field("base").meaning());
        assertEquals(1, ttbr0.field("S").value());
        // Long format (EAE b31): ASID in [55:48] of the 64-bit TTBR
        RegisterExplainer.Register longCtl = RegisterExplainer.ttbcr(0x8000_0000);
        assertEquals(1, longCtl.field("EAE").value());
        assertEquals(0, longCtl.field("T0SZ").value());
        RegisterExplainer.Register lpae = RegisterExplainer.ttbr("TTBR0", 7L << 48 | 0x8020_0000L, 0x8000_0000);
        assertEquals(7, lpae.field("ASID").value());
        assertEquals(0x8020_0000L, lpae.field("BADDR").value());
        assertThrows(IllegalArgumentException.class, () -> lpae.field("N"));
    }

    @Test
    void vmpidrNamesTheVcpu() {
        // MPIDR format (B4.1.106): bit 31 RES1, U b30, MT b24, Aff2/1/0 bytes
        RegisterExplainer.Register r = RegisterExplainer.vmpidr(0x8000_0001);
        assertEquals(1, r.field("Aff0").value());
        assertEquals("vCPU 1", r.field("Aff0").meaning());
        assertEquals(0, r.field("U").value());
        assertEquals("part of a multiprocessor system", r.field("U").meaning());
    }

    @Test
    void linesReadLikeTheManual() {
        RegisterExplainer.Register r = RegisterExplainer.hsctlr(1);
        assertEquals("HSCTLR = 0x00000001 (Hyp system control, ARM ARM B4.1.71)", r.lines().get(0));
        assertTrue(r.lines().contains("  M [0] = 1: Hyp stage 1 MMU on"), r.lines().toString());
    }
}
