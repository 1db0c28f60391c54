package org.hyplab.mmu;

/**
 * The kinds of MMU fault (ARM ARM B3.12 "MMU fault types"), in the order the architecture
 * checks them: a translation fault before an access-flag fault before a domain or permission
 * fault. Alignment faults are raised by the CPU before translation (B3.12.2, priority).
 */
public enum FaultType {
    /** No valid descriptor (or the address is outside the translation table's range). */
    TRANSLATION,
    /** A valid descriptor whose access flag is 0 (long format AF, short format with SCTLR.AFE). */
    ACCESS_FLAG,
    /** Short descriptors only: the domain's DACR field says "no access" (B3.12.3). */
    DOMAIN,
    /** The access is not allowed by AP/XN/PXN (stage 1) or S2AP/XN (stage 2). */
    PERMISSION,
    /** A synchronous external abort on a translation table walk: the table is not in RAM. */
    EXTERNAL_ON_WALK
}
