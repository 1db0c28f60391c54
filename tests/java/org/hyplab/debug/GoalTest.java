package org.hyplab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.hyplab.cpu.Mode;
import org.hyplab.trace.TrapEvent;
import org.junit.jupiter.api.Test;

/**
 * Which exceptions the run-to controls take for what: an exception taken to Hyp mode is an
 * interrupt only through the IRQ or FIQ vector (ARM ARM B1.8.1); the hypervisor's own undefined
 * instruction or abort (vectors 0x04-0x10) is a synchronous trap.
 */
class GoalTest {

    private static TrapEvent hyp(int vector) {
        return new TrapEvent(1, 0, Mode.HYP, 0, 0, vector, 0x1000, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theHypervisorsOwnAbortIsATrapNotAnInterrupt() {
        for (int vector : new int[] {0x04, 0x0C, 0x10, 0x14}) {
            assertNull(new NextInterrupt().event(null, hyp(vector)), "vector " + vector);
            assertEquals(StopReason.Kind.TRAP, new NextTrap(-1, Space.HYPERVISOR).event(null, hyp(vector)).kind());
        }
        for (int vector : new int[] {0x18, 0x1C}) {
            assertEquals(StopReason.Kind.INTERRUPT, new NextInterrupt().event(null, hyp(vector)).kind());
            assertNull(new NextTrap(-1, Space.ANY).event(null, hyp(vector)));
        }
    }
}
