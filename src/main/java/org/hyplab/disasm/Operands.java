package org.hyplab.disasm;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How operands are printed: registers, conditions, shifted registers, addressing modes, register
 * lists, branch targets. Each named operand of a template ({@code {op2}}, {@code {addr}}, ...) is
 * one method here; {@link #named} maps the names.
 */
final class Operands {

    private Operands() {
    }

    private static final String[] REGS = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc"};

    /** ARM ARM A8.3, Table A8-1; AL and the unconditional 1111 print nothing. */
    private static final String[] CONDITIONS = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
        "hi", "ls", "ge", "lt", "gt", "le", "", ""};

    /** Marks where objdump starts a comment in mid-operand; Rule#print cuts the text there. */
    static final char COMMENT = '\u0000';

    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    static String reg(int n) {
        return REGS[n & 15];
    }

    static String condition(int word) {
        return CONDITIONS[word >>> 28];
    }

    static boolean bit(int word, int n) {
        return ((word >>> n) & 1) != 0;
    }

    /** The P (pre-index), U (add), W (write-back) bits of load/store encodings. */
    private static boolean pre(int w) {
        return bit(w, 24);
    }

    private static boolean up(int w) {
        return bit(w, 23);
    }

    private static boolean wback(int w) {
        return bit(w, 21);
    }

    static Rule.Part named(String name) {
        return switch (name) {
            case "undefined" -> (out, w, a) -> append(out, A32Disassembler.undefined(w));
            case "op2" -> (out, w, a) -> op2(out, w);
            case "shift" -> (out, w, a) -> shiftedRegister(out, w, false);
            case "addr" -> (out, w, a) -> address(out, w);
            case "addrP" -> (out, w, a) -> address(out, w | (1 << 24));
            case "addr3" -> (out, w, a) -> extraAddress(out, w);
            case "regs" -> (out, w, a) -> registerList(out, w);
            case "target" -> (out, w, a) -> target(out, a + 8 + ((w << 8) >> 6));
            case "blxtarget" -> (out, w, a) -> target(out, a + 8 + ((w << 8) >> 6) + (bit(w, 24) ? 2 : 0));
            case "psr" -> (out, w, a) -> psrFields(out, w);
            case "banked" -> (out, w, a) -> banked(out, w);
            case "barrier" -> (out, w, a) -> barrier(out, w);
            case "imm16" -> (out, w, a) -> append(out, "#" + (((w >>> 4) & 0xf000) | (w & 0xfff)));
            case "imm16e" -> (out, w, a) -> append(out, Integer.toString((w & 0xf) | ((w >>> 4) & 0xfff0)));
            case "bitfield" -> (out, w, a) -> bitfield(out, w);
            case "t" -> (out, w, a) -> append(out, (w & 0x01200000) == 0x00200000 ? "t" : "");
            // coprocessor and VFP (ARM ARM A7.5, A7.6)
            case "cpaddr" -> (out, w, a) -> coprocessorAddress(out, w);
            // VLDR/VSTR (System Register) of ARMv8.1-M: the same forms with a 7-bit offset.
            case "cpaddr7" -> (out, w, a) -> coprocessorAddress(out, w & ~0x80);
            case "dlist" -> (out, w, a) -> doubleList(out, w);
            case "slist" -> (out, w, a) -> vfpList(out, w, true);
            case "xlist" -> (out, w, a) -> vfpList(out, w, false);
            case "Sd" -> (out, w, a) -> append(out, "s" + ((((w >>> 12) & 15) << 1) | ((w >>> 22) & 1)));
            case "Sn" -> (out, w, a) -> append(out, "s" + ((((w >>> 16) & 15) << 1) | ((w >>> 7) & 1)));
            case "Sm" -> (out, w, a) -> append(out, "s" + (((w & 15) << 1) | ((w >>> 5) & 1)));
            case "Smpair" -> (out, w, a) -> {
                int m = ((w & 15) << 1) | ((w >>> 5) & 1);
                return append(out, "s" + m + ", s" + (m + 1));
            };
            case "Dd" -> (out, w, a) -> append(out, "d" + dd(w));
            case "Dn" -> (out, w, a) -> append(out, "d" + dn(w));
            case "Dm" -> (out, w, a) -> append(out, "d" + dm(w));
            case "fbits" -> (out, w, a) -> {
                int imm = ((w >>> 5) & 1) | ((w & 15) << 1);
                return append(out, Integer.toString((bit(w, 7) ? 32 : 16) - imm));
            };
            // Advanced SIMD (ARM ARM A7.4)
            case "Vd" -> (out, w, a) -> dOrQ(out, w, dd(w));
            case "Vn" -> (out, w, a) -> dOrQ(out, w, dn(w));
            case "Vm" -> (out, w, a) -> dOrQ(out, w, dm(w));
            case "Qd" -> (out, w, a) -> q(out, dd(w));
            case "Qn" -> (out, w, a) -> q(out, dn(w));
            case "Qm" -> (out, w, a) -> q(out, dm(w));
            case "vimm" -> (out, w, a) -> AdvancedSimd.modifiedImmediate(out, w);
            case "scalar" -> (out, w, a) -> AdvancedSimd.scalar(out, w);
            case "tbl" -> (out, w, a) -> AdvancedSimd.tableList(out, w);
            case "ldst" -> (out, w, a) -> AdvancedSimd.multipleStructures(out, w);
            case "ldstlane" -> (out, w, a) -> AdvancedSimd.singleLane(out, w);
            case "ldstall" -> (out, w, a) -> AdvancedSimd.allLanes(out, w);
            default -> LegacyCoprocessors.named(name);
        };
    }

    static boolean append(StringBuilder out, String s) {
        out.append(s);
        return true;
    }

    static int dd(int w) {
        return ((w >>> 12) & 15) | (((w >>> 22) & 1) << 4);
    }

    static int dn(int w) {
        return ((w >>> 16) & 15) | (((w >>> 7) & 1) << 4);
    }

    static int dm(int w) {
        return (w & 15) | (((w >>> 5) & 1) << 4);
    }

    /** A D register, or a Q register when bit 6 (Q) is set. */
    private static boolean dOrQ(StringBuilder out, int w, int d) {
        return bit(w, 6) ? q(out, d) : append(out, "d" + d);
    }

    /** A Q register from a D-register number; an odd number cannot name one. */
    static boolean q(StringBuilder out, int d) {
        if ((d & 1) != 0) {
            out.append("<illegal reg q").append(d >> 1).append(".5>");
        } else {
            out.append('q').append(d >> 1);
        }
        return true;
    }

    // ---- data-processing operands (ARM ARM A5.2.1, A8.4) ---------------------------------------

    /** The flexible second operand: a modified immediate (A5.2.4) or a shifted register. */
    private static boolean op2(StringBuilder out, int w) {
        if (!bit(w, 25)) {
            return shiftedRegister(out, w, true);
        }
        int rotation = (w >>> 7) & 0x1e;
        int imm8 = w & 0xff;
        int value = Integer.rotateRight(imm8, rotation);
        // Print the value unless a smaller rotation would have encoded it: then the encoding
        // itself is shown, as "#imm8, rotation".
        int smallest = 0;
        while (smallest < 32 && Integer.compareUnsigned(Integer.rotateLeft(value, smallest), 0xff) > 0) {
            smallest += 2;
        }
        if (smallest != rotation) {
            out.append('#').append(imm8).append(", ").append(rotation);
        } else {
            out.append('#').append(value);
        }
        return true;
    }

    /** Rm with its shift (immediate or register); {@code named} adds the shift's name. */
    static boolean shiftedRegister(StringBuilder out, int w, boolean named) {
        out.append(reg(w));
        if ((w & 0xff0) == 0) {
            return true;
        }
        int type = (w >>> 5) & 3;
        if (!bit(w, 4)) {
            int amount = (w >>> 7) & 31;
            if (amount == 0) {
                if (type == 3) {
                    out.append(", rrx");
                    return true;
                }
                amount = 32;
            }
            out.append(", ");
            if (named) {
                out.append(SHIFTS[type]).append(' ');
            }
            out.append('#').append(amount);
        } else if (!bit(w, 7)) {
            out.append(", ");
            if (named) {
                out.append(SHIFTS[type]).append(' ');
            }
            out.append(reg(w >>> 8));
        }
        // Bit 7 set with bit 4 set is no shifter operand at all: objdump prints Rm and then a
        // comment, which swallows the rest of the line.
        else {
            out.append(COMMENT);
        }
        return true;
    }

    // ---- load/store addressing (ARM ARM A5.3, A5.2.8) ------------------------------------------

    /** Word and unsigned byte addressing: 12-bit immediate or shifted register offset. */
    private static boolean address(StringBuilder out, int w) {
        int rn = (w >>> 16) & 15;
        boolean register = bit(w, 25);
        String sign = up(w) ? "" : "-";
        out.append('[').append(reg(rn));
        int offset = w & 0xfff;
        if (pre(w)) {
            if (!register) {
                if (wback(w) || !up(w) || offset != 0) {
                    out.append(", #").append(sign).append(offset);
                }
            } else {
                out.append(", ").append(sign);
                shiftedRegister(out, w, true);
            }
            out.append(']');
            if (wback(w)) {
                out.append('!');
            }
        } else if (!register) {
            out.append("], #").append(sign).append(offset);
        } else {
            out.append("], ").append(sign);
            shiftedRegister(out, w, true);
        }
        return true;
    }

    /** Halfword, signed byte and doubleword addressing: split 8-bit immediate or register. */
    private static boolean extraAddress(StringBuilder out, int w) {
        int offset = ((w >>> 4) & 0xf0) | (w & 0xf);
        boolean immediate = bit(w, 22);
        String sign = up(w) ? "" : "-";
        if (immediate && ((w >>> 16) & 15) == 15) {
            // PC-relative (literal) forms: write-back is not shown.
            if (pre(w)) {
                if (offset != 0 || !up(w)) {
                    out.append("[pc, #").append(sign).append(offset).append(']');
                } else {
                    out.append("[pc]");
                }
            } else {
                out.append("[pc], #").append(sign).append(offset);
            }
            return true;
        }
        out.append('[').append(reg(w >>> 16));
        if (pre(w)) {
            if (immediate) {
                if (wback(w) || !up(w) || offset != 0) {
                    out.append(", #").append(sign).append(offset);
                }
            } else {
                out.append(", ").append(sign).append(reg(w));
            }
            out.append(']');
            if (wback(w)) {
                out.append('!');
            }
        } else if (immediate) {
            out.append("], #").append(sign).append(offset);
        } else {
            out.append("], ").append(sign).append(reg(w));
        }
        return true;
    }

    private static boolean registerList(StringBuilder out, int w) {
        out.append('{');
        boolean first = true;
        for (int r = 0; r < 16; r++) {
            if (bit(w, r)) {
                if (!first) {
                    out.append(", ");
                }
                out.append(reg(r));
                first = false;
            }
        }
        out.append('}');
        return true;
    }

    private static boolean target(StringBuilder out, int address) {
        out.append("0x").append(Integer.toHexString(address));
        return true;
    }

    // ---- status registers (ARM ARM B9.3.9 MRS/MSR banked, A8.8.108 MRS, A8.8.111 MSR) ----------

    private static boolean psrFields(StringBuilder out, int w) {
        if ((w & 0x02000200) == 0x200) {
            return banked(out, w);
        }
        out.append(bit(w, 22) ? "SPSR_" : "CPSR_");
        if (bit(w, 19)) {
            out.append('f');
        }
        if (bit(w, 18)) {
            out.append('s');
        }
        if (bit(w, 17)) {
            out.append('x');
        }
        if (bit(w, 16)) {
            out.append('c');
        }
        return true;
    }

    /** The banked register named by R:M1:M (ARM ARM B9.2.3, Table B9-2), or CPSR/SPSR. */
    private static boolean banked(StringBuilder out, int w) {
        int sysm = ((w >>> 16) & 0x4f) | ((w & 0x300) >>> 4);
        String name = bankedName(sysm);
        out.append(name != null ? name : "(UNDEF: " + sysm + ")");
        return true;
    }

    private static String bankedName(int sysm) {
        return switch (sysm) {
            case 15 -> "CPSR";
            case 32 -> "R8_usr";
            case 33 -> "R9_usr";
            case 34 -> "R10_usr";
            case 35 -> "R11_usr";
            case 36 -> "R12_usr";
            case 37 -> "SP_usr";
            case 38 -> "LR_usr";
            case 40 -> "R8_fiq";
            case 41 -> "R9_fiq";
            case 42 -> "R10_fiq";
            case 43 -> "R11_fiq";
            case 44 -> "R12_fiq";
            case 45 -> "SP_fiq";
            case 46 -> "LR_fiq";
            case 48 -> "LR_irq";
            case 49 -> "SP_irq";
            case 50 -> "LR_svc";
            case 51 -> "SP_svc";
            case 52 -> "LR_abt";
            case 53 -> "SP_abt";
            case 54 -> "LR_und";
            case 55 -> "SP_und";
            case 60 -> "LR_mon";
            case 61 -> "SP_mon";
            case 62 -> "ELR_hyp";
            case 63 -> "SP_hyp";
            case 79 -> "SPSR";
            case 110 -> "SPSR_fiq";
            case 112 -> "SPSR_irq";
            case 114 -> "SPSR_svc";
            case 116 -> "SPSR_abt";
            case 118 -> "SPSR_und";
            case 124 -> "SPSR_mon";
            case 126 -> "SPSR_hyp";
            default -> null;
        };
    }

    /** DMB/DSB option names (ARM ARM A8.8.43); ISB knows only SY. */
    private static boolean barrier(StringBuilder out, int w) {
        int option = w & 15;
        String name = null;
        if ((w & 0xf0) == 0x60) {
            name = option == 15 ? "sy" : null;
        } else {
            name = switch (option) {
                case 15 -> "sy";
                case 14 -> "st";
                case 13 -> "ld";
                case 11 -> "ish";
                case 10 -> "ishst";
                case 9 -> "ishld";
                case 7 -> "un";
                case 6 -> "unst";
                case 5 -> "nshld";
                case 3 -> "osh";
                case 2 -> "oshst";
                case 1 -> "oshld";
                default -> null;
            };
        }
        out.append(name != null ? name : "#" + option);
        return true;
    }

    /** BFC/BFI: the encoding holds lsb and msb; the syntax wants lsb and width. */
    private static boolean bitfield(StringBuilder out, int w) {
        int msb = (w >>> 16) & 31;
        int lsb = (w >>> 7) & 31;
        int width = msb - lsb + 1;
        if (width > 0) {
            out.append('#').append(lsb).append(", #").append(width);
        } else {
            out.append("(invalid: ").append(lsb).append(':').append(msb).append(')');
        }
        return true;
    }

    // ---- coprocessor operands (ARM ARM A8.8.56 LDC, A8.8.332 VLDM, A8.8.333 VLDR) -------------

    /** [Rn, #+/-imm8*4]{!}, [Rn], #+/-imm8*4 or [Rn], {option}. */
    static boolean coprocessorAddress(StringBuilder out, int w) {
        int coproc = (w >>> 8) & 15;
        int offset = w & 0xff;
        out.append('[').append(reg(w >>> 16));
        if (pre(w) || wback(w)) {
            offset *= coproc == 9 ? 2 : 4;
            if (!up(w)) {
                offset = -offset;
            }
        }
        if (pre(w)) {
            if (offset != 0) {
                out.append(", #").append(offset).append(']');
                if (wback(w)) {
                    out.append('!');
                }
            } else if (!up(w)) {
                out.append(", #-0]");
            } else {
                out.append(']');
            }
        } else {
            out.append(']');
            if (wback(w)) {
                if (offset != 0) {
                    out.append(", #").append(offset);
                } else if (!up(w)) {
                    out.append(", #-0");
                }
            } else {
                out.append(", {").append(!up(w) && offset == 0 ? "-" : "").append(offset).append('}');
            }
        }
        return true;
    }

    /** VLDM/VSTM/VPUSH/VPOP of D registers: {dN-dM}. */
    private static boolean doubleList(StringBuilder out, int w) {
        int first = dd(w);
        int count = (w >>> 1) & 0x3f;
        out.append("{d").append(first);
        if (count != 1) {
            if (first + count > 32) {
                out.append("-<overflow reg d").append(first + count - 1).append('>');
            } else {
                out.append("-d").append(first + count - 1);
            }
        }
        out.append('}');
        return true;
    }

    /** VLDM/VSTM of S registers, and the FLDMX/FSTMX form of D registers. */
    private static boolean vfpList(StringBuilder out, int w, boolean single) {
        int first = single ? ((((w >>> 12) & 15) << 1) | ((w >>> 22) & 1)) : dd(w);
        int count = w & 0xff;
        if (!single) {
            count >>= 1;
        }
        char prefix = single ? 's' : 'd';
        out.append('{').append(prefix).append(first);
        if (--count != 0) {
            out.append('-').append(prefix).append(first + count);
        }
        out.append('}');
        return true;
    }

    /**
     * A float as C's {@code %.7g} prints it, for the Advanced SIMD immediates: values from 0.125
     * to 31 with at most 7 significant digits, so no exponent form is ever needed.
     */
    static String shortFloat(float f) {
        return new BigDecimal(f).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }
}
