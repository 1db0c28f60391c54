package org.hyplab.debug;

import org.hyplab.cpu.Cpu;
import org.hyplab.trace.MachineEvent;

/**
 * What a control runs the machine towards: one instruction, the next source line, the next
 * trap, ... A goal is asked before instructions (only if it needs that: asking makes the run
 * take the slow loop) and told of events; either may say stop. Breakpoints and watchpoints stop
 * any goal; the {@link Debugger} checks them.
 */
public interface Goal {

    /** Called once, when the control starts, to note where it starts from. */
    default void begin(Debugger debugger) {
    }

    /**
     * Whether the user's breakpoints and watchpoints stop it: yes, but not a replay to a moment
     * already seen (going back to a trap), which must arrive where it was going.
     */
    default boolean honoursBreakpoints() {
        return true;
    }

    /** Whether {@link #before} must see every instruction. */
    boolean perInstruction();

    /** Before {@code cpu} executes the instruction at its PC: a reason to stop there, or {@code null}. */
    default StopReason before(Debugger debugger, Cpu cpu) {
        return null;
    }

    /** An event happened (the CPU is inside the instruction or exception entry that made it): a reason to stop, or {@code null}. */
    default StopReason event(Debugger debugger, MachineEvent event) {
        return null;
    }

    /** The control in words ("step one instruction on CPU0"). */
    String describe();
}
