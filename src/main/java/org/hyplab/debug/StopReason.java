package org.hyplab.debug;

import org.hyplab.trace.MachineEvent;

/**
 * Why a machine stopped running: what a control asked for was reached, or something else
 * happened first.
 *
 * @param cpu     the CPU it concerns (-1: the whole machine)
 * @param message in words, for the user
 * @param event   the event that stopped it (a trap, an interrupt), or {@code null}
 */
public record StopReason(Kind kind, int cpu, String message, MachineEvent event) {

    public enum Kind {
        /** A step (instruction, line, over, out) finished. */
        STEPPED,
        BREAKPOINT,
        WATCHPOINT,
        /** The trap "run to next trap" waited for was taken. */
        TRAP,
        /** The interrupt "run to interrupt" waited for was taken. */
        INTERRUPT,
        /** Every CPU waits for the console: the control goes on when the user types. */
        WAITING_FOR_INPUT,
        /** The user paused it. */
        PAUSED,
        POWERED_OFF,
        /** Every CPU waits for an interrupt nothing can raise. */
        DEADLOCKED,
        /** The goal was not reached within the instructions allowed. */
        LIMIT,
        /** The emulator failed; the machine cannot go on. */
        HALTED
    }

    public static StopReason of(Kind kind, int cpu, String message) {
        return new StopReason(kind, cpu, message, null);
    }

    /** Whether the machine may run on after this stop. */
    public boolean canContinue() {
        return kind != Kind.POWERED_OFF && kind != Kind.HALTED && kind != Kind.DEADLOCKED;
    }
}
