package org.hyplab.debug;

import org.hyplab.trace.GuestExceptionEvent;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;

/**
 * Run until a CPU takes an interrupt: a physical IRQ or FIQ (to Hyp mode, where the hypervisor
 * routes them with HCR.IMO/FMO, or to a bare-metal program's IRQ mode) or a virtual one that the
 * GIC's virtual CPU interface signals to a guest.
 */
public record NextInterrupt() implements Goal {

    @Override
    public boolean perInstruction() {
        return false;
    }

    @Override
    public StopReason event(Debugger d, MachineEvent e) {
        boolean physical = e instanceof TrapEvent t && (t.vector() == TrapEvent.VECTOR_IRQ || t.vector() == TrapEvent.VECTOR_FIQ);
        boolean guest = e instanceof GuestExceptionEvent g
                && (g.vector() == GuestExceptionEvent.VECTOR_IRQ || g.vector() == GuestExceptionEvent.VECTOR_FIQ);
        if (physical || guest) {
            return new StopReason(StopReason.Kind.INTERRUPT, e.cpu(), "CPU" + e.cpu() + ": " + e.describe(), e);
        }
        return null;
    }

    @Override
    public String describe() {
        return "run to the next interrupt";
    }
}
