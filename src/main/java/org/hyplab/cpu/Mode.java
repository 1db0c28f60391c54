package org.hyplab.cpu;

/**
 * The processor modes of ARMv7-A with the Security and Virtualization Extensions
 * (ARM ARM B1.3.1, Table B1-1): the value of CPSR.M and which banked registers each uses.
 */
public enum Mode {
    USR(0x10, "usr", 0, 0),
    FIQ(0x11, "fiq", 1, 1),
    IRQ(0x12, "irq", 1, 2),
    SVC(0x13, "svc", 1, 3),
    MON(0x16, "mon", 1, 4),
    ABT(0x17, "abt", 1, 5),
    HYP(0x1A, "hyp", 2, 6),
    UND(0x1B, "und", 1, 7),
    SYS(0x1F, "sys", 1, 0);

    /** Number of register banks: User/System share bank 0. */
    public static final int BANKS = 8;

    private static final Mode[] BY_BITS = new Mode[32];

    static {
        for (Mode m : values()) {
            BY_BITS[m.bits] = m;
        }
    }

    /** The CPSR.M encoding. */
    public final int bits;
    /** The lower-case name used in banked register names ({@code sp_svc}, {@code spsr_hyp}). */
    public final String suffix;
    /** 0 for PL0, 1 for PL1, 2 for PL2 (Hyp). */
    public final int privilegeLevel;
    /** Which copy of SP (and SPSR) this mode uses; User and System share one and have no SPSR. */
    public final int bank;

    Mode(int bits, String suffix, int privilegeLevel, int bank) {
        this.bits = bits;
        this.suffix = suffix;
        this.privilegeLevel = privilegeLevel;
        this.bank = bank;
    }

    /** The mode a CPSR.M value names, or {@code null} for a reserved encoding. */
    public static Mode fromBits(int m) {
        return BY_BITS[m & 0x1F];
    }

    /**
     * The bank of R14: Hyp mode has no LR of its own and uses the User mode LR
     * (ARM ARM B1.3.2, "ARM core registers"; its return address lives in ELR_hyp).
     */
    public int lrBank() {
        return this == HYP ? USR.bank : bank;
    }

    /** Whether the mode has an SPSR (User and System do not). */
    public boolean hasSpsr() {
        return bank != 0;
    }
}
