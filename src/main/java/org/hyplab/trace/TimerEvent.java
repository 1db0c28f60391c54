package org.hyplab.trace;

import org.hyplab.timer.TimerKind;

/** A timer fired: its output line is about to rise (the generic timers, ARM ARM B8.1). */
public record TimerEvent(long cycle, int cpu, TimerKind timer, long compareValue) implements MachineEvent {

    @Override
    public String describe() {
        return String.format("%s timer of CPU%d fired (compare value %d)", timer.name().toLowerCase(), cpu, compareValue);
    }
}
