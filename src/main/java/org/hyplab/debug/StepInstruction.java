package org.hyplab.debug;

import org.hyplab.cpu.Cpu;
import org.hyplab.trace.GuestExceptionEvent;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;

/**
 * Execute one instruction on one CPU (the others run as the machine's turns say). An interrupt
 * taken before it counts as the step: the CPU stops at the vector, as a hardware debugger's
 * single step does (ARM ARM C3.? halting step).
 */
public final class StepInstruction implements Goal {

    private final int cpu;
    private boolean executed;

    public StepInstruction(int cpu) {
        this.cpu = cpu;
    }

    @Override
    public boolean perInstruction() {
        return true;
    }

    @Override
    public StopReason before(Debugger d, Cpu c) {
        if (c.index != cpu) {
            return null;
        }
        if (executed) {
            return new StopReason(StopReason.Kind.STEPPED, cpu, "stepped one instruction on CPU" + cpu, null);
        }
        executed = true;
        return null;
    }

    @Override
    public StopReason event(Debugger d, MachineEvent e) {
        boolean interrupt = e instanceof TrapEvent t && (t.vector() == TrapEvent.VECTOR_IRQ || t.vector() == TrapEvent.VECTOR_FIQ)
                || e instanceof GuestExceptionEvent g
                        && (g.vector() == GuestExceptionEvent.VECTOR_IRQ || g.vector() == GuestExceptionEvent.VECTOR_FIQ);
        if (!executed && interrupt && e.cpu() == cpu) {
            return new StopReason(StopReason.Kind.STEPPED, cpu, "CPU" + cpu + " took an interrupt: " + e.describe(), e);
        }
        return null;
    }

    @Override
    public String describe() {
        return "step one instruction on CPU" + cpu;
    }
}
