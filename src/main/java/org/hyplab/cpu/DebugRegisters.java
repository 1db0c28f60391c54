package org.hyplab.cpu;

/**
 * The CP14 debug registers of the Cortex-A15's v7.1 Debug architecture, as far as software on
 * the CPU can see them without a debugger attached (ARM ARM C6 "Debug register interfaces",
 * C11 "The Debug Registers"; Cortex-A15 TRM "Debug"): DBGDIDR (6 breakpoints, 2 of them with
 * context matching, 4 watchpoints), DBGDSCR (internal and external views), DBGVCR, the
 * breakpoint and watchpoint value/control pairs, DBGDRAR/DBGDSAR (no memory-mapped debug
 * components: RAZ), the OS lock, OS double lock and power-down control registers, and the claim
 * tags. The registers hold what is written; no debug event is generated.
 *
 * <p>Not implemented, so UNDEFINED: the DCC (DBGDTRRXint/DBGDTRTXint), DBGWFAR, DBGBXVR,
 * DBGDEVID/DBGDEVID1, DBGAUTHSTATUS, DBGPRSR, and LDC/STC to CP14. Keys are {@code
 * opc1:CRn:CRm:opc2} (opc1 = 0) as in {@link SystemRegisters}.
 */
public final class DebugRegisters {

    public static final int DBGDIDR = 0x0000, DBGDSCRINT = 0x0010, DBGDSCREXT = 0x0022, DBGVCR = 0x0070,
            DBGDRAR = 0x0100, DBGDSAR = 0x0200, DBGOSLAR = 0x0104, DBGOSLSR = 0x0114, DBGOSDLR = 0x0134,
            DBGPRCR = 0x0144, DBGCLAIMSET = 0x0786, DBGCLAIMCLR = 0x0796;
    static final int BREAKPOINTS = 6, WATCHPOINTS = 4;
    /**
     * WRPs = 3, BRPs = 5, CTX_CMPs = 1, Version = 5 (v7.1), DEVID_imp, nSUHD_imp, PCSR_imp, SE_imp,
     * variant 4 and revision 0 as MIDR's r4p0 (QEMU 7.2 reports r2p1 here: QEMU-DIFFERENCES.md).
     */
    static final int DIDR = 0x3515_F040;
    /** DBGDSCR bits software may write through CP14: UDCCdis (12) and MDBGen (15). */
    static final int DSCR_UDCCDIS = 1 << 12, DSCR_WRITABLE = DSCR_UDCCDIS | 1 << 15;
    /** The OS Lock Access Register key that locks; any other value unlocks (C11.11.?). */
    static final int OS_LOCK_KEY = 0xC5AC_CE55;
    /** DBGOSLSR: OSLM = 0b10 (OS lock of v7.1), OSLK in bit 1. */
    static final int OSLSR_OSLM = 1 << 3, OSLSR_OSLK = 1 << 1;

    private final Cpu cpu;
    private int dscr, vcr, osdlr, prcr, claim;
    private boolean osLocked;
    private final int[] bvr = new int[BREAKPOINTS], bcr = new int[BREAKPOINTS];
    private final int[] wvr = new int[WATCHPOINTS], wcr = new int[WATCHPOINTS];

    DebugRegisters(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        dscr = vcr = osdlr = prcr = claim = 0;
        osLocked = true;   // the OS lock is set by a cold reset (C11.11.?, DBGOSLSR)
        java.util.Arrays.fill(bvr, 0);
        java.util.Arrays.fill(bcr, 0);
        java.util.Arrays.fill(wvr, 0);
        java.util.Arrays.fill(wcr, 0);
    }

    /** CRn = 0, CRm = n, opc2 = 4..7: DBGBVRn, DBGBCRn, DBGWVRn, DBGWCRn. */
    private static boolean breakOrWatch(int k) {
        int n = (k >>> 4) & 0xF, opc2 = k & 7;
        if ((k & 0xFF00) != 0) {
            return false;
        }
        return opc2 == 4 || opc2 == 5 ? n < BREAKPOINTS : (opc2 == 6 || opc2 == 7) && n < WATCHPOINTS;
    }

