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

    /** The long-descriptor status code (ARM ARM Table B3-24): alignment 0x21, external abort 0x10. */
    public int longStatus() {
        return this == ALIGNMENT ? 0x21 : 0x10;
    }

    /** DFSR in the format TTBCR.EAE selects: with the long format, STATUS and LPAE (bit 9). */
    public int dfsr(boolean write, boolean longFormat) {
        return longFormat ? longStatus() | 1 << 9 | (write ? 1 << 11 : 0) : dfsr(write);
    }
}
