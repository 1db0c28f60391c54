package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Psr;

/**
 * The SIMD-within-a-register additions and subtractions (ARM ARM A5.4.1, A5.4.2): ADD16, ASX,
 * SAX, SUB16, ADD8 and SUB8 in six flavours: signed and unsigned modulo (which set the GE
 * flags), signed and unsigned saturating (Q, UQ) and signed and unsigned halving (SH, UH).
 */
public final class ParallelAddSubtract extends Insn {

    /** The op2 field (bits 7:5). */
    public static final int ADD16 = 0, ASX = 1, SAX = 2, SUB16 = 3, ADD8 = 4, SUB8 = 7;

    private enum Flavour { MODULO, SATURATING, HALVING }

    private final int op, rd, rn, rm;
    private final boolean unsigned;
    private final Flavour flavour;

    /** @param prefix op1 (bits 22:20): 001 S, 010 Q, 011 SH, 101 U, 110 UQ, 111 UH */
    public ParallelAddSubtract(int word, int prefix, int op) {
        super(word);
        this.op = op;
        this.unsigned = (prefix & 4) != 0;
        this.flavour = switch (prefix & 3) {
            case 1 -> Flavour.MODULO;
            case 2 -> Flavour.SATURATING;
            default -> Flavour.HALVING;
        };
        this.rn = (word >>> 16) & 0xF;
        this.rd = (word >>> 12) & 0xF;
        this.rm = word & 0xF;
    }

    @Override
    public void execute(Cpu cpu) {
        int a = cpu.r[rn], b = cpu.r[rm];
        int result = 0, ge = 0;
        if (op == ADD8 || op == SUB8) {
            for (int lane = 0; lane < 4; lane++) {
                int x = lane(a, lane * 8, 8), y = lane(b, lane * 8, 8);
                int full = op == ADD8 ? x + y : x - y;
                result |= (finish(full, 8) & 0xFF) << (lane * 8);
                if (geSet(full, op == ADD8, 8)) {
                    ge |= 1 << lane;
                }
            }
        } else {
            int aLo = lane(a, 0, 16), aHi = lane(a, 16, 16), bLo = lane(b, 0, 16), bHi = lane(b, 16, 16);
            int lo, hi;
            boolean loAdds, hiAdds;
            switch (op) {
                case ADD16 -> { lo = aLo + bLo; hi = aHi + bHi; loAdds = true; hiAdds = true; }
                case ASX -> { lo = aLo - bHi; hi = aHi + bLo; loAdds = false; hiAdds = true; }
                case SAX -> { lo = aLo + bHi; hi = aHi - bLo; loAdds = true; hiAdds = false; }
                default -> { lo = aLo - bLo; hi = aHi - bHi; loAdds = false; hiAdds = false; }   // SUB16
            }
            result = (finish(lo, 16) & 0xFFFF) | finish(hi, 16) << 16;
            ge = (geSet(lo, loAdds, 16) ? 0b0011 : 0) | (geSet(hi, hiAdds, 16) ? 0b1100 : 0);
        }
        cpu.r[rd] = result;
        if (flavour == Flavour.MODULO) {
            cpu.setCpsrBits(Psr.GE_MASK, ge << Psr.GE_SHIFT);
        }
    }

    private int lane(int value, int shift, int bits) {
        int v = value >>> shift;
        if (unsigned) {
            return v & ((1 << bits) - 1);
        }
        return bits == 8 ? (byte) v : (short) v;
    }

    /** The lane's result from its full-precision value, by flavour. */
    private int finish(int full, int bits) {
        return switch (flavour) {
            case MODULO -> full;
            case HALVING -> full >> 1;
            case SATURATING -> {
                int max = unsigned ? (1 << bits) - 1 : (1 << (bits - 1)) - 1;
                int min = unsigned ? 0 : -(1 << (bits - 1));
                yield Math.max(min, Math.min(max, full));
            }
        };
    }

    /**
     * The GE rule (ARM ARM A8.8.148 and friends): signed lanes set GE when the result is >= 0;
     * unsigned additions when they carry out, unsigned subtractions when they do not borrow.
     */
    private boolean geSet(int full, boolean addition, int bits) {
        if (!unsigned || !addition) {
            return full >= 0;
        }
        return full >= 1 << bits;
    }
}
