package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The distributor (IHI 0048B 4.3) with two CPUs: identification, banking of IDs 0-31, SGIs with
 * their source CPUs, level-sensitive and edge-triggered inputs, SPI targets.
 */
class GicDistributorTest {

    final GicRig g = new GicRig();

    @Test
    void identification() {
        // TYPER (4.3.2): ITLinesNumber = 160/32 - 1 = 4, CPUNumber = 2 - 1 = 1 in [7:5], no SecurityExtn
        assertEquals(0x24, g.d(0x004));
        assertEquals(0x04, new GicRig(1).d(0x004));
        assertEquals(0x43B, g.d(0x008));
    }

    @Test
    void sgiAlwaysEnabledAndEnablesBanked() {
        assertEquals(0xFFFF, g.as(0).d(0x100));
        g.d(0x100, 0xFFFF_FFFF);
        assertEquals(0xFFFF_FFFF, g.d(0x100));
        assertEquals(0xFFFF, g.as(1).d(0x100));     // CPU1's PPIs untouched
        g.as(0).d(0x180, 0xFFFF_FFFF);
        assertEquals(0xFFFF, g.d(0x100));          // SGIs cannot be disabled
        assertEquals(0xFFFF, g.d(0x180));          // ICENABLER reads like ISENABLER
        g.d(0x104, 0x100);                         // SPI 40, shared
        assertEquals(0x100, g.as(1).d(0x104));
    }

    @Test
    void prioritiesAndTargetsBankedForPrivateIds() {
        g.as(0).gicd.write(0x400 + 27, 1, 0xA0);
        g.gicd.write(0x400 + 40, 1, 0x30);
        assertEquals(0xA0, g.gicd.read(0x400 + 27, 1));
        assertEquals(0xA0 << 24, g.d(0x418));      // IPRIORITYR6 holds IDs 24-27
        assertEquals(0, g.as(1).gicd.read(0x400 + 27, 1));
        assertEquals(0x30, g.gicd.read(0x400 + 40, 1));
        // ITARGETSR0-7 read as the accessing CPU's own bit (4.3.12); writes ignored
        assertEquals(0x0101_0101, g.as(0).d(0x800));
        assertEquals(0x0202_0202, g.as(1).d(0x81C));
        g.d(0x800, 0);
        assertEquals(0x0202_0202, g.d(0x800));
        g.as(0).gicd.write(0x800 + 41, 1, 0x03);
        assertEquals(0x0300, g.as(1).d(0x828));
        // a uniprocessor GIC has ITARGETSR RAZ/WI
        GicRig one = new GicRig(1);
        one.gicd.write(0x800 + 40, 1, 1);
        assertEquals(0, one.d(0x828));
        assertEquals(0, one.d(0x800));
    }

    @Test
    void sgiTargetListFilters() {
        g.as(0).d(0xF00, 0x0002_0003);             // filter 0, list = CPU1, SGI 3
        assertEquals(0, g.d(0x200) & 0xFFFF);
        assertEquals(1 << 3, g.as(1).d(0x200));
        assertEquals(0x01, g.gicd.read(0xF23, 1)); // SPENDSGIR: pending from CPU0
        g.as(1).d(0xF00, 0x0100_0005);             // filter 1: everyone but CPU1
        assertEquals(1 << 5, g.as(0).d(0x200));
        assertEquals(0x02, g.gicd.read(0xF25, 1));
        g.as(1).d(0xF00, 0x0200_0007);             // filter 2: CPU1 itself
        assertEquals(1 << 3 | 1 << 7, g.d(0x200));
        g.d(0xF00, 0x0300_0009);                   // filter 3 is reserved: nothing
        assertEquals(1 << 3 | 1 << 7, g.d(0x200));
        assertEquals(0, g.as(0).d(0x200) & ~(1 << 5));
    }

    @Test
    void sgiSourceInIarAndPendingPerSource() {
        g.as(1).enableGroup0();
        g.as(0).d(0xF00, 0x0002_0007);             // SGI 7 from CPU0 to CPU1
        g.as(1).d(0xF00, 0x0200_0007);             // SGI 7 from CPU1 to itself
        assertEquals(0x03, g.gicd.read(0xF27, 1)); // SPENDSGIR1 byte 3: sources CPU0 and CPU1
        assertEquals(0x0300_0000, g.d(0xF24));
        assertEquals(0x007, g.c(0x0C));            // lowest source first: CPU0
        assertEquals(1 << 7, g.d(0x200));          // still pending from CPU1
        g.c(0x10, 0x007);
        assertEquals(0x407, g.c(0x0C));            // CPUID 1 in [12:10]
        assertEquals(0, g.d(0x200));
        g.c(0x10, 0x407);
        // CPENDSGIR clears one source only
        g.as(0).d(0xF00, 0x0002_0002);
        g.as(1).d(0xF00, 0x0200_0002);
        g.gicd.write(0xF12, 1, 0x01);
        assertEquals(0x02, g.gicd.read(0xF22, 1));
        assertEquals(0x402, g.c(0x0C));
    }

