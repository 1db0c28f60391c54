package org.hyplab.debug;

import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;

/**
 * Run until the trace records event number {@code n}: after a snapshot from before it is
 * restored, the deterministic replay stops at exactly that event (a trap: at the Hyp vector,
 * HSR set), so the Lab can show the machine as it was then. Breakpoints and watchpoints do not
 * stop a replay. When the event recorded as number {@code n} is not {@code expected}, the replay
 * left the run it repeats, and it says so.
 *
 * @param expected the event recorded as number {@code n} before, or {@code null} if not known
 */
public record RunToEvent(long n, MachineEvent expected) implements Goal {

    @Override
    public boolean honoursBreakpoints() {
        return false;
    }

    @Override
    public boolean perInstruction() {
        return false;
    }

    @Override
    public StopReason event(Debugger d, MachineEvent e) {
        if (d.recorder().total() <= n) {
            return null;
        }
        StopReason.Kind kind = e instanceof TrapEvent ? StopReason.Kind.TRAP : StopReason.Kind.STEPPED;
        if (expected != null && !expected.equals(e)) {
            return new StopReason(kind, e.cpu(), "the replay took another way: event #" + n + " is now " + e.describe()
                    + ", was " + expected.describe(), e);
        }
        return new StopReason(kind, e.cpu(), "back at event #" + n + ": " + e.describe(), e);
    }

    @Override
    public String describe() {
        return "go back to event #" + n;
    }
}
