package org.hyplab.mem;

/**
 * An access no RAM or device answers: on real hardware the interconnect returns an error
 * response, which the processor reports as an external abort (ARM ARM B3.13.1).
 *
 * <p>Thrown on the rare faulting path only, so it carries no stack trace.
 */
public final class BusFault extends RuntimeException {

    private final long address;
    private final boolean write;

    public BusFault(long address, boolean write) {
        super(String.format("no RAM or device at physical address 0x%x (%s)", address, write ? "write" : "read"),
                null, false, false);
        this.address = address;
        this.write = write;
    }

    public long address() {
        return address;
    }

    public boolean isWrite() {
        return write;
    }
}
