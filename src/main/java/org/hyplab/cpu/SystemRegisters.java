package org.hyplab.cpu;

import org.hyplab.mmu.Mmu;

/**
 * The CP15 system control registers of one CPU, as the Cortex-A15 in QEMU's
 * {@code vexpress-a15,secure=off} has them (reset values: BOARDS.md §1, §4.2): identification,
 * SCTLR and friends, the Virtual Memory System Architecture (TTBRs, TTBCR, DACR, fault status and
 * address registers, PAR, memory attribute registers, the TLB and address translation
 * operations), and the Virtualization Extensions' Hyp registers. Cache maintenance is accepted
 * and does nothing (no caches are modelled).
 *
 * <p>Encodings are keyed {@code opc1:CRn:CRm:opc2} as in {@code MRC p15, opc1, Rt, CRn, CRm, opc2},
 * and {@code opc1:CRm} for the 64-bit {@code MRRC/MCRR p15, opc1, Rt, Rt2, CRm}. Who may access
 * what: {@link #defined32}/{@link #defined64} (UNDEFINED otherwise) and, for Non-secure PL0/PL1,
 * the Hyp traps in {@link HypTraps}.
 */
public final class SystemRegisters {

    /** SCTLR bits the core acts on (ARM ARM B4.1.130). */
    public static final int SCTLR_M = 1, SCTLR_A = 1 << 1, SCTLR_V = 1 << 13, SCTLR_EE = 1 << 25, SCTLR_TE = 1 << 30;
    /** HSCTLR.EE and HSCTLR.TE are at the same positions as in SCTLR (ARM ARM B4.1.66). */
    public static final int HSCTLR_EE = 1 << 25, HSCTLR_TE = 1 << 30;
    /** HCR bits (ARM ARM B4.1.65, BOARDS.md §4.3). */
    public static final int HCR_VM = 1, HCR_SWIO = 1 << 1, HCR_PTW = 1 << 2, HCR_FMO = 1 << 3, HCR_IMO = 1 << 4,
            HCR_AMO = 1 << 5, HCR_VF = 1 << 6, HCR_VI = 1 << 7, HCR_VA = 1 << 8, HCR_FB = 1 << 9,
            HCR_DC = 1 << 12, HCR_TWI = 1 << 13, HCR_TWE = 1 << 14, HCR_TID0 = 1 << 15, HCR_TID1 = 1 << 16,
            HCR_TID2 = 1 << 17, HCR_TID3 = 1 << 18, HCR_TSC = 1 << 19, HCR_TIDCP = 1 << 20, HCR_TAC = 1 << 21,
            HCR_TSW = 1 << 22, HCR_TPC = 1 << 23, HCR_TPU = 1 << 24, HCR_TTLB = 1 << 25, HCR_TVM = 1 << 26,
            HCR_TGE = 1 << 27;
    /** HDCR bits (ARM ARM B4.1.?, HDCR; BOARDS.md §4.6); HPMN is bits 4:0. */
    public static final int HDCR_TPMCR = 1 << 5, HDCR_TPM = 1 << 6, HDCR_HPME = 1 << 7, HDCR_TDE = 1 << 8,
            HDCR_TDA = 1 << 9, HDCR_TDOSA = 1 << 10, HDCR_TDRA = 1 << 11;
    /** HSTR.TTEE and HSTR.TJDBX: ThumbEE and Jazelle register accesses (B4.1.74). */
    public static final int HSTR_TTEE = 1 << 16, HSTR_TJDBX = 1 << 17;
    /** ARMv7 defines HCR bits 27:0; the rest are reserved (BOARDS.md §4.3). */
    static final int HCR_MASK = 0x0FFF_FFFF;

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
    /** PERIPHBASE of the vexpress A15 tile (BOARDS.md §1); the boards issue makes it per board. */
    static final int CBAR = 0x2C00_0000;

    private final Cpu cpu;

