package org.hyplab.cpu;

/**
 * The CP14 registers of the Jazelle and ThumbEE states the Cortex-A15 reports (ID_PFR0: Jazelle
 * and ThumbEE implemented). Jazelle is the trivial implementation (ARM ARM A2.10.?): JIDR, JOSCR
 * and JMCR read as zero and ignore writes, and JIDR is read-only. ThumbEE (A2.11): TEECR with its
 * XED bit and the handler base TEEHBR, which PL0 may use unless TEECR.XED is set. Every one is
 * PL1 and up otherwise (PL0 access to the Jazelle registers is IMPLEMENTATION DEFINED: UNDEFINED
 * here, as QEMU). ThumbEE state itself is not implemented. Keys are {@code opc1:CRn:CRm:opc2}.
 */
public final class JazelleThumbEe {

    public static final int TEECR = 0x6000, TEEHBR = 0x6100, JIDR = 0x7000, JOSCR = 0x7100, JMCR = 0x7200;

    private final Cpu cpu;
    private int teecr, teehbr;

    JazelleThumbEe(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        teecr = teehbr = 0;
    }

    public boolean defined(int k, boolean read) {
        boolean exists = switch (k) {
            case JIDR -> read;
            case JOSCR, JMCR, TEECR, TEEHBR -> true;
            default -> false;
        };
        if (!exists || cpu.mode() != Mode.USR) {
            return exists;
        }
        return k == TEEHBR && (teecr & 1) == 0;
    }

    public int read(int k) {
        return switch (k) {
            case TEECR -> teecr;
            case TEEHBR -> teehbr;
            default -> 0;
        };
    }

    public void write(int k, int value) {
        switch (k) {
            case TEECR -> teecr = value & 1;          // XED
            case TEEHBR -> teehbr = value & ~3;       // bits 1:0 are UNK/SBZP
            default -> { }
        }
    }
}
