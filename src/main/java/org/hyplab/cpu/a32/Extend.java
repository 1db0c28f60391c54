package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * The extend instructions with an optional rotation and addition (ARM ARM A5.4.3): SXTB, SXTH,
 * SXTB16, UXTB, UXTH, UXTB16 and their accumulating forms SXTAB... (Rn != 1111), and
 * PKHBT/PKHTB (A8.8.125).
 */
public final class Extend extends Insn {

    public enum Kind { SXTB16, SXTB, SXTH, UXTB16, UXTB, UXTH, PKHBT, PKHTB }

    private final Kind kind;
    private final int rd, rn, rm, rotation, imm5;
    private final boolean accumulate;

    public Extend(int word, Kind kind) {
        super(word);
        this.kind = kind;
        this.rn = (word >>> 16) & 0xF;
        this.rd = (word >>> 12) & 0xF;
        this.rm = word & 0xF;
        this.rotation = ((word >>> 10) & 3) * 8;
        this.imm5 = (word >>> 7) & 0x1F;
        this.accumulate = rn != 15;
    }

    @Override
    public void execute(Cpu cpu) {
        int[] r = cpu.r;
        int m = Integer.rotateRight(r[rm], rotation);
        int add = accumulate ? r[rn] : 0;
        r[rd] = switch (kind) {
            case SXTB -> add + (byte) m;
            case SXTH -> add + (short) m;
            case UXTB -> add + (m & 0xFF);
            case UXTH -> add + (m & 0xFFFF);
            case SXTB16 -> lanes16(add, (byte) m, (byte) (m >>> 16));
            case UXTB16 -> lanes16(add, m & 0xFF, (m >>> 16) & 0xFF);
            // PKH: tb = 0 keeps Rn's bottom half and Rm<<imm's top; tb = 1 the other way round.
            case PKHBT -> (r[rn] & 0xFFFF) | ((r[rm] << imm5) & 0xFFFF_0000);
            case PKHTB -> (r[rn] & 0xFFFF_0000) | ((r[rm] >> (imm5 == 0 ? 31 : imm5)) & 0xFFFF);
        };
    }

    /** Two 16-bit lanes, each the sum of its lane of {@code add} and the extended byte. */
    private static int lanes16(int add, int low, int high) {
        return ((add + low) & 0xFFFF) | (((add >>> 16) + high) << 16);
    }
}
