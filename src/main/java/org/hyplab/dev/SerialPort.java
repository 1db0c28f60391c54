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
}
