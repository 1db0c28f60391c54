package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * The one-register bit manipulations: CLZ (A8.8.33), REV, REV16, REVSH, RBIT (A8.8.144-A8.8.146,
 * A8.8.143), the bit-field instructions BFC, BFI, SBFX, UBFX (A8.8.20, A8.8.21, A8.8.164,
 * A8.8.245), USAD8/USADA8 (A8.8.253, A8.8.254), SEL (A8.8.159), SDIV and UDIV (A8.8.165,
 * A8.8.248).
 */
public final class BitOperation extends Insn {

    public enum Kind { CLZ, REV, REV16, REVSH, RBIT, BFC, BFI, SBFX, UBFX, USAD8, USADA8, SEL, SDIV, UDIV }

    private final Kind kind;
    private final int rd, rn, rm, ra, lsb, msbOrWidth;

    public BitOperation(int word, Kind kind) {
        super(word);
        this.kind = kind;
        this.lsb = (word >>> 7) & 0x1F;
        this.msbOrWidth = (word >>> 16) & 0x1F;   // msb for BFC/BFI, widthminus1 for SBFX/UBFX
        switch (kind) {
            // These put Rd in bits 19:16 (the multiply-like encodings).
            case USAD8, USADA8, SDIV, UDIV -> {
                this.rd = (word >>> 16) & 0xF;
                this.ra = (word >>> 12) & 0xF;
                this.rm = (word >>> 8) & 0xF;
                this.rn = word & 0xF;
            }
            default -> {
                this.rd = (word >>> 12) & 0xF;
                this.rn = kind == Kind.SEL ? (word >>> 16) & 0xF : word & 0xF;
                this.rm = word & 0xF;
                this.ra = 0;
            }
        }
    }

    @Override
    public void execute(Cpu cpu) {
        int[] r = cpu.r;
        switch (kind) {
            case CLZ -> r[rd] = Integer.numberOfLeadingZeros(r[rm]);
            case REV -> r[rd] = Integer.reverseBytes(r[rm]);
            case REV16 -> {
                int v = r[rm];
                r[rd] = ((v & 0x00FF_00FF) << 8) | ((v >>> 8) & 0x00FF_00FF);
            }
            case REVSH -> r[rd] = (short) Integer.reverseBytes(r[rm] << 16);
            case RBIT -> r[rd] = Integer.reverse(r[rm]);
            case BFC, BFI -> {
                int msb = msbOrWidth;
                if (msb < lsb) {
                    return;   // UNPREDICTABLE: leave Rd alone
                }
                int width = msb - lsb + 1;
                int mask = (width == 32 ? -1 : (1 << width) - 1) << lsb;
                int insert = kind == Kind.BFC ? 0 : r[rn] << lsb;
                r[rd] = (r[rd] & ~mask) | (insert & mask);
            }
            case SBFX, UBFX -> {
                int width = msbOrWidth + 1;
                if (lsb + width > 32) {
                    return;   // UNPREDICTABLE: leave Rd alone
                }
                int shifted = r[rn] << (32 - lsb - width);
                r[rd] = kind == Kind.SBFX ? shifted >> (32 - width) : shifted >>> (32 - width);
            }
            case USAD8, USADA8 -> {
                int a = r[rn], b = r[rm];
                int sum = 0;
                for (int i = 0; i < 32; i += 8) {
                    sum += Math.abs(((a >>> i) & 0xFF) - ((b >>> i) & 0xFF));
                }
                r[rd] = kind == Kind.USADA8 ? sum + r[ra] : sum;
            }
            case SEL -> {
                int ge = (cpu.cpsr() >>> 16) & 0xF;
                int a = r[rn], b = r[rm], result = 0;
                for (int i = 0; i < 4; i++) {
                    int lane = 0xFF << (8 * i);
                    result |= ((ge >>> i) & 1) != 0 ? a & lane : b & lane;
                }
                r[rd] = result;
            }
            // Division by zero returns zero (SCTLR.DZ does not exist in ARMv7-A); INT_MIN / -1 wraps.
            case SDIV -> {
                int divisor = r[rm];
                r[rd] = divisor == 0 ? 0 : (divisor == -1 ? -r[rn] : r[rn] / divisor);
            }
            case UDIV -> {
                int divisor = r[rm];
                r[rd] = divisor == 0 ? 0 : Integer.divideUnsigned(r[rn], divisor);
            }
        }
    }
}
