package org.hyplab.cpu;

/**
 * The CP15 system control registers one CPU has, as the Cortex-A15 in QEMU's
 * {@code vexpress-a15,secure=off} has them (reset values: BOARDS.md §1, §4.2). This is the
 * part the core needs: identification, SCTLR, exception vectors, fault and thread-ID
 * registers, cache maintenance as no-ops. Translation, Hyp traps and timers join with the
 * memory-system issue; until then their encodings are UNDEFINED.
 *
 * <p>Encodings are keyed {@code opc1:CRn:CRm:opc2} as in {@code MRC p15, opc1, Rt, CRn, CRm, opc2}.
 */
public final class SystemRegisters {

    /** SCTLR bits the core acts on (ARM ARM B4.1.130). */
    public static final int SCTLR_M = 1, SCTLR_A = 1 << 1, SCTLR_V = 1 << 13, SCTLR_EE = 1 << 25, SCTLR_TE = 1 << 30;
    /** HSCTLR.EE and HSCTLR.TE are at the same positions as in SCTLR (ARM ARM B4.1.66). */
    public static final int HSCTLR_EE = 1 << 25, HSCTLR_TE = 1 << 30;

    static final int MIDR = 0x414F_C0F0;          // Cortex-A15 r4p0, as QEMU 7.2
    static final int CTR = 0x8444_C004;
    static final int ID_PFR0 = 0x0000_1131;
    static final int ID_PFR1 = 0x0001_1001;       // secure=off: no Security Extensions, Virtualization, generic timer
    static final int ID_DFR0 = 0x0201_0555;
    static final int ID_MMFR0 = 0x1020_1105;
    static final int ID_MMFR1 = 0x2000_0000;
    static final int ID_MMFR2 = 0x0124_0000;
    static final int ID_MMFR3 = 0x0210_2211;
    static final int ID_ISAR0 = 0x0210_1110;
    static final int ID_ISAR1 = 0x1311_2111;
    static final int ID_ISAR2 = 0x2123_2041;
    static final int ID_ISAR3 = 0x1111_2131;
    static final int ID_ISAR4 = 0x1001_1142;
    static final int ID_ISAR5 = 0x0000_0000;
    static final int CLIDR = 0x0A20_0023;
    static final int SCTLR_RESET = 0x00C5_0078;

    private final Cpu cpu;

    public int sctlr, actlr, cpacr, csselr;
    public int dfsr, ifsr, adfsr, aifsr, dfar, ifar;
    public int vbar, contextidr, tpidrurw, tpidruro, tpidrprw;
    public int hsctlr, hsr, hdfar, hifar, hpfar, hvbar, htpidr;

    SystemRegisters(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        sctlr = SCTLR_RESET;
        actlr = cpacr = csselr = 0;
        dfsr = ifsr = adfsr = aifsr = dfar = ifar = 0;
        vbar = contextidr = tpidrurw = tpidruro = tpidrprw = 0;
        hsctlr = hsr = hdfar = hifar = hpfar = hvbar = htpidr = 0;
    }

    public boolean alignmentChecking() {
        return (sctlr & SCTLR_A) != 0;
    }

    /** MPIDR: multiprocessing format, uniprocessor bit clear, Aff0 = CPU number (BOARDS.md §1). */
    public int mpidr() {
        return 0x8000_0000 | cpu.index;
    }

    /** The exception vector base for PL1 modes: SCTLR.V selects the high vectors (ARM ARM B1.8.1). */
    public int vectorBase() {
        return (sctlr & SCTLR_V) != 0 ? 0xFFFF_0000 : vbar;
    }

    private static int key(int opc1, int crn, int crm, int opc2) {
        return opc1 << 12 | crn << 8 | crm << 4 | opc2;
    }

