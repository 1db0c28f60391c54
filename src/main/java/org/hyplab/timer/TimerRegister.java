package org.hyplab.timer;

/**
 * The Generic Timer's CP15 registers and their encodings (BOARDS.md §4.2, from Xen's cpregs.h;
 * ARM ARM B8.2). Every MRC/MCR with CRn = c14 and every MRRC/MCRR with CRm = c14 belongs to the
 * timer; encodings in that space that name no register here are UNDEFINED.
 *
 * <pre>
 *  32-bit  MRC/MCR p15, opc1, Rt, c14, CRm, opc2      64-bit  MRRC/MCRR p15, opc1, Rt, Rt2, c14
 *  CNTFRQ      0, c0, 0     CNTHCTL     4, c1, 0       CNTPCT    0     CNTV_CVAL   3
 *  CNTKCTL     0, c1, 0     CNTHP_TVAL  4, c2, 0       CNTVCT    1     CNTVOFF     4
 *  CNTP_TVAL   0, c2, 0     CNTHP_CTL   4, c2, 1       CNTP_CVAL 2     CNTHP_CVAL  6
 *  CNTP_CTL    0, c2, 1
 *  CNTV_TVAL   0, c3, 0
 *  CNTV_CTL    0, c3, 1
 * </pre>
 */
public enum TimerRegister {
    CNTFRQ(false), CNTKCTL(false),
    CNTP_TVAL(false), CNTP_CTL(false), CNTV_TVAL(false), CNTV_CTL(false),
    CNTHCTL(false), CNTHP_TVAL(false), CNTHP_CTL(false),
    CNTPCT(true), CNTVCT(true), CNTP_CVAL(true), CNTV_CVAL(true), CNTVOFF(true), CNTHP_CVAL(true);

    /** The CRn of every 32-bit timer register, and the CRm of every 64-bit one. */
    public static final int C14 = 14;

    /** Whether the register is accessed with MRRC/MCRR (64 bits) rather than MRC/MCR. */
    public final boolean wide;

    TimerRegister(boolean wide) {
        this.wide = wide;
    }

    /** Whether an MRC/MCR p15 encoding is in the timer's space (CRn = c14). */
    public static boolean claims32(int crn) {
        return crn == C14;
    }

    /** Whether an MRRC/MCRR p15 encoding is in the timer's space (CRm = c14). */
    public static boolean claims64(int crm) {
        return crm == C14;
    }

    /** The register an MRC/MCR p15 encoding names, or {@code null} (UNDEFINED). */
    public static TimerRegister of32(int opc1, int crn, int crm, int opc2) {
        if (crn != C14) {
            return null;
        }
        return switch (opc1 << 8 | crm << 4 | opc2) {
            case 0x000 -> CNTFRQ;
            case 0x010 -> CNTKCTL;
            case 0x020 -> CNTP_TVAL;
            case 0x021 -> CNTP_CTL;
            case 0x030 -> CNTV_TVAL;
            case 0x031 -> CNTV_CTL;
            case 0x410 -> CNTHCTL;
            case 0x420 -> CNTHP_TVAL;
            case 0x421 -> CNTHP_CTL;
            default -> null;
        };
    }

    /** The register an MRRC/MCRR p15 encoding names, or {@code null} (UNDEFINED). */
    public static TimerRegister of64(int opc1, int crm) {
        if (crm != C14) {
            return null;
        }
        return switch (opc1) {
            case 0 -> CNTPCT;
            case 1 -> CNTVCT;
            case 2 -> CNTP_CVAL;
            case 3 -> CNTV_CVAL;
            case 4 -> CNTVOFF;
            case 6 -> CNTHP_CVAL;
            default -> null;
        };
    }
}
