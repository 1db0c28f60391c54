package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Psr;

/**
 * Every multiply of ARMv7-A: the 32- and 64-bit forms (ARM ARM A5.2.5), the halfword DSP
 * multiplies (A5.2.7) and the signed dual and most-significant-word multiplies (A5.4.4).
 *
 * <p>Operand fields follow the encodings: Rd or RdHi in bits 19:16, Ra or RdLo in 15:12, Rm in
 * 11:8, Rn in 3:0. The flag-setting forms set only N and Z (C and V are unchanged in ARMv7);
 * the accumulating DSP forms set Q on signed overflow.
 */
public final class Multiply extends Insn {

    public enum Kind {
        MUL, MLA, MLS, UMAAL, UMULL, UMLAL, SMULL, SMLAL,
        SMLAXY, SMLAWY, SMULWY, SMLALXY, SMULXY,
        SMLAD, SMLSD, SMLALD, SMLSLD, SMMLA, SMMLS, SMMUL
    }

    private final Kind kind;
    private final int rd, ra, rm, rn;
    private final boolean s, topN, topM, exchangeOrRound;

    public Multiply(int word, Kind kind) {
        super(word);
        this.kind = kind;
        this.rd = (word >>> 16) & 0xF;
        this.ra = (word >>> 12) & 0xF;
        this.rm = (word >>> 8) & 0xF;
        this.rn = word & 0xF;
        this.s = (word & (1 << 20)) != 0 && kind.ordinal() <= Kind.SMLAL.ordinal();
        this.topN = (word & (1 << 5)) != 0;          // <x> of the halfword forms
        this.topM = (word & (1 << 6)) != 0;          // <y>
        this.exchangeOrRound = (word & (1 << 5)) != 0; // X of the dual forms, R of SMMUL and friends
    }

    @Override
    public void execute(Cpu cpu) {
        int[] r = cpu.r;
        int n = r[rn], m = r[rm];
        switch (kind) {
            case MUL -> setResult(cpu, n * m);
            case MLA -> setResult(cpu, n * m + r[ra]);
            case MLS -> r[rd] = r[ra] - n * m;
            case UMULL -> setLong(cpu, Integer.toUnsignedLong(n) * Integer.toUnsignedLong(m));
            case UMLAL -> setLong(cpu, Integer.toUnsignedLong(n) * Integer.toUnsignedLong(m) + pair(r));
            case SMULL -> setLong(cpu, (long) n * m);
            case SMLAL -> setLong(cpu, (long) n * m + pair(r));
            case UMAAL -> setLong(cpu, Integer.toUnsignedLong(n) * Integer.toUnsignedLong(m)
                    + Integer.toUnsignedLong(r[ra]) + Integer.toUnsignedLong(r[rd]));
            case SMULXY -> r[rd] = half(n, topN) * half(m, topM);
            case SMLAXY -> r[rd] = addSetQ(cpu, half(n, topN) * half(m, topM), r[ra]);
            case SMULWY -> r[rd] = (int) (((long) n * half(m, topM)) >> 16);
            case SMLAWY -> r[rd] = addSetQ(cpu, (int) (((long) n * half(m, topM)) >> 16), r[ra]);
            case SMLALXY -> setLong(cpu, (long) half(n, topN) * half(m, topM) + pair(r));
            case SMLAD, SMLSD -> {
                int m2 = exchangeOrRound ? Integer.rotateRight(m, 16) : m;
                long p1 = (long) (short) n * (short) m2;
                long p2 = (long) (n >> 16) * (m2 >> 16);
                long sum = (kind == Kind.SMLAD ? p1 + p2 : p1 - p2) + (ra == 15 ? 0 : r[ra]);
                r[rd] = (int) sum;
                if (sum != (int) sum) {
                    cpu.setCpsrBits(Psr.Q, Psr.Q);
                }
            }
            case SMLALD, SMLSLD -> {
                int m2 = exchangeOrRound ? Integer.rotateRight(m, 16) : m;
                long p1 = (long) (short) n * (short) m2;
                long p2 = (long) (n >> 16) * (m2 >> 16);
                setLong(cpu, (kind == Kind.SMLALD ? p1 + p2 : p1 - p2) + pair(r));
            }
            case SMMUL, SMMLA, SMMLS -> {
                long product = (long) n * m;
                long acc = kind == Kind.SMMUL ? 0 : (long) r[ra] << 32;
                long result = kind == Kind.SMMLS ? acc - product : acc + product;
                if (exchangeOrRound) {
                    result += 0x8000_0000L;
                }
                r[rd] = (int) (result >> 32);
            }
        }
    }

    /** RdHi:RdLo as one 64-bit value (RdHi is bits 19:16, RdLo 15:12). */
    private long pair(int[] r) {
        return ((long) r[rd] << 32) | Integer.toUnsignedLong(r[ra]);
    }

    private void setLong(Cpu cpu, long value) {
        cpu.r[ra] = (int) value;          // RdLo
        cpu.r[rd] = (int) (value >>> 32); // RdHi: written last, so it wins when RdHi == RdLo
        if (s) {
            cpu.n = value < 0;
            cpu.z = value == 0;
        }
    }

    private void setResult(Cpu cpu, int value) {
        cpu.r[rd] = value;
        if (s) {
            cpu.n = value < 0;
            cpu.z = value == 0;
        }
    }

    private static int half(int value, boolean top) {
        return top ? value >> 16 : (short) value;
    }

    /** A 32-bit signed addition that sets Q when it overflows (the result wraps). */
    private static int addSetQ(Cpu cpu, int a, int b) {
        int sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            cpu.setCpsrBits(Psr.Q, Psr.Q);
        }
        return sum;
    }
}
