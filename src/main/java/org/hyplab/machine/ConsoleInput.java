package org.hyplab.machine;

/**
 * The bytes a user types at the console, as the machine takes them: between rounds it hands the
 * console UART whatever has arrived ({@link #poll}); only when every CPU waits and nothing else
 * could wake one does it block for the next byte ({@link #await}). When and how fast bytes
 * arrive is part of a run's input: the same bytes at the same points give the same run.
 */
public interface ConsoleInput {

    /** {@link #poll} has nothing yet, more may come. */
    int NOTHING_YET = -1;
    /** The input has ended: nothing will ever come. */
    int END = -2;

    /** The next byte (0-255) if one has arrived, else {@link #NOTHING_YET} or {@link #END}. */
    int poll();

    /**
     * Blocks until the next byte (0-255) arrives, or returns {@link #END}. An input that must
     * not block (a session on a shared worker) returns {@link #NOTHING_YET}: the machine's run
     * then returns {@link Machine.Stop#WAITING_FOR_INPUT}.
     */
    int await();

    /** No input at all (stdin at end of file, a test). */
    ConsoleInput CLOSED = new ConsoleInput() {
        @Override
        public int poll() {
            return END;
        }

        @Override
        public int await() {
            return END;
        }
    };
}
