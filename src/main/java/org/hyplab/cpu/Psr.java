package org.hyplab.cpu;

/**
 * The bits of the Program Status Registers CPSR and SPSR (ARM ARM B1.3.3, Figure B1-2):
 * {@code N Z C V Q IT[1:0] J - GE[3:0] IT[7:2] E A I F T M[4:0]}.
 */
public final class Psr {

    public static final int N = 1 << 31;
    public static final int Z = 1 << 30;
    public static final int C = 1 << 29;
    public static final int V = 1 << 28;
    public static final int Q = 1 << 27;
    public static final int J = 1 << 24;
    public static final int GE_SHIFT = 16;
    public static final int GE_MASK = 0xF << GE_SHIFT;
    public static final int E = 1 << 9;
    public static final int A = 1 << 8;
    public static final int I = 1 << 7;
    public static final int F = 1 << 6;
    public static final int T = 1 << 5;
    public static final int M_MASK = 0x1F;

    /** IT[1:0] are bits 26:25, IT[7:2] are bits 15:10. */
    public static final int IT_MASK = (0x3 << 25) | (0x3F << 10);

    /** Bits that read as zero: 23:20 are reserved in ARMv7 (written as zero, read as zero). */
    public static final int RESERVED_MASK = 0x00F0_0000;

    private Psr() {
    }

    /** The IT[7:0] field put back together. */
    public static int it(int psr) {
        return ((psr >>> 25) & 0x3) | ((psr >>> 8) & 0xFC);
    }

    /** A PSR written out with its fields named, e.g. {@code nZCv q A I f T=0 mode=svc}. */
    public static String describe(int psr) {
        Mode mode = Mode.fromBits(psr);
        return String.format("%s%s%s%s%s GE=%x IT=%02x %s%s%s%s%s %s",
                flag(psr, N, 'N'), flag(psr, Z, 'Z'), flag(psr, C, 'C'), flag(psr, V, 'V'), flag(psr, Q, 'Q'),
                (psr >>> GE_SHIFT) & 0xF, it(psr),
                flag(psr, J, 'J'), flag(psr, E, 'E'), flag(psr, A, 'A'), flag(psr, I, 'I'), flag(psr, F, 'F'),
                (psr & T) != 0 ? "Thumb" : "ARM")
                + " mode=" + (mode == null ? String.format("reserved(0x%02x)", psr & M_MASK) : mode.suffix);
    }

    private static char flag(int psr, int bit, char name) {
        return (psr & bit) != 0 ? name : Character.toLowerCase(name);
    }
}
