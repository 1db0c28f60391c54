package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Psr;
import org.hyplab.cpu.Shifter;

/**
 * Saturating arithmetic: QADD, QSUB, QDADD, QDSUB (ARM ARM A8.8.121-A8.8.130, A5.2.6) and
 * SSAT, USAT, SSAT16, USAT16 (A8.8.161-A8.8.163, A8.8.249-A8.8.251). Saturation sets CPSR.Q.
 */
public final class Saturate extends Insn {

    public enum Kind { QADD, QSUB, QDADD, QDSUB, SSAT, USAT, SSAT16, USAT16 }

    private final Kind kind;
    private final int rd, rn, rm, satImm, shiftType, shiftAmount;

    public Saturate(int word, Kind kind) {
        super(word);
        this.kind = kind;
        this.rd = (word >>> 12) & 0xF;
        this.rm = word & 0xF;
        this.rn = kind.ordinal() <= Kind.QDSUB.ordinal() ? (word >>> 16) & 0xF : word & 0xF;
        this.satImm = (word >>> 16) & 0x1F;
        this.shiftType = (word & (1 << 6)) != 0 ? Shifter.ASR : Shifter.LSL;
        this.shiftAmount = (word >>> 7) & 0x1F;
    }

    @Override
    public void execute(Cpu cpu) {
        int[] r = cpu.r;
        switch (kind) {
            case QADD -> r[rd] = signedSat(cpu, (long) r[rm] + r[rn], 32);
            case QSUB -> r[rd] = signedSat(cpu, (long) r[rm] - r[rn], 32);
            case QDADD -> r[rd] = signedSat(cpu, (long) r[rm] + signedSat(cpu, 2L * r[rn], 32), 32);
            case QDSUB -> r[rd] = signedSat(cpu, (long) r[rm] - signedSat(cpu, 2L * r[rn], 32), 32);
            case SSAT, USAT -> {
                // ASR #0 encodes ASR #32 (DecodeImmShift).
                int amount = shiftType == Shifter.ASR && shiftAmount == 0 ? 31 : shiftAmount;
                int operand = shiftType == Shifter.ASR ? r[rn] >> amount : r[rn] << amount;
                r[rd] = kind == Kind.SSAT ? signedSat(cpu, operand, satImm + 1) : unsignedSat(cpu, operand, satImm);
            }
            case SSAT16, USAT16 -> {
                int bits = satImm & 0xF;
                int low = (short) r[rn], high = r[rn] >> 16;
                int lo = kind == Kind.SSAT16 ? signedSat(cpu, low, bits + 1) : unsignedSat(cpu, low, bits);
                int hi = kind == Kind.SSAT16 ? signedSat(cpu, high, bits + 1) : unsignedSat(cpu, high, bits);
                r[rd] = (lo & 0xFFFF) | hi << 16;
            }
        }
    }

    /** SignedSatQ(value, bits): clamp to a signed {@code bits}-bit range, setting Q if clamped. */
    static int signedSat(Cpu cpu, long value, int bits) {
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        if (value > max) {
            cpu.setCpsrBits(Psr.Q, Psr.Q);
            return (int) max;
        }
        if (value < min) {
            cpu.setCpsrBits(Psr.Q, Psr.Q);
            return (int) min;
        }
        return (int) value;
    }

    /** UnsignedSatQ(value, bits). */
    static int unsignedSat(Cpu cpu, long value, int bits) {
        long max = (1L << bits) - 1;
        if (value > max) {
            cpu.setCpsrBits(Psr.Q, Psr.Q);
            return (int) max;
        }
        if (value < 0) {
            cpu.setCpsrBits(Psr.Q, Psr.Q);
            return 0;
        }
        return (int) value;
    }
}