    @Test
    void levelSensitiveFollowsTheLine() {
        var line = g.gic.spi(40);
        line.set(true);
        assertEquals(1 << 8, g.d(0x204));
        line.set(false);
        assertEquals(0, g.d(0x204));
        g.setPending(40);                          // software latch holds it without the line
        assertEquals(1 << 8, g.d(0x204));
        g.d(0x284, 1 << 8);
        assertEquals(0, g.d(0x204));
        line.set(true);
        g.d(0x284, 1 << 8);                        // clearing the latch cannot clear an asserted line
        assertEquals(1 << 8, g.d(0x204));
    }

    @Test
    void levelSensitiveBecomesActiveAndPending() {
        g.as(0).enableGroup0();
        g.enable(40);
        g.gicd.write(0x800 + 40, 1, 1);
        g.gic.spi(40).set(true);
        assertEquals(GicRig.IRQ, g.out[0]);
        assertEquals(40, g.c(0x0C));
        assertEquals(1 << 8, g.d(0x304));          // active
        assertEquals(1 << 8, g.d(0x204));          // and pending: the line is still high
        assertEquals(0, g.out[0]);                 // an active interrupt is not signalled again
        g.c(0x10, 40);
        assertEquals(GicRig.IRQ, g.out[0]);        // still asserted: pending again
        assertEquals(40, g.c(0x0C));
        g.c(0x10, 40);
        g.gic.spi(40).set(false);
        assertEquals(0, g.out[0]);
        assertEquals(1023, g.c(0x0C));
    }

    @Test
    void edgeTriggeredLatches() {
        g.as(0).enableGroup0();
        g.d(0xC08, 1 << 17);                       // ICFGR2: ID 40 = 32 + 8, bit 2*8+1
        assertEquals(1 << 17, g.d(0xC08));
        g.enable(40);
        var line = g.gic.spi(40);
        line.set(true);
        line.set(false);
        assertEquals(1 << 8, g.d(0x204));          // latched by the rising edge
        line.set(true);
        assertEquals(40, g.c(0x0C));
        assertEquals(0, g.d(0x204));               // acknowledged: the high line does not re-pend
        g.c(0x10, 40);
        assertEquals(1023, g.c(0x0C));
        line.set(false);
        line.set(true);
        assertEquals(40, g.c(0x0C));
    }

    @Test
    void sgiConfigurationIsEdgeAndReadOnly() {
        assertEquals(0xAAAA_AAAA, g.d(0xC00));
        g.d(0xC00, 0);
        assertEquals(0xAAAA_AAAA, g.d(0xC00));
        assertEquals(0, g.d(0xC04));               // PPIs level-sensitive at reset
    }

    @Test
    void ppiLinesBankedPerCpu() {
        g.gic.ppi(1, 27).set(true);
        assertEquals(0, g.as(0).d(0x200));
        assertEquals(1 << 27, g.as(1).d(0x200));
    }

    @Test
    void spiTargets() {
        g.as(0).enableGroup0();
        g.as(1).enableGroup0();
        g.enable(40);
        g.gicd.write(0x800 + 40, 1, 0x02);
        g.setPending(40);
        assertEquals(0, g.out[0]);
        assertEquals(GicRig.IRQ, g.out[1]);
        assertEquals(1023, g.as(0).c(0x0C));
        assertEquals(40, g.as(1).c(0x0C));
    }

    @Test
    void groupsAndDistributorEnable() {
        g.as(0).enableGroup0();
        g.enable(40);
        g.gicd.write(0x800 + 40, 1, 1);
        g.d(0x084, 1 << 8);                        // ID 40 in Group 1
        assertEquals(1 << 8, g.d(0x084));
        g.setPending(40);
        assertEquals(0, g.out[0]);                 // Group 1 not enabled
        g.d(0x000, 3);
        g.c(0x000, 3);
        assertEquals(GicRig.IRQ, g.out[0]);
        g.d(0x000, 0);
        assertEquals(0, g.out[0]);
    }
}
