package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a {@link GicListener} hears for a scripted path: a level-sensitive SPI, an SGI, and a
 * virtual interrupt through a list register with its EOI maintenance interrupt. The expected
 * steps follow IHI 0048B's state machine (3.2.4) and chapter 5; access events come before the
 * changes they cause.
 */
class GicEventsTest {

    final GicRig g = new GicRig();
    final List<String> heard = new ArrayList<>();

    final GicListener recorder = new GicListener() {
        @Override
        public void event(GicEvent kind, int cpu, int id, int value) {
            heard.add(kind + " " + cpu + " " + id + " " + value);
        }

        @Override
        public void listRegisterWritten(int cpu, int index, int oldValue, int newValue) {
            heard.add(String.format("LR %d %d %08x %08x", cpu, index, oldValue, newValue));
        }
    };

    private List<String> take() {
        List<String> copy = List.copyOf(heard);
        heard.clear();
        return copy;
    }

    @Test
    void enableAndDisableAreHeard() {
        g.gic.setListener(recorder);
        g.as(1).enable(20);                       // a PPI: CPU 1's bank
        g.d(0x184, 1 << 8);                       // ICENABLER1 bit 8: SPI 40
        g.d(0x104, 1 << 8);
        g.d(0x184, 1 << 8);
        assertEquals(List.of("ENABLED 1 20 0", "ENABLED -1 40 0", "DISABLED -1 40 0"), take());
        g.d(0x100, 0xFFFF);                       // SGIs cannot be disabled or enabled here: no change
        assertEquals(List.of(), take());
    }

    @Test
    void anInterruptsWholePath() {
        g.as(0).enableGroup0();
        g.c(0x04, 0xF0);
        g.priority(40, 0x80);
        g.enable(40);
        g.gic.setListener(recorder);

        // level-sensitive SPI 40: pending while the line is high; IRQ to CPU 0 (3.2.4, 3.3)
        g.gic.spi(40).set(true);
        assertEquals(List.of("PENDING -1 40 0", "CPU_SIGNALS 0 -1 1"), take());
        // acknowledge: active, and still pending since the line stays high; IRQ drops (running priority 0x80)
        assertEquals(40, g.c(0x0C));
        assertEquals(List.of("ACKNOWLEDGED 0 40 40", "ACTIVE -1 40 0", "CPU_SIGNALS 0 -1 0"), take());
        g.gic.spi(40).set(false);
        assertEquals(List.of("NOT_PENDING -1 40 0"), take());
        // EOI with EOImode 0: the write, the priority drop (0x80), the deactivation (4.4.5)
        g.c(0x10, 40);
        assertEquals(List.of("END_OF_INTERRUPT 0 40 40", "PRIORITY_DROP 0 40 128", "INACTIVE -1 40 0"), take());

        // an SGI from CPU 1 to CPU 0: pending in CPU 0's bank from source CPU 1 (value: the sources)
        g.as(1).d(0xF00, 1 << 16 | 2);
        assertEquals(List.of("PENDING 0 2 2", "CPU_SIGNALS 0 -1 1"), take());

        // the hypervisor on CPU 0 puts virtual 27 in LR1 (software, EOI bit); the guest enables its interface
        g.as(0).h(0x00, VirtualInterface.EN);
        assertEquals(List.of(), take());
        int lr = 1 << 28 | 1 << 19 | 27;
        g.h(0x104, lr);
        assertEquals(List.of("LR 0 1 00000000 1008001b"), take());
        g.v(0x00, 1);
        g.v(0x04, 0xF8);
        assertEquals(List.of("CPU_SIGNALS 0 -1 5"), take(), "virtual IRQ joins the IRQ");
        // the guest acknowledges: LR1 active, the virtual IRQ drops
        assertEquals(27, g.v(0x0C));
        assertEquals(List.of("VIRTUAL_ACKNOWLEDGED 0 27 27", "CPU_SIGNALS 0 -1 1"), take());
        // the guest's EOI: priority drop (0), LR1 deactivated, and its EOI bit raises the maintenance interrupt
        g.v(0x10, 27);
        assertEquals(List.of("VIRTUAL_END_OF_INTERRUPT 0 27 27", "VIRTUAL_PRIORITY_DROP 0 27 0",
                "VIRTUAL_DEACTIVATED 0 27 1", "MAINTENANCE_ASSERTED 0 25 1", "PENDING 0 25 0"), take());
        // the hypervisor clears LR1: the maintenance level falls
        g.h(0x104, 0);
        assertEquals(List.of("LR 0 1 0008001b 00000000", "MAINTENANCE_DEASSERTED 0 25 0", "NOT_PENDING 0 25 0"), take());

        // the SGI taken and ended: its source request is consumed (NOT_PENDING, no source left)
        assertEquals(2 | 1 << 10, g.c(0x0C));
        assertEquals(List.of("ACKNOWLEDGED 0 2 1026", "ACTIVE 0 2 0", "NOT_PENDING 0 2 0", "CPU_SIGNALS 0 -1 0"), take());
        g.c(0x10, 2 | 1 << 10);
        assertEquals(List.of("END_OF_INTERRUPT 0 2 1026", "PRIORITY_DROP 0 2 0", "INACTIVE 0 2 0"), take());
        // nothing to acknowledge: a spurious read is no event
        assertEquals(1023, g.c(0x0C));
        assertEquals(List.of(), take());
    }

    @Test
    void anEdgeTriggeredLineLatchesOnce() {
        g.as(0).d(0xC08, 2 << 16);                // ICFGR2: ID 40 edge-triggered (bit 2*8+1)
        g.gic.setListener(recorder);
        g.gic.spi(40).set(true);
        g.gic.spi(40).set(false);                 // the latch holds it (3.2.4)
        g.gic.spi(40).set(true);                  // already pending: no new event
        assertEquals(List.of("PENDING -1 40 0"), take());
        g.d(0x284, 1 << 8);                       // ICPENDR1: clear the latch; the line is high but edge-triggered
        assertEquals(List.of("NOT_PENDING -1 40 0"), take());
    }

    @Test
    void withoutAListenerNothingIsHeardAndNothingDiffers() {
        g.gic.setListener(recorder);
        g.gic.setListener(null);
        g.as(0).enableGroup0();
        g.enable(40);
        g.gic.spi(40).set(true);
        assertEquals(40, g.c(0x0C));
        assertEquals(List.of(), heard);
    }
}