    // PL1 registers
    public int sctlr, actlr, cpacr, csselr;
    public long ttbr0, ttbr1, par;
    public int ttbcr, dacr;
    public int dfsr, ifsr, adfsr, aifsr, dfar, ifar;
    /** PRRR and NMRR; with TTBCR.EAE = 1 the same registers are MAIR0 and MAIR1 (ARM ARM B4.1.104). */
    public int prrr, nmrr;
    public int amair0, amair1;
    public int vbar, contextidr, tpidrurw, tpidruro, tpidrprw;
    // Hyp registers
    public int vpidr, vmpidr;
    public int hsctlr, hactlr, hcr, hdcr, hcptr, hstr, hacr;
    public int htcr, vtcr;
    public long httbr, vttbr;
    public int hadfsr, haifsr, hsr, hdfar, hifar, hpfar;
    public int hmair0, hmair1, hamair0, hamair1;
    public int hvbar, htpidr;

    SystemRegisters(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        sctlr = SCTLR_RESET;
        actlr = cpacr = csselr = 0;
        ttbr0 = ttbr1 = par = 0;
        ttbcr = dacr = 0;
        dfsr = ifsr = adfsr = aifsr = dfar = ifar = 0;
        prrr = nmrr = amair0 = amair1 = 0;
        vbar = contextidr = tpidrurw = tpidruro = tpidrprw = 0;
        vpidr = MIDR;
        vmpidr = mpidr();
        hsctlr = hactlr = hcr = hcptr = hstr = hacr = 0;
        hdcr = 6;   // HPMN = the 6 event counters (BOARDS.md §1, [P])
        htcr = vtcr = 0;
        httbr = vttbr = 0;
        hadfsr = haifsr = hsr = hdfar = hifar = hpfar = 0;
        hmair0 = hmair1 = hamair0 = hamair1 = 0;
        hvbar = htpidr = 0;
    }

