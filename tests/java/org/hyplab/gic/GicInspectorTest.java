package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * {@link Gic#inspect()} after a scripted sequence on two CPUs: each field is what IHI 0048B says
 * the registers hold at that point (the section is cited at each assertion), and inspecting
 * changes nothing: a run that inspects between every access reads the same values.
 */
class GicInspectorTest {

    final GicRig g = new GicRig();

    /** GICD_ICFGR: SPI 40 is level-sensitive (reset), priority 0x80, CPU 0, enabled; SGI 3 at 0x40 on CPU 0. */
    private void setUp() {
        g.as(0).enableGroup0();                   // GICD_CTLR.EnableGrp0, GICC_CTLR.EnableGrp0, PMR 0xFF
        g.c(0x04, 0xF0);                          // GICC_PMR 0xF0
        g.priority(40, 0x80);
        g.enable(40);
        g.priority(3, 0x40);
    }

    @Test
    void distributorAndCpuInterfaceThroughAcknowledgeAndEoi() {
        setUp();
        GicSnapshot s = g.gic.inspect();
        assertEquals(1, s.distributor().ctlr());
        assertTrue(s.distributor().group0Enabled());
        assertFalse(s.distributor().group1Enabled());
        // GICD_TYPER (4.3.2): ITLinesNumber = 160/32 - 1 = 4, CPUNumber = 2 - 1 = 1
        assertEquals(4 | 1 << 5, s.distributor().typer());
        InterruptState spi = s.distributor().interrupt(1, 40);
        assertEquals(GicListener.SHARED, spi.cpu(), "an SPI's state is one for all CPUs");
        assertEquals(spi, s.distributor().interrupt(0, 40));
        assertTrue(spi.enabled());
        assertFalse(spi.pending());
        assertFalse(spi.edgeTriggered(), "ICFGR resets SPIs to level-sensitive here (4.3.13)");
        assertEquals(0x80, spi.priority());
        assertEquals(1, spi.targets(), "ITARGETSR: CPU 0 (4.3.12)");
        assertEquals("SPI", spi.type());
        assertTrue(s.distributor().interrupt(0, 3).enabled(), "SGIs are always enabled (ISENABLER0[15:0])");
        assertEquals(0x40, s.distributor().interrupt(0, 3).priority());
        assertEquals(0, s.distributor().interrupt(1, 3).priority(), "SGI priorities are banked per CPU (4.3.11)");

        // a level-sensitive line rises: pending while high, no latch (3.2.4)
        g.gic.spi(40).set(true);
        s = g.gic.inspect();
        spi = s.distributor().interrupt(0, 40);
        assertTrue(spi.pending());
        assertTrue(spi.lineHigh());
        assertTrue(spi.pendingByLine());
        assertFalse(spi.latched());
        assertEquals("pending", spi.state());
        CpuInterfaceState c0 = s.cpuInterfaces().get(0);
        assertEquals(40, c0.highestPending(), "GICC_HPPIR (4.4)");
        assertEquals(40, c0.acknowledge(), "0x80 < PMR 0xF0 and nothing active: IAR would return 40 (3.3)");
        assertTrue(c0.irq());
        assertFalse(c0.fiq(), "FIQEn 0: Group 0 goes as IRQ (4.4.1)");
        assertEquals(0xFF, c0.runningPriority(), "GICC_RPR idle (4.4.6)");
        assertEquals(1023, s.cpuInterfaces().get(1).highestPending(), "CPU 1's interface is disabled");
        assertFalse(s.cpuInterfaces().get(1).irq());

        // SGI 3 from CPU 1, then from CPU 0 itself (GICD_SGIR TargetListFilter 0 and 2, 4.3.15)
        g.as(1).d(0xF00, 1 << 16 | 3);
        g.as(0).d(0xF00, 2 << 24 | 3);
        s = g.gic.inspect();
        InterruptState sgi = s.distributor().interrupt(0, 3);
        assertEquals(0b11, sgi.sgiSources(), "one request per source CPU (3.2.4, 4.3.17)");
        assertTrue(sgi.pending());
        assertEquals(0, s.distributor().interrupt(1, 3).sgiSources(), "only CPU 0 was targeted");
        c0 = s.cpuInterfaces().get(0);
        assertEquals(3, c0.acknowledge(), "priority 0x40 beats 0x80; CPUID = lowest source, 0 (4.4.4)");

        // acknowledge: CPU 0's request is taken, CPU 1's stays (active and pending)
        assertEquals(3, g.c(0x0C));
        s = g.gic.inspect();
        sgi = s.distributor().interrupt(0, 3);
        assertEquals(0b10, sgi.sgiSources());
        assertTrue(sgi.active());
        assertEquals("active and pending", sgi.state());
        c0 = s.cpuInterfaces().get(0);
        assertEquals(0x40, c0.runningPriority(), "GICC_RPR = group priority of 0x40 with BPR 0: bits [7:1] (3.3.3)");
        // APR: 128 levels of two priorities each, level 0x40 / 2 = 32, the first bit of GICC_APR1 (4.4, GICC_APRn recommended layout)
        assertEquals(List.of(0, 1, 0, 0), c0.activePriorities());
        assertEquals(40, c0.highestPending(), "HPPIR ignores the running priority; active SGI 3 is not forwarded");
        assertEquals(1023, c0.acknowledge(), "0x80 does not preempt running 0x40 (3.3): IAR would be spurious");
        assertFalse(c0.irq());

        // EOI with EOImode 0: priority drop and deactivation (3.3.4, 4.4.5)
        g.c(0x10, 3);
        s = g.gic.inspect();
        sgi = s.distributor().interrupt(0, 3);
        assertFalse(sgi.active());
        assertTrue(sgi.pending());
        c0 = s.cpuInterfaces().get(0);
        assertEquals(0xFF, c0.runningPriority());
        assertEquals(List.of(0, 0, 0, 0), c0.activePriorities());
        assertEquals(3 | 1 << 10, c0.acknowledge(), "the remaining request, from CPU 1, in IAR[12:10]");
        assertEquals(3 | 1 << 10, c0.highestPending());
        assertTrue(c0.irq());
        assertTrue(s.describe().stream().anyMatch(l -> l.contains("GICC_IAR.InterruptID") && l.contains("ID 3 from CPU 1")),
                String.join("\n", s.describe()));
    }

    @Test
    void virtualInterfaceThroughListRegisterAcknowledgeEoiAndMaintenance() {
        g.as(0).h(0x00, VirtualInterface.EN);
        // LR0: software interrupt, EOI requested, pending, priority 0xA0, Group 0, virtual ID 27 (GICH_LRn layout)
        int lr0 = 1 << 28 | (0xA0 >> 3) << 23 | 1 << 19 | 27;
        g.h(0x100, lr0);
        g.v(0x00, 1);                             // GICV_CTLR.EnableGrp0
        g.v(0x04, 0xF8);                          // GICV_PMR
        GicSnapshot s = g.gic.inspect();
        VirtualInterfaceState v = s.virtualInterfaces().get(0);
        assertEquals(1, v.hcr());
        assertEquals(0, v.eoiCount());
        assertEquals(0x9000_0003, v.vtr(), "GIC-400: four LRs, five priority and preemption bits (GICH_VTR)");
        ListRegisterState r = v.listRegisters().get(0);
        assertEquals(lr0, r.value());
        assertEquals(27, r.virtualId());
        assertFalse(r.hw());
        assertEquals(-1, r.physicalId());
        assertEquals(ListRegisterState.State.PENDING, r.state());
        assertEquals(0xA0, r.priority());
        assertEquals(0, r.group());
        assertTrue(r.eoi(), "bit 19 with HW 0 is the EOI bit (GICH_LRn)");
        assertEquals(ListRegisterState.State.INVALID, v.listRegisters().get(1).state());
        assertEquals(0b1110, v.elsr(), "GICH_ELSR0: LR0 holds an interrupt, LR1-3 are free");
        assertEquals(0, v.eisr());
        assertEquals(0, v.misr());
        assertFalse(v.maintenance());
        // VMCR decoded: GICV_CTLR 1, PMR 0xF8 (VMPriMask 0x1F in [31:27]), the reset binary points 2 and 3
        assertEquals(0xF8 >> 3 << 27 | 3 << 18 | 2 << 21 | 1, v.vmcr());
        VirtualCpuInterfaceState guest = v.guest();
        assertEquals(1, guest.ctlr());
        assertEquals(0xF8, guest.pmr());
        assertEquals(2, guest.bpr());
        assertEquals(3, guest.abpr());
        assertEquals(27, guest.acknowledge(), "0xA0 < 0xF8, Group 0 enabled: GICV_IAR would return 27");
        assertEquals(27, guest.highestPending());
        assertTrue(guest.virq());
        assertFalse(guest.vfiq());
        assertEquals(0xFF, guest.runningPriority());

        // the guest acknowledges: LR0 active, GICH_APR bit 0xA0 >> 3 = 20 (five preemption bits, GICH_APR)
        assertEquals(27, g.v(0x0C));
        v = g.gic.inspect().virtualInterfaces().get(0);
        assertEquals(ListRegisterState.State.ACTIVE, v.listRegisters().get(0).state());
        assertEquals(1 << 20, v.apr());
        assertEquals(1 << 20, v.guest().activePriorities());
        assertEquals(0xA0, v.guest().runningPriority());
        assertEquals(1023, v.guest().acknowledge());
        assertFalse(v.guest().virq());

        // the guest's EOI: LR0 invalid with its EOI request, maintenance (GICH_EISR, GICH_MISR.EOI)
        g.v(0x10, 27);
        s = g.gic.inspect();
        v = s.virtualInterfaces().get(0);
        assertEquals(ListRegisterState.State.INVALID, v.listRegisters().get(0).state());
        assertEquals(1, v.eisr());
        assertEquals(0b1110, v.elsr(), "an LR with an EOI request pending is not empty");
        assertEquals(1, v.misr());
        assertTrue(v.maintenance());
        assertEquals(0, v.apr());
        InterruptState ppi25 = s.distributor().interrupt(0, Gic.MAINTENANCE_ID);
        assertTrue(ppi25.pending());
        assertTrue(ppi25.pendingByLine(), "the maintenance interrupt is a level (GICH_MISR)");
        assertFalse(s.distributor().interrupt(1, Gic.MAINTENANCE_ID).lineHigh(), "CPU 1 has its own");

        // the hypervisor frees LR0: the level falls
        g.h(0x100, 0);
        s = g.gic.inspect();
        v = s.virtualInterfaces().get(0);
        assertFalse(v.maintenance());
        assertEquals(0xF, v.elsr());
        assertFalse(s.distributor().interrupt(0, Gic.MAINTENANCE_ID).pending());

        // a deactivation that finds no LR counts in EOICount (GICH_HCR)
        g.v(0x0C, 0);
        g.v(0xD0, 1);                             // an active priority to drop
        g.v(0x10, 30);
        assertEquals(1, g.gic.inspect().virtualInterfaces().get(0).eoiCount());
    }

    @Test
    void hardwareListRegisterDecodes() {
        int lr = 1 << 31 | 1 << 30 | 3 << 28 | (0x18 >> 3) << 23 | 27 << 10 | 27;
        ListRegisterState r = ListRegisterState.of(2, lr);
        assertTrue(r.hw());
        assertEquals(27, r.physicalId(), "PhysicalID [19:10] with HW 1");
        assertEquals(27, r.virtualId());
        assertEquals(1, r.group());
        assertEquals(ListRegisterState.State.PENDING_AND_ACTIVE, r.state());
        assertEquals(0x18, r.priority());
        assertFalse(r.eoi(), "bit 19 belongs to PhysicalID when HW is 1");
        assertEquals(-1, r.sourceCpu());
        ListRegisterState sgi = ListRegisterState.of(0, 1 << 28 | 2 << 10 | 5);
        assertEquals(2, sgi.sourceCpu(), "a virtual SGI's source CPU in [12:10]");
    }

    // ---- inspect changes nothing -------------------------------------------------------------------

    /** What the scripted sequence saw: every register read's result, and the outputs after each step. */
    private record Seen(List<Integer> reads, List<Integer> outputs) {
    }

    private static Seen script(Consumer<GicRig> between) {
        GicRig r = new GicRig();
        List<Integer> reads = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        List<Runnable> steps = List.of(
                () -> r.as(0).d(0x000, 1), () -> r.c(0x000, 1), () -> r.c(0x004, 0xF0),
                () -> r.priority(40, 0x80), () -> r.enable(40), () -> r.priority(3, 0x40),
                () -> r.gic.spi(40).set(true),
                () -> r.as(1).d(0xF00, 1 << 16 | 3), () -> r.as(0).d(0xF00, 2 << 24 | 3),
                () -> reads.add(r.c(0x18)), () -> reads.add(r.c(0x0C)), () -> reads.add(r.c(0x14)),
                () -> reads.add(r.c(0x0C)), () -> reads.add(r.d(0x200)), () -> reads.add(r.d(0x300)),
                () -> r.c(0x10, 3), () -> reads.add(r.c(0x0C)), () -> r.c(0x10, 3 | 1 << 10),
                () -> reads.add(r.c(0x0C)), () -> r.gic.spi(40).set(false), () -> r.c(0x10, 40),
                () -> r.h(0x00, VirtualInterface.EN), () -> r.h(0x100, 1 << 28 | (0xA0 >> 3) << 23 | 1 << 19 | 27),
                () -> r.v(0x00, 1), () -> r.v(0x04, 0xF8), () -> reads.add(r.v(0x18)), () -> reads.add(r.v(0x0C)),
                () -> reads.add(r.h(0x100)), () -> reads.add(r.v(0x14)), () -> r.v(0x10, 27),
                () -> reads.add(r.h(0x10)), () -> reads.add(r.h(0x20)), () -> reads.add(r.h(0x30)),
                () -> reads.add(r.d(0x200)), () -> r.enable(25), () -> reads.add(r.c(0x0C)),
                () -> r.h(0x100, 0), () -> r.c(0x10, 25), () -> reads.add(r.c(0x18)));
        for (Runnable step : steps) {
            between.accept(r);
            step.run();
            outputs.add(r.out[0] | r.out[1] << 4 | r.notifications[0] << 8 | r.notifications[1] << 20);
        }
        return new Seen(reads, outputs);
    }

    @Test
    void inspectingBetweenEveryAccessChangesNoRead() {
        Seen plain = script(r -> { });
        // the sequence itself, as IHI 0048B has it: HPPIR and IAR give SGI 3 from CPU 0 (lowest source first),
        // RPR its priority 0x40, a second IAR nothing (0x80 does not preempt, 3.3), ISPENDR0/ISACTIVER0 bit 3
        // (CPU 1's request waits while CPU 0's is active); after EOI CPU 1's request (CPUID 1), then SPI 40 (its
        // line is high); the guest's HPPIR and IAR 27, LR0 active, GICV_RPR 0xA0; after its EOI MISR.EOI, EISR0
        // bit 0, ELSR0 0xE, PPI 25 pending; IAR 25; at the end nothing pending
        int lrActive = 2 << 28 | (0xA0 >> 3) << 23 | 1 << 19 | 27;
        assertEquals(List.of(3, 3, 0x40, 1023, 1 << 3, 1 << 3, 3 | 1 << 10, 40,
                27, 27, lrActive, 0xA0, 1, 1, 0xE, 1 << 25, 25, 1023), plain.reads());
        assertEquals(plain, script(r -> r.gic.inspect().describe()));
        // a listener that inspects at every event, too
        assertEquals(plain, script(r -> r.gic.setListener(new GicListener() {
            @Override
            public void event(GicEvent kind, int cpu, int id, int value) {
                r.gic.inspect();
            }

            @Override
            public void listRegisterWritten(int cpu, int index, int oldValue, int newValue) {
                r.gic.inspect();
            }
        })));
    }
}
