package org.hyplab.mmu;

/**
 * An access the memory system refused: which stage and level, why, and the addresses the fault
 * registers report (ARM ARM B3.12, B3.13.6). Thrown out of a memory access and turned into a
 * Data or Prefetch Abort by the CPU; it carries no stack trace because it is control flow.
 *
 * <p>A stage 2 fault (including one during a stage 1 table walk, {@link #s1ptw}) is taken to
 * Hyp mode with the IPA in HPFAR; a stage 1 fault is reported to PL1 in DFSR/IFSR, in the
 * short or long format that the regime's translation used.
 */
public final class MmuFault extends RuntimeException {

    public final int va;
    public final FaultType type;
    /** 1 or 2 (ARMv7 has no level 0). */
    public final int level;
    /** 1 = stage 1 (PL1&0 or Hyp regime), 2 = stage 2. */
    public final int stage;
    /** The stage 2 fault happened while stage 1 read a translation table (HSR.S1PTW). */
    public final boolean s1ptw;
    /** The intermediate physical address that stage 2 could not translate (stage 2 faults). */
    public final long ipa;
    /** Short-descriptor domain of the faulting descriptor, or 0. */
    public final int domain;
    /** The fault status is reported in the long-descriptor format (LPAE or stage 2 or Hyp). */
    public final boolean longFormat;
    public final boolean write;
    public final boolean fetch;

    public MmuFault(int va, FaultType type, int level, int stage, boolean s1ptw, long ipa, int domain,
            boolean longFormat, boolean write, boolean fetch) {
        super(null, null, false, false);
        this.va = va;
        this.type = type;
        this.level = level;
        this.stage = stage;
        this.s1ptw = s1ptw;
        this.ipa = ipa;
        this.domain = domain;
        this.longFormat = longFormat;
        this.write = write;
        this.fetch = fetch;
    }

    /** Stage 2 faults go to Hyp mode whatever mode the access came from (ARM ARM B3.12.1). */
    public boolean isStage2() {
        return stage == 2;
    }

    /**
     * The long-descriptor fault status code (DFSR.STATUS / HSR DFSC / PAR.FST; ARM ARM Table
     * B3-24): 0b0001LL translation, 0b0010LL access flag, 0b0011LL permission, 0b0101LL
     * synchronous external abort on a table walk, LL = level.
     */
    public int longStatus() {
        return switch (type) {
            case TRANSLATION -> 0b000100 | level;
            case ACCESS_FLAG -> 0b001000 | level;
            case PERMISSION, DOMAIN -> 0b001100 | level;   // no domains in the long format
            case EXTERNAL_ON_WALK -> 0b010100 | level;
        };
    }

    /**
     * The short-descriptor fault status FS[4:0] (ARM ARM Table B3-23): translation 0b00101/
     * 0b00111, access flag 0b00011/0b00110, domain 0b01001/0b01011, permission 0b01101/0b01111,
     * external abort on walk 0b01100/0b01110, for a level 1 / level 2 descriptor.
     */
    public int shortStatus() {
        boolean l1 = level == 1;
        return switch (type) {
            case TRANSLATION -> l1 ? 0b00101 : 0b00111;
            case ACCESS_FLAG -> l1 ? 0b00011 : 0b00110;
            case DOMAIN -> l1 ? 0b01001 : 0b01011;
            case PERMISSION -> l1 ? 0b01101 : 0b01111;
            case EXTERNAL_ON_WALK -> l1 ? 0b01100 : 0b01110;
        };
    }

    /** The DFSR or IFSR value for a fault reported to PL1 (ARM ARM B4.1.52, B4.1.96). */
    public int fsr() {
        int wnr = write ? 1 << 11 : 0;
        if (longFormat) {
            return longStatus() | 1 << 9 | wnr;
        }
        int fs = shortStatus();
        return (fs & 0xF) | (fs & 0x10) << 6 | domain << 4 | wnr;
    }

    @Override
    public String getMessage() {
        return String.format("stage %d level %d %s fault at VA 0x%08x%s", stage, level,
                type.name().toLowerCase().replace('_', ' '), va,
                stage == 2 ? String.format(" (IPA 0x%x%s)", ipa, s1ptw ? ", stage 1 table walk" : "") : "");
    }
}
