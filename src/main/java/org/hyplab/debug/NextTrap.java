package org.hyplab.debug;

import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;
import org.hyplab.trace.TrapTimeline;

/**
 * Run until a CPU takes a synchronous exception to Hyp mode (a guest's HVC, trapped access or
 * stage 2 abort through the Hyp trap vector; the hypervisor's own undefined instruction or abort
 * through the others; not an interrupt), optionally only of one exception class (HSR.EC, ARM ARM
 * B3.13.6) or from one space. The CPU stops at the Hyp trap vector, HSR set.
 *
 * @param ec   the exception class to wait for, or -1 for any
 * @param from the space it must come from ({@link Space#ANY}, a domain, the hypervisor)
 */
public record NextTrap(int ec, Space from) implements Goal {

    public static NextTrap any() {
        return new NextTrap(-1, Space.ANY);
    }

    @Override
    public boolean perInstruction() {
        return false;
    }

    @Override
    public StopReason event(Debugger d, MachineEvent e) {
        if (e instanceof TrapEvent t && !t.interrupt() && (ec < 0 || t.ec() == ec)
                && from.matches(t.fromGuest() ? new Space(t.vmid()) : Space.HYPERVISOR)) {
            return new StopReason(StopReason.Kind.TRAP, t.cpu(), "trap: " + TrapTimeline.line(t), t);
        }
        return null;
    }

    @Override
    public String describe() {
        return "run to the next trap" + (ec >= 0 ? String.format(" of class 0x%02x", ec) : "")
                + (from.id() == Space.ANY_ID ? "" : " from " + from.label());
    }
}