    /**
     * Whether MRC ({@code read}) or MCR of this encoding exists here; otherwise UNDEFINED, before
     * any Hyp trap. PL0 may read DBGDIDR, DBGDRAR, DBGDSAR, and DBGDSCRint unless DBGDSCR.UDCCdis
     * is set (C6.4.?); everything else is PL1 and up.
     */
    public boolean defined(int k, boolean read) {
        boolean exists = switch (k) {
            case DBGDIDR, DBGDSCRINT, DBGDRAR, DBGDSAR, DBGOSLSR -> read;
            case DBGOSLAR -> !read;
            case DBGDSCREXT, DBGVCR, DBGOSDLR, DBGPRCR, DBGCLAIMSET, DBGCLAIMCLR -> true;
            default -> breakOrWatch(k);
        };
        if (!exists || cpu.mode() != Mode.USR) {
            return exists;
        }
        return switch (k) {
            case DBGDIDR, DBGDRAR, DBGDSAR -> true;
            case DBGDSCRINT -> (dscr & DSCR_UDCCDIS) == 0;
            default -> false;
        };
    }

    /** MRRC p14, 0, Rt, Rt2, c1 / c2: the 64-bit DBGDRAR and DBGDSAR (LPAE), readable at PL0. */
    public static boolean defined64(int opc1, int crm, boolean read) {
        return read && opc1 == 0 && (crm == 1 || crm == 2);
    }

    public int read(int k) {
        return switch (k) {
            case DBGDIDR -> DIDR;
            case DBGDSCRINT, DBGDSCREXT -> dscr;
            case DBGVCR -> vcr;
            case DBGDRAR, DBGDSAR -> 0;   // Valid = 0b00: no ROM table, no debug components to find
            case DBGOSLSR -> OSLSR_OSLM | (osLocked ? OSLSR_OSLK : 0);
            case DBGOSDLR -> osdlr;
            case DBGPRCR -> prcr;
            case DBGCLAIMSET -> 0xFF;     // eight claim tags are implemented
            case DBGCLAIMCLR -> claim;
            default -> readPair(k);
        };
    }

    public void write(int k, int value) {
        switch (k) {
            case DBGDSCREXT -> dscr = value & DSCR_WRITABLE;
            case DBGVCR -> vcr = value & 0xDE;        // the Non-secure vector catch bits 7:6, 4:1
            case DBGOSLAR -> osLocked = value == OS_LOCK_KEY;
            case DBGOSDLR -> osdlr = value & 1;       // DLK
            case DBGPRCR -> prcr = value & 1;         // CORENPDRQ; the reset requests are not modelled
            case DBGCLAIMSET -> claim |= value & 0xFF;
            case DBGCLAIMCLR -> claim &= ~(value & 0xFF);
            default -> writePair(k, value);
        }
    }

    private int readPair(int k) {
        int n = (k >>> 4) & 0xF;
        return switch (k & 7) {
            case 4 -> bvr[n];
            case 5 -> bcr[n];
            case 6 -> wvr[n];
            default -> wcr[n];
        };
    }

    /** Value registers hold word addresses (or a context ID for the context-matching BRPs 4 and 5). */
    private void writePair(int k, int value) {
        int n = (k >>> 4) & 0xF;
        switch (k & 7) {
            case 4 -> bvr[n] = n >= 4 ? value : value & ~3;
            case 5 -> bcr[n] = value & 0x1FFF_E1E7;   // mask, BT, LBN, SSC, HMC, BAS, PMC, E
            case 6 -> wvr[n] = value & ~3;
            default -> wcr[n] = value & 0x1F1F_FFFF;  // MASK, WT, LBN, SSC, HMC, BAS, LSC, PAC, E
        }
    }
}
