package org.hyplab.mem;

/**
 * A device's register window on the bus. Offsets are from the window's base; sizes are 1, 2 or
 * 4 bytes. A device that does not implement an access (a size it does not support, a
 * reserved offset) decides itself whether that reads as zero or faults by throwing
 * {@link BusFault}, as its manual says.
 */
public interface MmioDevice {

    /** A short name for traces, e.g. {@code uart0}. */
    String name();

    int read(long offset, int size);

    void write(long offset, int size, int value);
}
