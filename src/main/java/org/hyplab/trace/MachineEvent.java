package org.hyplab.trace;

/**
 * Something the machine did that an observer may want to see: an exception taken or returned
 * from, a TLB miss walked, a byte printed. Each knows when (the CPU's cycle count, the
 * machine's deterministic time) and on which CPU, and says what it was in words.
 */
public sealed interface MachineEvent permits TrapEvent, GuestExceptionEvent, ReturnEvent, TlbMissEvent, ConsoleEvent,
        GicTraceEvent, ListRegisterEvent, TimerEvent {

    long cycle();

    int cpu();

    /** One line for a timeline. */
    String describe();
}
