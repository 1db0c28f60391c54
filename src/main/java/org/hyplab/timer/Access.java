package org.hyplab.timer;

/**
 * What an MRC/MCR/MRRC/MCRR of a Generic Timer register does at the current privilege level
 * (ARM ARM B8.1.2, B8.1.3 and the register descriptions in B4.1). The timer decides; the
 * caller, which owns exceptions, acts.
 */
public enum Access {
    /** The access happens: a read's value is in {@link GenericTimer#value()}, a write took effect. */
    ALLOWED,
    /**
     * The instruction is UNDEFINED: take the Undefined Instruction exception. (From Non-secure
     * PL0 with HCR.TGE = 1 that exception goes to Hyp mode with HSR.EC 0x00, as every PL0
     * UNDEFINED instruction does; that routing belongs to the exception layer, not here.)
     */
    UNDEFINED,
    /**
     * The access traps to Hyp mode (CNTHCTL.PL1PCTEN or PL1PCEN is 0): take the Hyp Trap
     * exception with HSR.EC 0x03 for MRC/MCR or 0x04 for MRRC/MCRR, ISS built from the
     * instruction as for any trapped CP15 access. The register is not accessed.
     */
    TRAP_TO_HYP
}
