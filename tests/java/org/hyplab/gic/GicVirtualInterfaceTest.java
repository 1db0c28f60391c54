package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The virtual interface control (GICH) and the virtual CPU interface (GICV), IHI 0048B chapter 5:
 * list register life cycle, EISR/ELSR/MISR, EOICount, the maintenance interrupt, the HW bit,
 * virtual priorities, VMCR views, the per-CPU aliases.
 */
class GicVirtualInterfaceTest {

    final GicRig g = new GicRig();

    static int lr(int state, int priority, int group, int vid) {
        return state << 28 | (priority >> 3) << 23 | group << 30 | vid;
    }

    @Test
    void identificationAndVmcrViews() {
        assertEquals(0x9000_0003, g.h(0x04));
        assertEquals(0x004C_0000, g.h(0x08));      // VMBP 2, VMABP 3: the minimum binary points
        g.v(0x00, 1);
        g.v(0x04, 0xF0);
        assertEquals(0xF04C_0001, g.h(0x08));      // PriMask 0xF0 >> 3 = 0x1E in [31:27]
        assertEquals(0xF0, g.v(0x04));
        assertEquals(2, g.v(0x08));
        g.v(0x08, 0);
        assertEquals(2, g.v(0x08));                // below the minimum reads as the minimum
        g.v(0x08, 5);
        assertEquals(5 << 21, g.h(0x08) & 7 << 21);
        assertEquals(3, g.v(0x1C));
        g.h(0x08, 0x0800_0208);                    // VMPriMask 1, VEM, VMFIQEn
        assertEquals(0x208, g.v(0x00));
        assertEquals(0x08, g.v(0x04));
    }

    @Test
    void listRegisterLifeCycleWithEoiMaintenance() {
        // the trace of BOARDS.md §5.2: LR0 pending, EOI, priority 0, Group 0, virtual ID 42
        g.as(0).h(0x00, VirtualInterface.EN);
        g.h(0x100, 0x1008_002A);
        assertEquals(0xE, g.h(0x30));
        assertEquals(0, g.out[0] & GicRig.VIRQ);   // VMGrp0En and PMR still 0
        g.v(0x00, 1);
        g.v(0x04, 0xF0);
        assertEquals(GicRig.VIRQ, g.out[0]);
        assertEquals(0x2A, g.v(0x18));
        assertEquals(0x2A, g.v(0x0C));
        assertEquals(0x2008_002A, g.h(0x100));     // pending -> active
        assertEquals(0, g.out[0]);
        assertEquals(0x00, g.v(0x14));             // running priority 0
        assertEquals(1, g.h(0xF0));
        assertEquals(1, g.v(0xD0));
        assertEquals(0, g.h(0x10));
        g.v(0x10, 0x2A);
        assertEquals(0x0008_002A, g.h(0x100));     // invalid, EOI request left
        assertEquals(1, g.h(0x20));                // EISR0
        assertEquals(0xE, g.h(0x30));              // LR0 not free until the hypervisor clears it
        assertEquals(VirtualInterface.MISR_EOI, g.h(0x10));
        assertEquals(0, g.h(0xF0));
        assertEquals(0xFF, g.v(0x14));
        assertEquals(1 << 25, g.d(0x200));         // maintenance interrupt, PPI 25 of CPU 0
        assertEquals(0, g.as(1).d(0x200));
        // taken through the physical CPU interface
        g.as(0).enableGroup0();
        g.enable(25);
        assertEquals(GicRig.IRQ, g.out[0]);
        assertEquals(25, g.c(0x0C));
        g.h(0x100, 0);
        assertEquals(0, g.h(0x10));
        assertEquals(0xF, g.h(0x30));
        assertEquals(0, g.d(0x200));               // the level dropped
        g.c(0x10, 25);
        assertEquals(0, g.out[0]);
    }

    @Test
    void maintenanceNeedsEn() {
        g.h(0x100, lr(0, 0, 0, 5) | 1 << 19);
        assertEquals(1, g.h(0x10));
        assertEquals(0, g.d(0x200));
        g.h(0x00, VirtualInterface.EN);
        assertEquals(1 << 25, g.d(0x200));
    }

    @Test
    void underflowAndNoPending() {
        g.h(0x00, VirtualInterface.EN | VirtualInterface.UIE | VirtualInterface.NPIE);
        assertEquals(VirtualInterface.MISR_U | VirtualInterface.MISR_NP, g.h(0x10));
        g.h(0x100, lr(1, 0x80, 0, 40));
        assertEquals(VirtualInterface.MISR_U, g.h(0x10));      // one valid: still underflow
        g.h(0x104, lr(2, 0x80, 0, 41));
        assertEquals(0, g.h(0x10));
        g.h(0x100, lr(2, 0x80, 0, 40));
        assertEquals(VirtualInterface.MISR_NP, g.h(0x10));
        assertEquals(0xC, g.h(0x30));
    }

    @Test
    void groupEnableConditions() {
        g.h(0x00, VirtualInterface.EN | 0xF0);
        assertEquals(VirtualInterface.MISR_VGRP0D | VirtualInterface.MISR_VGRP1D, g.h(0x10));
        g.v(0x00, 3);
        assertEquals(VirtualInterface.MISR_VGRP0E | VirtualInterface.MISR_VGRP1E, g.h(0x10));
    }

