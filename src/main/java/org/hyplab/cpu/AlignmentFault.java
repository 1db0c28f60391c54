package org.hyplab.cpu;

/** A misaligned data access that the architecture makes fault (ARM ARM A3.2.1); no stack trace. */
public final class AlignmentFault extends RuntimeException {

    public final int address;
    public final boolean write;

    public AlignmentFault(int address, boolean write) {
        super(null, null, false, false);
        this.address = address;
        this.write = write;
    }
}
