package org.hyplab.timer;

/**
 * Hears a timer fire: its output line rises because its count reached the compare value (or a
 * register write made the condition true at once). Set on a CPU's generic timer with
 * {@link GenericTimer#setListener}; with none set, firing costs one null check.
 *
 * <p>It is called just before the line rises, so the interrupt controller's reaction follows it.
 * A listener must not change the machine.
 */
@FunctionalInterface
public interface TimerListener {

    /**
     * Timer {@code timer} of CPU {@code cpu} fired (-1 for a board timer that belongs to no CPU);
     * {@code compareValue} is the value its count reached: CompareValue (CNTx_CVAL) for a generic
     * timer, in the virtual count for the virtual timer.
     */
    void fired(int cpu, TimerKind timer, long compareValue);
}