    @Test
    void unmatchedEoiCounts() {
        g.h(0x00, VirtualInterface.EN | VirtualInterface.LRENPIE);
        g.v(0x00, 1);
        g.v(0x04, 0xF8);
        g.v(0x10, 33);                             // nothing active: no priority dropped, not counted
        assertEquals(0, g.h(0x00) >>> 27);
        g.h(0x100, lr(1, 0x20, 0, 33));
        assertEquals(33, g.v(0x0C));
        g.h(0x100, 0);                             // the hypervisor takes the LR away
        g.v(0x10, 33);
        assertEquals(1, g.h(0x00) >>> 27);
        assertEquals(VirtualInterface.MISR_LRENP, g.h(0x10));
        assertEquals(1 << 25, g.d(0x200));
        g.h(0x00, VirtualInterface.EN | VirtualInterface.LRENPIE);   // the hypervisor resets the count
        assertEquals(0, g.h(0x10));
    }

    @Test
    void eoiModeOneUsesDir() {
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 1 | CpuInterface.EOIMODE_S);
        g.v(0x04, 0xF8);
        g.h(0x100, lr(1, 0x40, 0, 50));
        assertEquals(50, g.v(0x0C));
        g.v(0x10, 50);
        assertEquals(0xFF, g.v(0x14));
        assertEquals(lr(2, 0x40, 0, 50), g.h(0x100));   // still active
        g.v(0x1000, 50);
        assertEquals(lr(0, 0x40, 0, 50), g.h(0x100));
        g.v(0x1000, 50);                           // no active LR any more
        assertEquals(1, g.h(0x00) >>> 27);
    }

    @Test
    void hardwareInterruptDeactivatedByVirtualEoi() {
        // the hypervisor takes SPI 40 with EOImode 1, drops its priority, and hands it to the guest
        g.as(0).enableGroup0();
        g.c(0x00, 1 | CpuInterface.EOIMODE_S);
        g.enable(40);
        g.setPending(40);
        assertEquals(40, g.c(0x0C));
        g.c(0x10, 40);
        assertEquals(1 << 8, g.d(0x304));
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 1);
        g.v(0x04, 0xF8);
        g.h(0x100, 1 << 31 | lr(1, 0x40, 0, 72) | 40 << 10);  // virtual 72 backed by physical 40
        assertEquals(72, g.v(0x0C));               // HW: no CPUID in the ID
        g.v(0x10, 72);
        assertEquals(0, g.d(0x304));               // physical 40 deactivated
        assertEquals(0, g.h(0x20));                // HW LRs never ask for EOI maintenance
        assertEquals(0xF, g.h(0x30));
    }

    @Test
    void virtualSgiCarriesCpuId() {
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 1);
        g.v(0x04, 0xF8);
        g.h(0x100, lr(1, 0x10, 0, 3) | 1 << 10);
        assertEquals(0x403, g.v(0x0C));
        g.v(0x10, 0x003);                          // wrong source: no match
        assertEquals(1, g.h(0x00) >>> 27);
        assertEquals(2, ListRegister.state(g.h(0x100)));
        g.v(0x1000, 0);                            // (ignored: EOImode 0)
        g.h(0x100, g.h(0x100));
        g.v(0x00, 1 | CpuInterface.EOIMODE_S);
        g.v(0x1000, 0x403);
        assertEquals(0, ListRegister.state(g.h(0x100)));
    }

    @Test
    void virtualPrioritiesAndPreemption() {
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 1);
        g.v(0x04, 0x80);
        g.h(0x100, lr(1, 0x80, 0, 40));            // not below the mask
        g.h(0x104, lr(1, 0x60, 0, 41));
        g.h(0x108, lr(1, 0x58, 0, 42));
        assertEquals(41 + 1, g.v(0x0C));           // 0x58 is the highest
        assertEquals(0x58, g.v(0x14));
        assertEquals(1 << (0x58 >> 3), g.h(0xF0));
        // BPR 2: group priority bits [7:3]; 0x60 < 0x58 is false, so 41 waits
        assertEquals(1023, g.v(0x0C));
        assertEquals(0, g.out[0]);
        g.v(0x10, 42);
        assertEquals(GicRig.VIRQ, g.out[0]);
        assertEquals(41, g.v(0x0C));
        g.v(0x10, 41);
        assertEquals(1023, g.v(0x0C));             // 40 is masked by PMR 0x80
        assertEquals(1023, g.v(0x18));
    }

    @Test
    void vfiqForGroup0WithVmFiqEn() {
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 3 | CpuInterface.FIQ_EN);
        g.v(0x04, 0xF8);
        g.h(0x100, lr(1, 0x40, 0, 40));
        assertEquals(GicRig.VFIQ, g.out[0]);
        g.h(0x100, lr(1, 0x40, 1, 40));
        assertEquals(GicRig.VIRQ, g.out[0]);
        assertEquals(1022, g.v(0x0C));             // Group 1 without VMAckCtl
        assertEquals(40, g.v(0x20));               // GICV_AIAR
    }

    @Test
    void aliasesReachEachCpu() {
        g.as(0);
        g.gic.virtualControl(1).write(0x00, 4, VirtualInterface.EN);
        g.gic.virtualControl(1).write(0x100, 4, lr(0, 0, 0, 9) | 1 << 19);
        assertEquals(0, g.h(0x00));                // CPU0's own GICH untouched
        assertEquals(VirtualInterface.EN, g.as(1).h(0x00));
        assertEquals(1, g.h(0x20));
        assertEquals(1 << 25, g.d(0x200));         // CPU1's maintenance PPI
        assertEquals(0, g.as(0).d(0x200));
    }

    @Test
    void outputsNotifiedOnlyOnChange() {
        g.h(0x00, VirtualInterface.EN);
        g.v(0x00, 1);
        g.v(0x04, 0xF8);
        int before = g.notifications[0];
        g.h(0x100, lr(1, 0x40, 0, 40));
        g.h(0x104, lr(1, 0x40, 0, 41));
        g.h(0x108, lr(1, 0x40, 0, 42));
        assertEquals(before + 1, g.notifications[0]);
    }
}
