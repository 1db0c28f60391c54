package org.hyplab.cpu;

/**
 * Why a data access aborted, with its fault status in the short-descriptor DFSR format
 * (ARM ARM B4.1.52, Table B3-23). Translation and permission faults join with the MMU.
 */
public enum DataAbortCause {
    ALIGNMENT(0b00001),
    /** Synchronous external abort, not on a translation table walk. */
    EXTERNAL(0b01000);

    /** FS[4:0]: bit 4 goes to DFSR bit 10, bits 3:0 to DFSR bits 3:0. */
    public final int faultStatus;

    DataAbortCause(int faultStatus) {
        this.faultStatus = faultStatus;
    }

    public int dfsr(boolean write) {
        return (faultStatus & 0xF) | ((faultStatus & 0x10) << 6) | (write ? 1 << 11 : 0);
    }
}
