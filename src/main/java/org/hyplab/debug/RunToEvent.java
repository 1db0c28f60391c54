package org.hyplab.debug;

import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;

/**
 * Run until the trace records event number {@code n}: after a snapshot from before it is
 * restored, the deterministic replay stops at exactly that event (a trap: at the Hyp vector,
 * HSR set), so the Lab can show the machine as it was then.
 */
public record RunToEvent(long n) implements Goal {

    @Override
    public boolean perInstruction() {
        return false;
    }

    @Override
    public StopReason event(Debugger d, MachineEvent e) {
        if (d.recorder().total() > n) {
            return new StopReason(e instanceof TrapEvent ? StopReason.Kind.TRAP : StopReason.Kind.STEPPED, e.cpu(),
                    "back at event #" + n + ": " + e.describe(), e);
        }
        return null;
    }

    @Override
    public String describe() {
        return "go back to event #" + n;
    }
}
