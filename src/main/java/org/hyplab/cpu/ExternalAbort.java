package org.hyplab.cpu;

/**
 * A data access that reached the bus and found nothing there: a synchronous external abort
 * (ARM ARM B3.12.?), reported with the virtual address the instruction used.
 */
final class ExternalAbort extends RuntimeException {

    final int address;
    final boolean write;

    ExternalAbort(int address, boolean write) {
        super(null, null, false, false);
        this.address = address;
        this.write = write;
    }
}