    /**
     * MRC p15: the register's value, or {@code null} when the encoding does not exist or the
     * current mode may not read it (the caller takes the Undefined Instruction exception).
     */
    public Integer read(int opc1, int crn, int crm, int opc2) {
        Mode mode = cpu.mode();
        int k = key(opc1, crn, crm, opc2);
        // PL0 may read the two user thread-ID registers and nothing else here (ARM ARM B4.1.150).
        if (mode == Mode.USR) {
            return switch (k) {
                case 0x0D02 -> tpidrurw;
                case 0x0D03 -> tpidruro;
                default -> null;
            };
        }
        Integer value = switch (k) {
            case 0x0000, 0x0004, 0x0007 -> MIDR;   // MIDR and its aliases (ARM ARM B4.1.105)
            case 0x0001 -> CTR;
            case 0x0002, 0x0003 -> 0;              // TCMTR, TLBTR: no TCM, unified TLB
            case 0x0005 -> mpidr();
            case 0x0006 -> MIDR;                   // REVIDR reads as MIDR on QEMU 7.2 (BOARDS.md §1)
            case 0x0010 -> ID_PFR0;
            case 0x0011 -> ID_PFR1;
            case 0x0012 -> ID_DFR0;
            case 0x0013 -> 0;                      // ID_AFR0
            case 0x0014 -> ID_MMFR0;
            case 0x0015 -> ID_MMFR1;
            case 0x0016 -> ID_MMFR2;
            case 0x0017 -> ID_MMFR3;
            case 0x0020 -> ID_ISAR0;
            case 0x0021 -> ID_ISAR1;
            case 0x0022 -> ID_ISAR2;
            case 0x0023 -> ID_ISAR3;
            case 0x0024 -> ID_ISAR4;
            case 0x0025 -> ID_ISAR5;
            case 0x1000 -> ccsidr();
            case 0x1001 -> CLIDR;
            case 0x1007 -> 0;                      // AIDR
            case 0x2000 -> csselr;
            case 0x0100 -> sctlr;
            case 0x0101 -> actlr;
            case 0x0102 -> cpacr;
            case 0x0500 -> dfsr;
            case 0x0501 -> ifsr;
            case 0x0510 -> adfsr;
            case 0x0511 -> aifsr;
            case 0x0600 -> dfar;
            case 0x0602 -> ifar;
            case 0x0C00 -> vbar;
            case 0x0C10 -> 0;                      // ISR: no interrupt controller wired yet
            case 0x0D01 -> contextidr;
            case 0x0D02 -> tpidrurw;
            case 0x0D03 -> tpidruro;
            case 0x0D04 -> tpidrprw;
            default -> null;
        };
        if (value != null || mode != Mode.HYP) {
            return value;
        }
        return switch (k) {
            case 0x4000 -> MIDR;                   // VPIDR
            case 0x4005 -> mpidr();                // VMPIDR
            case 0x4100 -> hsctlr;
            case 0x4520 -> hsr;
            case 0x4600 -> hdfar;
            case 0x4602 -> hifar;
            case 0x4604 -> hpfar;
            case 0x4C00 -> hvbar;
            case 0x4D02 -> htpidr;
            case 0x4F00 -> 0x2C00_0000;            // CBAR: PERIPHBASE of the vexpress A15 tile
            default -> null;
        };
    }

    /** MCR p15: {@code false} when the encoding does not exist or may not be written here. */
    public boolean write(int opc1, int crn, int crm, int opc2, int value) {
        Mode mode = cpu.mode();
        int k = key(opc1, crn, crm, opc2);
        if (mode == Mode.USR) {
            if (k == 0x0D02) {
                tpidrurw = value;
                return true;
            }
            return k == 0x0754 || k == 0x07A4 || k == 0x07A5;   // CP15ISB, CP15DSB, CP15DMB work at PL0
        }
        switch (k) {
            case 0x2000 -> csselr = value & 0xF;
            case 0x0100 -> sctlr = value;
            case 0x0101 -> actlr = value;
            case 0x0102 -> cpacr = value & 0x00F0_0000;   // only CP10/CP11 access bits exist
            case 0x0500 -> dfsr = value;
            case 0x0501 -> ifsr = value;
            case 0x0510 -> adfsr = value;
            case 0x0511 -> aifsr = value;
            case 0x0600 -> dfar = value;
            case 0x0602 -> ifar = value;
            case 0x0C00 -> vbar = value & ~0x1F;
            case 0x0D01 -> contextidr = value;
            case 0x0D02 -> tpidrurw = value;
            case 0x0D03 -> tpidruro = value;
            case 0x0D04 -> tpidrprw = value;
            // Cache and branch-predictor maintenance and CP15 barriers: no caches are modelled.
            case 0x0750, 0x0751, 0x0756, 0x0757, 0x0761, 0x0762, 0x07A1, 0x07A2, 0x07B1, 0x07E1, 0x07E2,
                 0x0754, 0x07A4, 0x07A5, 0x0710, 0x0716 -> { }
            default -> {
                if (mode != Mode.HYP) {
                    return false;
                }
                switch (k) {
                    case 0x4100 -> hsctlr = value;
                    case 0x4520 -> hsr = value;
                    case 0x4600 -> hdfar = value;
                    case 0x4602 -> hifar = value;
                    case 0x4604 -> hpfar = value;
                    case 0x4C00 -> hvbar = value & ~0x1F;
                    case 0x4D02 -> htpidr = value;
                    default -> {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** CCSIDR for the cache CSSELR selects (BOARDS.md §1: L1D, L1I, L2 of QEMU's A15). */
    private int ccsidr() {
        return switch (csselr) {
            case 0 -> 0x701F_E00A;
            case 1 -> 0x201F_E00A;
            case 2 -> 0x711F_E07A;
            default -> 0;
        };
    }
}
