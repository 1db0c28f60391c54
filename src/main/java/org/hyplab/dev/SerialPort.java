package org.hyplab.dev;

/**
 * The receive side of a UART as the outside world sees it: the machine (or the web UI) offers
 * the bytes a user typed one at a time, and only when the UART has room for them, the way a
 * terminal's flow control would. Transmitted bytes leave through the {@code IntConsumer} each
 * UART is built with.
 */
public interface SerialPort {

    /** Whether the UART can take another received byte now (its receive FIFO or holding register has room). */
    boolean canReceive();

    /** A byte (0-255) arrives on the receive line; call only when {@link #canReceive()} is true. */
    void receive(int b);

    /**
     * Whether a received byte would raise the UART's interrupt, as it is set up now. When every
     * CPU waits and nothing else is due, the machine waits for the user to type only if this is
     * true; otherwise no keystroke could wake anything, and the run is deadlocked.
     */
    boolean interruptsOnReceive();
}
