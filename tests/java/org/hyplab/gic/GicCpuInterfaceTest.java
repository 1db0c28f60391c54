package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The physical CPU interface (IHI 0048B 3.3, 4.4): priority mask, priority order, preemption by
 * group priority with the binary point, running priority and active priorities, priority drop,
 * EOImode 0 and 1, Group 1 and FIQ signalling.
 */
class GicCpuInterfaceTest {

    final GicRig g = new GicRig();

    @BeforeEach
    void distributorOn() {
        g.as(0).enableGroup0();
        for (int id = 40; id < 48; id++) {
            g.enable(id);
        }
    }

    @Test
    void resetValuesAndIdentification() {
        GicRig fresh = new GicRig();
        assertEquals(0, fresh.c(0x00));
        assertEquals(0, fresh.c(0x04));
        assertEquals(0xFF, fresh.c(0x14));         // idle running priority
        assertEquals(1023, fresh.c(0x0C));
        assertEquals(0x2043B, fresh.c(0xFC));
    }

    @Test
    void priorityMaskIsStrict() {
        g.priority(40, 0x80);
        g.c(0x04, 0x80);
        g.setPending(40);
        assertEquals(0, g.out[0]);                 // signalled only if priority < PMR (3.3.2)
        assertEquals(1023, g.c(0x18));
        assertEquals(1023, g.c(0x0C));
        g.c(0x04, 0x81);
        assertEquals(GicRig.IRQ, g.out[0]);
        assertEquals(40, g.c(0x18));
        assertEquals(40, g.c(0x0C));
    }

    @Test
    void highestPriorityFirstThenLowestId() {
        g.priority(40, 0x80);
        g.priority(41, 0x40);
        g.priority(42, 0x40);
        g.setPending(40);
        g.setPending(41);
        g.setPending(42);
        assertEquals(41, g.c(0x0C));
        assertEquals(1023, g.c(0x0C));             // 42 has 41's priority: it cannot preempt
        g.c(0x10, 41);
        assertEquals(42, g.c(0x0C));
    }

    @Test
    void preemptionNeedsHigherGroupPriority() {
        g.priority(40, 0x50);
        g.priority(41, 0x48);
        g.c(0x08, 4);                              // BPR 4: group priority = bits [7:5]
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        assertEquals(0x40, g.c(0x14));             // RPR = group priority of 0x50
        assertEquals(1, g.c(0xD4));                // level 0x40 >> 1 = 32: APR1 bit 0
        g.setPending(41);                          // 0x48 is higher than 0x50, same group 0x40
        assertEquals(0, g.out[0]);
        assertEquals(1023, g.c(0x0C));
        assertEquals(41, g.c(0x18));               // HPPIR still names it
        g.c(0x10, 40);
        assertEquals(0xFF, g.c(0x14));
        assertEquals(GicRig.IRQ, g.out[0]);
        assertEquals(41, g.c(0x0C));
        g.c(0x10, 41);
    }

    @Test
    void preemptionWithFinerBinaryPoint() {
        g.priority(40, 0x50);
        g.priority(41, 0x48);
        g.c(0x08, 2);                              // group priority = bits [7:3]: 0x50 vs 0x48
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        g.setPending(41);
        assertEquals(GicRig.IRQ, g.out[0]);
        assertEquals(41, g.c(0x0C));               // nested
        assertEquals(0x48, g.c(0x14));
        assertEquals(1 << (0x48 >> 1) - 32 | 1 << (0x50 >> 1) - 32, g.c(0xD4));
        g.c(0x10, 41);                             // priority drop returns to 40's priority
        assertEquals(0x50, g.c(0x14));
        g.c(0x10, 40);
        assertEquals(0xFF, g.c(0x14));
        assertEquals(0, g.d(0x304));
    }

    @Test
    void eoiModeZeroDeactivates() {
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        assertEquals(1 << 8, g.d(0x304));
        g.c(0x10, 40);
        assertEquals(0, g.d(0x304));
        assertEquals(0xFF, g.c(0x14));
    }

    @Test
    void eoiModeOneSplitsDropAndDeactivation() {
        g.c(0x00, 1 | CpuInterface.EOIMODE_S);
        assertEquals(0x201, g.c(0x00));
        g.priority(40, 0x80);
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        g.c(0x10, 40);                             // priority drop only
        assertEquals(0xFF, g.c(0x14));
        assertEquals(1 << 8, g.d(0x304));          // still active
        g.setPending(40);
        assertEquals(0, g.out[0]);                 // active: not signalled again
        g.c(0x1000, 40);                           // GICC_DIR
        assertEquals(0, g.d(0x304));
        assertEquals(GicRig.IRQ, g.out[0]);
    }

    @Test
    void dirIgnoredInEoiModeZero() {
        g.setPending(40);
        g.c(0x0C);
        g.c(0x1000, 40);
        assertEquals(1 << 8, g.d(0x304));
    }

    @Test
    void fiqForGroup0WithFiqEn() {
        g.c(0x00, 1 | CpuInterface.FIQ_EN);
        g.setPending(40);
        assertEquals(GicRig.FIQ, g.out[0]);
    }

    @Test
    void group1NeedsAckCtlOrTheAlias() {
        g.d(0x000, 3);
        g.c(0x00, 3 | CpuInterface.FIQ_EN);
        g.d(0x084, 1 << 8);                        // ID 40 in Group 1
        g.setPending(40);
        assertEquals(GicRig.IRQ, g.out[0]);        // Group 1 is never FIQ
        assertEquals(1022, g.c(0x18));
        assertEquals(1022, g.c(0x0C));             // not acknowledged, still pending
        assertEquals(1 << 8, g.d(0x204));
        assertEquals(40, g.c(0x28));               // AHPPIR
        assertEquals(40, g.c(0x20));               // AIAR
        g.c(0x24, 40);                             // AEOIR
        assertEquals(0, g.d(0x304));
    }

    @Test
    void group1UsesAbprUnlessCbpr() {
        assertEquals(1, g.c(0x1C));                // minimum ABPR
        g.d(0x000, 3);
        g.c(0x00, 3 | CpuInterface.ACK_CTL);
        g.d(0x084, 1 << 8);
        g.priority(40, 0x57);
        g.c(0x1C, 5);                              // ABPR 5: group priority bits [7:5]
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        assertEquals(0x40, g.c(0x14));
        g.c(0x10, 40);
        g.c(0x00, 3 | CpuInterface.ACK_CTL | CpuInterface.CBPR);   // now BPR 0: bits [7:1]
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        assertEquals(0x56, g.c(0x14));
    }

    @Test
    void sgiToSelfWithSource() {
        g.d(0xF00, 0x0200_0004);
        assertEquals(4, g.c(0x0C));
        g.c(0x10, 4);
        g.as(1).enableGroup0();
        g.as(0).d(0xF00, 0x0002_000B);
        assertEquals(0x00B, g.as(1).c(0x0C));
        g.as(1).d(0xF00, 0x0001_0001);
        assertEquals(0x401, g.as(0).c(0x0C));
    }

    @Test
    void spuriousEoiIgnored() {
        g.c(0x10, 1023);
        assertEquals(0xFF, g.c(0x14));
    }
}