    private Mmu mmu() {
        return cpu.mmu;
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

    /** Whether faults at PL1 are reported in the long-descriptor format (TTBCR.EAE, ARM ARM B4.1.52). */
    public boolean longDescriptorFsr() {
        return (ttbcr & 1 << 31) != 0;
    }

    static int key(int opc1, int crn, int crm, int opc2) {
        return opc1 << 12 | crn << 8 | crm << 4 | opc2;
    }

    // ---- which encodings exist, and where -------------------------------------------------------

    /**
     * Whether {@code MRC} ({@code read}) or {@code MCR} of this encoding exists for the current
     * mode. An access that does not exist, or is not allowed at the current privilege level,
     * is UNDEFINED (ARM ARM B3.17.1); this check comes before any Hyp trap (B1.14.1).
     */
    public boolean defined32(int k, boolean read) {
        if (PerformanceMonitors.claims(k)) {
            return cpu.pmu.defined(k, read);
        }
        Mode mode = cpu.mode();
        if (mode == Mode.USR) {
            // PL0 may use the user thread-ID registers and the CP15 barrier operations (B4.1.150, B4.2.1).
            return read ? k == 0x0D02 || k == 0x0D03 : k == 0x0D02 || k == 0x0754 || k == 0x07A4 || k == 0x07A5;
        }
        if (read ? PL1_READ.contains(k) : PL1_WRITE.contains(k)) {
            return true;
        }
        return mode == Mode.HYP && (read ? HYP_READ.contains(k) : HYP_WRITE.contains(k));
    }

    /** The same for {@code MRRC}/{@code MCRR} (64-bit registers: TTBR0/1, PAR, HTTBR, VTTBR). */
    public boolean defined64(int opc1, int crm, boolean read) {
        Mode mode = cpu.mode();
        int k = opc1 << 4 | crm;
        if (mode == Mode.USR) {
            return false;
        }
        return switch (k) {
            case 0x02, 0x12, 0x07 -> true;          // TTBR0, TTBR1, PAR
            case 0x42, 0x62 -> mode == Mode.HYP;    // HTTBR, VTTBR
            default -> false;
        };
    }

    private static java.util.Set<Integer> keys(int... k) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int x : k) {
            s.add(x);
        }
        return java.util.Set.copyOf(s);
    }

    /** Registers readable at PL1 (and in Hyp mode). */
    private static final java.util.Set<Integer> PL1_READ = keys(
            0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007,            // MIDR..REVIDR
            0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017,            // ID_PFR0..ID_MMFR3
            0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025,                            // ID_ISAR0..5
            0x1000, 0x1001, 0x1007, 0x2000,                                            // CCSIDR CLIDR AIDR CSSELR
            0x0100, 0x0101, 0x0102,                                                    // SCTLR ACTLR CPACR
            0x0200, 0x0201, 0x0202, 0x0300,                                            // TTBR0 TTBR1 TTBCR DACR
            0x0500, 0x0501, 0x0510, 0x0511, 0x0600, 0x0602,                            // FSRs, FARs
            0x0740,                                                                    // PAR
            0x0A20, 0x0A21, 0x0A30, 0x0A31,                                            // PRRR NMRR AMAIR0/1
            0x0C00, 0x0C10,                                                            // VBAR ISR
            0x0D00, 0x0D01, 0x0D02, 0x0D03, 0x0D04,                                    // FCSEIDR CONTEXTIDR TPIDR*
            0x1902, 0x1903,                                                            // L2CTLR L2ECTLR
            0x4F00);                                                                   // CBAR
    private static final java.util.Set<Integer> PL1_WRITE = keys(
            0x2000, 0x0100, 0x0101, 0x0102, 0x0200, 0x0201, 0x0202, 0x0300,
            0x0500, 0x0501, 0x0510, 0x0511, 0x0600, 0x0602, 0x0740,
            0x0A20, 0x0A21, 0x0A30, 0x0A31, 0x0C00, 0x0D00, 0x0D01, 0x0D02, 0x0D03, 0x0D04, 0x1902, 0x1903,
            // cache and branch predictor maintenance, CP15 barriers (B4.2.1)
            0x0710, 0x0716, 0x0750, 0x0751, 0x0754, 0x0756, 0x0757, 0x0761, 0x0762,
            0x07A1, 0x07A2, 0x07A4, 0x07A5, 0x07B1, 0x07E1, 0x07E2,
            // ATS1CPR/CPW/CUR/CUW (B4.2.4)
            0x0780, 0x0781, 0x0782, 0x0783,
            // TLB maintenance (B4.2.2)
            0x0830, 0x0831, 0x0832, 0x0833, 0x0850, 0x0851, 0x0852, 0x0860, 0x0861, 0x0862,
            0x0870, 0x0871, 0x0872, 0x0873);
    /** Hyp-mode-only registers (B3.17.? "PL2-mode system control registers"). */
    private static final java.util.Set<Integer> HYP_READ = keys(
            0x4000, 0x4005, 0x4100, 0x4101, 0x4110, 0x4111, 0x4112, 0x4113, 0x4117, 0x4202, 0x4212,
            0x4510, 0x4511, 0x4520, 0x4600, 0x4602, 0x4604, 0x4A20, 0x4A21, 0x4A30, 0x4A31, 0x4C00, 0x4D02);
    private static final java.util.Set<Integer> HYP_WRITE = keys(
            0x4000, 0x4005, 0x4100, 0x4101, 0x4110, 0x4111, 0x4112, 0x4113, 0x4117, 0x4202, 0x4212,
            0x4510, 0x4511, 0x4520, 0x4600, 0x4602, 0x4604, 0x4A20, 0x4A21, 0x4A30, 0x4A31, 0x4C00, 0x4D02,
            0x0784, 0x0785, 0x0786, 0x0787, 0x4780, 0x4781,                            // ATS12NSO*, ATS1H*
            0x4830, 0x4831, 0x4834, 0x4870, 0x4871, 0x4874);                           // Hyp TLB maintenance

    // ---- MRC / MCR --------------------------------------------------------------------------------

    /** MRC p15 of a {@link #defined32 defined} encoding. */
    public int read32(int k) {
        if (PerformanceMonitors.claims(k)) {
            return cpu.pmu.read(k);
        }
        boolean hyp = cpu.mode() == Mode.HYP;
        return switch (k) {
            // Non-secure PL1 reads of MIDR and MPIDR see VPIDR and VMPIDR (ARM ARM B4.1.105, B4.1.106).
            case 0x0000, 0x0004, 0x0007 -> hyp ? MIDR : vpidr;
            case 0x0005 -> hyp ? mpidr() : vmpidr;
            case 0x0001 -> CTR;
            case 0x0002, 0x0003 -> 0;              // TCMTR, TLBTR: no TCM, unified TLB
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
            case 0x0200 -> (int) ttbr0;
            case 0x0201 -> (int) ttbr1;
            case 0x0202 -> ttbcr;
            case 0x0300 -> dacr;
            case 0x0500 -> dfsr;
            case 0x0501 -> ifsr;
            case 0x0510 -> adfsr;
            case 0x0511 -> aifsr;
            case 0x0600 -> dfar;
            case 0x0602 -> ifar;
            case 0x0740 -> (int) par;
            case 0x0A20 -> prrr;
            case 0x0A21 -> nmrr;
            case 0x0A30 -> amair0;
            case 0x0A31 -> amair1;
            case 0x0C00 -> vbar;
            case 0x0C10 -> cpu.interruptStatus();   // ISR: A, I, F pending (B4.1.89)
            case 0x0D00 -> 0;                      // FCSEIDR: no FCSE with LPAE (RAZ/WI)
            case 0x0D01 -> contextidr;
            case 0x0D02 -> tpidrurw;
            case 0x0D03 -> tpidruro;
            case 0x0D04 -> tpidrprw;
            case 0x1902 -> 0;                      // L2CTLR: [25:24] = CPUs - 1 (one CPU until the boards issue)
            case 0x1903 -> 0;                      // L2ECTLR
            case 0x4F00 -> CBAR;
            case 0x4000 -> vpidr;
            case 0x4005 -> vmpidr;
            case 0x4100 -> hsctlr;
            case 0x4101 -> hactlr;
            case 0x4110 -> hcr;
            case 0x4111 -> hdcr;
            case 0x4112 -> hcptr;
            case 0x4113 -> hstr;
            case 0x4117 -> hacr;
            case 0x4202 -> htcr;
            case 0x4212 -> vtcr;
            case 0x4510 -> hadfsr;
            case 0x4511 -> haifsr;
            case 0x4520 -> hsr;
            case 0x4600 -> hdfar;
            case 0x4602 -> hifar;
            case 0x4604 -> hpfar;
            case 0x4A20 -> hmair0;
            case 0x4A21 -> hmair1;
            case 0x4A30 -> hamair0;
            case 0x4A31 -> hamair1;
            case 0x4C00 -> hvbar;
            case 0x4D02 -> htpidr;
            default -> throw new IllegalStateException(String.format("MRC encoding 0x%04x is not defined", k));
        };
    }

    /** MCR p15 of a {@link #defined32 defined} encoding. */
    public void write32(int k, int value) {
        if (PerformanceMonitors.claims(k)) {
            cpu.pmu.write(k, value);
            return;
        }
        switch (k) {
            case 0x2000 -> csselr = value & 0xF;
            case 0x0100 -> sctlr = value;
            case 0x0101 -> actlr = value;
            case 0x0102 -> cpacr = value & 0xC0F0_0000;   // ASEDIS, D32DIS and the CP10/CP11 access bits (B4.1.40)
            case 0x0200 -> ttbr0 = (ttbr0 & ~0xFFFF_FFFFL) | (value & 0xFFFF_FFFFL);
            case 0x0201 -> ttbr1 = (ttbr1 & ~0xFFFF_FFFFL) | (value & 0xFFFF_FFFFL);
            case 0x0202 -> ttbcr = ttbcrWriteMask(value);
            case 0x0300 -> dacr = value;
            case 0x0500 -> dfsr = value;
            case 0x0501 -> ifsr = value;
            case 0x0510 -> adfsr = value;
            case 0x0511 -> aifsr = value;
            case 0x0600 -> dfar = value;
            case 0x0602 -> ifar = value;
            case 0x0740 -> par = value & 0xFFFF_FFFFL;
            case 0x0A20 -> prrr = value;
            case 0x0A21 -> nmrr = value;
            case 0x0A30 -> amair0 = value;
            case 0x0A31 -> amair1 = value;
            case 0x0C00 -> vbar = value & ~0x1F;
            case 0x0D00 -> { }                             // FCSEIDR: RAZ/WI
            case 0x0D01 -> contextidr = value;   // the ASID with short descriptors
            case 0x0D02 -> tpidrurw = value;
            case 0x0D03 -> tpidruro = value;
            case 0x0D04 -> tpidrprw = value;
            case 0x1902, 0x1903 -> { }                     // L2CTLR/L2ECTLR: writes ignored, as QEMU
            // Cache and branch-predictor maintenance and CP15 barriers: no caches are modelled.
            case 0x0710, 0x0716, 0x0750, 0x0751, 0x0754, 0x0756, 0x0757, 0x0761, 0x0762,
                 0x07A1, 0x07A2, 0x07A4, 0x07A5, 0x07B1, 0x07E1, 0x07E2 -> { }
            case 0x0780, 0x0781, 0x0782, 0x0783, 0x0784, 0x0785, 0x0786, 0x0787, 0x4780, 0x4781 ->
                    par = mmu().addressTranslation(value, k);
            case 0x0830, 0x0831, 0x0832, 0x0833, 0x0850, 0x0851, 0x0852, 0x0860, 0x0861, 0x0862,
                 0x0870, 0x0871, 0x0872, 0x0873, 0x4830, 0x4831, 0x4834, 0x4870, 0x4871, 0x4874 ->
                    mmu().tlbMaintenance(k, value, cpu.mode() == Mode.HYP);
            case 0x4000 -> vpidr = value;
            case 0x4005 -> vmpidr = value;
            case 0x4100 -> hsctlr = value;
            case 0x4101 -> hactlr = value;
            case 0x4110 -> {
                hcr = value & HCR_MASK;
                cpu.interruptInputsChanged();   // HCR.VI/VF/VA and the IMO/FMO/AMO routing
            }
            case 0x4111 -> {
                cpu.pmu.catchUp();   // HPMN and HPME change which counters count
                hdcr = value & 0xFFF;
            }
            case 0x4112 -> hcptr = value;
            case 0x4113 -> hstr = value & 0x3BFEF;   // T0-T15 without T4 and T14, TTEE, TJDBX
            case 0x4117 -> hacr = value;
            case 0x4202 -> htcr = value;
            case 0x4212 -> vtcr = value;
            case 0x4510 -> hadfsr = value;
            case 0x4511 -> haifsr = value;
            case 0x4520 -> hsr = value;
            case 0x4600 -> hdfar = value;
            case 0x4602 -> hifar = value;
            case 0x4604 -> hpfar = value & ~0xF;
            case 0x4A20 -> hmair0 = value;
            case 0x4A21 -> hmair1 = value;
            case 0x4A30 -> hamair0 = value;
            case 0x4A31 -> hamair1 = value;
            case 0x4C00 -> hvbar = value & ~0x1F;
            case 0x4D02 -> htpidr = value;
            default -> throw new IllegalStateException(String.format("MCR encoding 0x%04x is not defined", k));
        }
        if (TRANSLATION_CONTROLS.contains(k)) {
            mmu().contextChanged();   // the micro-TLBs forget their pages; the TLB keeps its entries
        }
    }

    /**
     * TTBCR write (ARM ARM B4.1.153): with EAE = 1, bits 21:19, 15:14 and 6:3 are UNK/SBZP; with
     * short descriptors only N exists, since PD0/PD1 belong to the Security Extensions, which
     * this CPU does not have (QEMU masks the same way).
     */
    private static int ttbcrWriteMask(int value) {
        if ((value & 1 << 31) != 0) {
            return value & ~((7 << 19) | (3 << 14) | (0xF << 3));
        }
        return value & 7;
    }

    /**
     * The registers translations and their checks depend on (SCTLR, TTBR0/1, TTBCR, DACR,
     * PRRR/NMRR, CONTEXTIDR, HSCTLR, HCR, HTCR, VTCR, HMAIR0/1).
     */
    private static final java.util.Set<Integer> TRANSLATION_CONTROLS = keys(0x0100, 0x0200, 0x0201, 0x0202, 0x0300, 0x0A20, 0x0A21, 0x0D01, 0x4100, 0x4202, 0x4212, 0x4A20, 0x4A21, 0x4110);

    // ---- MRRC / MCRR ------------------------------------------------------------------------------

    /** MRRC p15 of a {@link #defined64 defined} encoding. */
    public long read64(int opc1, int crm) {
        return switch (opc1 << 4 | crm) {
            case 0x02 -> ttbr0;
            case 0x12 -> ttbr1;
            case 0x07 -> par;
            case 0x42 -> httbr;
            case 0x62 -> vttbr;
            default -> throw new IllegalStateException("MRRC encoding not defined");
        };
    }

    /** MCRR p15 of a {@link #defined64 defined} encoding. */
    public void write64(int opc1, int crm, long value) {
        switch (opc1 << 4 | crm) {
            case 0x02 -> ttbr0 = value;
            case 0x12 -> ttbr1 = value;
            case 0x07 -> par = value;
            case 0x42 -> httbr = value;
            case 0x62 -> vttbr = value;
            default -> throw new IllegalStateException("MCRR encoding not defined");
        }
        mmu().contextChanged();
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
