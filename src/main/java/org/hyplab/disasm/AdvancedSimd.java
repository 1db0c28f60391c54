package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Advanced SIMD (NEON v1 with fused multiply-add and half-precision conversion): the
 * unconditional 1111001x data-processing space, the 11110100 element and structure load/store
 * space, and VDUP from a core register.
 * ARM ARM A7.4 (Advanced SIMD data-processing): A7.4.1 three registers of the same length,
 * A7.4.2 three registers of different lengths, A7.4.3 two registers and a scalar, A7.4.4 two
 * registers and a shift amount, A7.4.5 two registers, miscellaneous, A7.4.6 one register and a
 * modified immediate; A7.7 (element and structure load/store).
 * The ARMv8 additions (AES, SHA, VRINT, VMAXNM, half-precision arithmetic, ...) are not in the
 * Cortex-A15; they are in Armv8AdvancedSimd, whose rows this table takes in.
 */
final class AdvancedSimd {

    private AdvancedSimd() {
    }

    /** Element width of a size field: {w:FIELD:base:lo:hi}. */
    private static String width(String field, int base, int lo, int hi) {
        return "{w:" + field + ":" + base + ":" + lo + ":" + hi + "}";
    }

    private static final String VVV = "\t{Vd}, {Vn}, {Vm}";
    private static final String VMN = "\t{Vd}, {Vm}, {Vn}";
    private static final String S2 = width("20-21", 8, 0, 2);
    private static final String S3 = width("20-21", 8, 0, 3);
    private static final String S6 = width("20-21", 8, 1, 2);
    private static final String SA = width("20-21", 8, 2, 2);
    private static final String T2 = width("20-21", 16, 0, 2);
    private static final String M2 = width("18-19", 8, 0, 2);
    private static final String U = "{24:s/u}";

    static final Rule[] RULES = build();

    private static Rule[] build() {
        List<Rule> r = new ArrayList<>();
        // VEXT (A8.8.316).
        r.add(Rule.of(0xf2b00840, 0xffb00850, "vext{c}.8" + VVV + ", #{d:8-11}"));
        r.add(Rule.of(0xf2b00000, 0xffb00810, "vext{c}.8" + VVV + ", #{d:8-11}"));
        // VDUP (ARM core register), A7.8: bits 22 and 5 give the size, bit 21 Q.
        r.add(Rule.of(0x0e800b10, 0x0ff00f70, "vdup{c}.32\t{Dn}, {r:12}"));
        r.add(Rule.of(0x0e800b30, 0x0ff00f70, "vdup{c}.16\t{Dn}, {r:12}"));
        r.add(Rule.of(0x0ea00b10, 0x0ff00f70, "vdup{c}.32\t{Qn}, {r:12}"));
        r.add(Rule.of(0x0ea00b30, 0x0ff00f70, "vdup{c}.16\t{Qn}, {r:12}"));
        r.add(Rule.of(0x0ec00b10, 0x0ff00f70, "vdup{c}.8\t{Dn}, {r:12}"));
        r.add(Rule.of(0x0ee00b10, 0x0ff00f70, "vdup{c}.8\t{Qn}, {r:12}"));
        // VDUP (scalar), VTBL, VTBX (A7.4.5 tail).
        r.add(Rule.of(0xf3b40c00, 0xffb70f90, "vdup{c}.32\t{Vd}, {Dm}[{d:19}]"));
        r.add(Rule.of(0xf3b20c00, 0xffb30f90, "vdup{c}.16\t{Vd}, {Dm}[{d:18-19}]"));
        r.add(Rule.of(0xf3b10c00, 0xffb10f90, "vdup{c}.8\t{Vd}, {Dm}[{d:17-19}]"));
        r.add(Rule.of(0xf3b00800, 0xffb00c50, "vtbl{c}.8\t{Dd}, {tbl}, {Dm}"));
        r.add(Rule.of(0xf3b00840, 0xffb00c50, "vtbx{c}.8\t{Dd}, {tbl}, {Dm}"));
        // Half-precision conversions and fused multiply-add.
        r.add(Rule.of(0xf3b60600, 0xffbf0fd0, "vcvt{c}.f16.f32\t{Dd}, {Qm}"));
        r.add(Rule.of(0xf3b60700, 0xffbf0fd0, "vcvt{c}.f32.f16\t{Qd}, {Dm}"));
        r.add(Rule.of(0xf2000c10, 0xffb00f10, "vfma{c}.f32" + VVV));
        r.add(Rule.of(0xf2200c10, 0xffb00f10, "vfms{c}.f32" + VVV));
        // The later architectures' rows (see Armv8AdvancedSimd), all before the v1 rows below.
        r.addAll(List.of(Armv8AdvancedSimd.RULES));
        // Two registers, miscellaneous (A7.4.5).
        r.add(Rule.of(0xf2880a10, 0xfebf0fd0, "vmovl{c}." + U + "8\t{Qd}, {Dm}"));
        r.add(Rule.of(0xf2900a10, 0xfebf0fd0, "vmovl{c}." + U + "16\t{Qd}, {Dm}"));
        r.add(Rule.of(0xf2a00a10, 0xfebf0fd0, "vmovl{c}." + U + "32\t{Qd}, {Dm}"));
        r.add(Rule.of(0xf3b00500, 0xffbf0f90, "vcnt{c}.8\t{Vd}, {Vm}"));
        r.add(Rule.of(0xf3b00580, 0xffbf0f90, "vmvn{c}\t{Vd}, {Vm}"));
        r.add(Rule.of(0xf3b20000, 0xffbf0f90, "vswp{c}\t{Vd}, {Vm}"));
        String n2 = width("18-19", 16, 0, 2);
        r.add(Rule.of(0xf3b20200, 0xffb30fd0, "vmovn{c}.i" + n2 + "\t{Dd}, {Qm}"));
        r.add(Rule.of(0xf3b20240, 0xffb30fd0, "vqmovun{c}.s" + n2 + "\t{Dd}, {Qm}"));
        r.add(Rule.of(0xf3b20280, 0xffb30fd0, "vqmovn{c}.s" + n2 + "\t{Dd}, {Qm}"));
        r.add(Rule.of(0xf3b202c0, 0xffb30fd0, "vqmovn{c}.u" + n2 + "\t{Dd}, {Qm}"));
        r.add(Rule.of(0xf3b20300, 0xffb30fd0, "vshll{c}.i" + M2 + "\t{Qd}, {Dm}, #" + M2));
        r.add(Rule.of(0xf3bb0400, 0xffbf0e90, "vrecpe{c}.{8:u/f}" + M2 + "\t{Vd}, {Vm}"));
        r.add(Rule.of(0xf3bb0480, 0xffbf0e90, "vrsqrte{c}.{8:u/f}" + M2 + "\t{Vd}, {Vm}"));
        String[][] misc = {
            {"f3b00000", "vrev64", ""}, {"f3b00080", "vrev32", ""}, {"f3b00100", "vrev16", ""},
            {"f3b00400", "vcls", "s"}, {"f3b00480", "vclz", "i"}, {"f3b00700", "vqabs", "s"},
            {"f3b00780", "vqneg", "s"}, {"f3b20080", "vtrn", ""}, {"f3b20100", "vuzp", ""},
            {"f3b20180", "vzip", ""}};
        for (String[] m : misc) {
            r.add(Rule.of(Integer.parseUnsignedInt(m[0], 16), 0xffb30f90, m[1] + "{c}." + m[2] + M2 + "\t{Vd}, {Vm}"));
        }
        String[][] zero = {
            {"f3b10000", "vcgt", "s", ", #0"}, {"f3b10080", "vcge", "s", ", #0"}, {"f3b10100", "vceq", "i", ", #0"},
            {"f3b10180", "vcle", "s", ", #0"}, {"f3b10200", "vclt", "s", ", #0"}, {"f3b10300", "vabs", "s", ""},
            {"f3b10380", "vneg", "s", ""}};
        for (String[] z : zero) {
            r.add(Rule.of(Integer.parseUnsignedInt(z[0], 16), 0xffb30b90,
                    z[1] + "{c}.{10:" + z[2] + "/f}" + M2 + "\t{Vd}, {Vm}" + z[3]));
        }
        r.add(Rule.of(0xf3b00200, 0xffb30f10, "vpaddl{c}.{7:s/u}" + M2 + "\t{Vd}, {Vm}"));
        r.add(Rule.of(0xf3b00600, 0xffb30f10, "vpadal{c}.{7:s/u}" + M2 + "\t{Vd}, {Vm}"));
        String m32 = width("18-19", 8, 2, 2);
        r.add(Rule.of(0xf3bb0600, 0xffbf0e10,
                "vcvt{c}.{7-8:f/f/s/u}" + m32 + ".{7-8:s/u/f/f}" + m32 + "\t{Vd}, {Vm}"));
        // Three registers of the same length (A7.4.1): bitwise operations.
        String[] logic = {"vand", "vbic", "vorr", "vorn", "veor", "vbsl", "vbit", "vbif"};
        for (int i = 0; i < logic.length; i++) {
            r.add(Rule.of(0xf2000110 | (i >> 2) << 24 | (i & 3) << 20, 0xffb00f10, logic[i] + "{c}" + VVV));
        }
        // ... floating point (size bit 20 = 0 selects F32).
        String[][] fp = {
            {"f2000d00", "vadd"}, {"f2000d10", "vmla"}, {"f2000e00", "vceq"}, {"f2000f00", "vmax"},
            {"f2000f10", "vrecps"}, {"f2200d00", "vsub"}, {"f2200d10", "vmls"}, {"f2200f00", "vmin"},
            {"f2200f10", "vrsqrts"}, {"f3000d00", "vpadd"}, {"f3000d10", "vmul"}, {"f3000e00", "vcge"},
            {"f3000e10", "vacge"}, {"f3000f00", "vpmax"}, {"f3200d00", "vabd"}, {"f3200e00", "vcgt"},
            {"f3200e10", "vacgt"}, {"f3200f00", "vpmin"}};
        for (String[] f : fp) {
            r.add(Rule.of(Integer.parseUnsignedInt(f[0], 16), 0xffb00f10, f[1] + "{c}.f32" + VVV));
        }
        // ... integer.
        r.add(Rule.of(0xf2000800, 0xff800f10, "vadd{c}.i" + S3 + VVV));
        r.add(Rule.of(0xf2000810, 0xff800f10, "vtst{c}." + S2 + VVV));
        r.add(Rule.of(0xf2000900, 0xff800f10, "vmla{c}.i" + S2 + VVV));
        r.add(Rule.of(0xf2000b00, 0xff800f10, "vqdmulh{c}.s" + S6 + VVV));
        r.add(Rule.of(0xf2000b10, 0xff800f10, "vpadd{c}.i" + S2 + VVV));
        r.add(Rule.of(0xf3000800, 0xff800f10, "vsub{c}.i" + S3 + VVV));
        r.add(Rule.of(0xf3000810, 0xff800f10, "vceq{c}.i" + S2 + VVV));
        r.add(Rule.of(0xf3000900, 0xff800f10, "vmls{c}.i" + S2 + VVV));
        r.add(Rule.of(0xf3000b00, 0xff800f10, "vqrdmulh{c}.s" + S6 + VVV));
        String[][] integer = {
            {"f2000000", "vhadd", "2", "nm"}, {"f2000010", "vqadd", "3", "nm"}, {"f2000100", "vrhadd", "2", "nm"},
            {"f2000200", "vhsub", "2", "nm"}, {"f2000210", "vqsub", "3", "nm"}, {"f2000300", "vcgt", "2", "nm"},
            {"f2000310", "vcge", "2", "nm"}, {"f2000400", "vshl", "3", "mn"}, {"f2000410", "vqshl", "3", "mn"},
            {"f2000500", "vrshl", "3", "mn"}, {"f2000510", "vqrshl", "3", "mn"}, {"f2000600", "vmax", "2", "nm"},
            {"f2000610", "vmin", "2", "nm"}, {"f2000700", "vabd", "2", "nm"}, {"f2000710", "vaba", "2", "nm"}};
        for (String[] i : integer) {
            r.add(Rule.of(Integer.parseUnsignedInt(i[0], 16), 0xfe800f10,
                    i[1] + "{c}." + U + (i[2].equals("2") ? S2 : S3) + (i[3].equals("nm") ? VVV : VMN)));
        }
        r.add(Rule.of(0xf2000910, 0xfe800f10, "vmul{c}.{24:i/p}" + S2 + VVV));
        r.add(Rule.of(0xf2000a00, 0xfe800f10, "vpmax{c}." + U + S2 + VVV));
        r.add(Rule.of(0xf2000a10, 0xfe800f10, "vpmin{c}." + U + S2 + VVV));
        // One register and a modified immediate (A7.4.6): cmode (bits 11:8) and op (bit 5).
        r.add(Rule.of(0xf2800e10, 0xfeb80fb0, "vmov{c}.i8\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800e30, 0xfeb80fb0, "vmov{c}.i64\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800f10, 0xfeb80fb0, "vmov{c}.f32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800810, 0xfeb80db0, "vmov{c}.i16\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800830, 0xfeb80db0, "vmvn{c}.i16\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800910, 0xfeb80db0, "vorr{c}.i16\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800930, 0xfeb80db0, "vbic{c}.i16\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800c10, 0xfeb80eb0, "vmov{c}.i32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800c30, 0xfeb80eb0, "vmvn{c}.i32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800110, 0xfeb809b0, "vorr{c}.i32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800130, 0xfeb809b0, "vbic{c}.i32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800010, 0xfeb808b0, "vmov{c}.i32\t{Vd}, {vimm}"));
        r.add(Rule.of(0xf2800030, 0xfeb808b0, "vmvn{c}.i32\t{Vd}, {vimm}"));
        shifts(r);
        // VCVT between floating point and fixed point (A8.8.308).
        r.add(Rule.of(0xf2a00e10, 0xfea00e90,
                "vcvt{c}.{24,8:f/f/s/u}32.{24,8:s/u/f/f}32\t{Vd}, {Vm}, #{e:16-20}"));
        // Three registers of different lengths (A7.4.2).
        r.add(Rule.of(0xf2800e00, 0xfea00f50, "vmull{c}.p" + width("20", 8, 0, 0) + "\t{Qd}, {Dn}, {Dm}"));
        r.add(Rule.of(0xf2800400, 0xff800f50, "vaddhn{c}.i" + T2 + "\t{Dd}, {Qn}, {Qm}"));
        r.add(Rule.of(0xf2800600, 0xff800f50, "vsubhn{c}.i" + T2 + "\t{Dd}, {Qn}, {Qm}"));
        r.add(Rule.of(0xf2800900, 0xff800f50, "vqdmlal{c}.s" + S6 + "\t{Qd}, {Dn}, {Dm}"));
        r.add(Rule.of(0xf2800b00, 0xff800f50, "vqdmlsl{c}.s" + S6 + "\t{Qd}, {Dn}, {Dm}"));
        r.add(Rule.of(0xf2800d00, 0xff800f50, "vqdmull{c}.s" + S6 + "\t{Qd}, {Dn}, {Dm}"));
        r.add(Rule.of(0xf3800400, 0xff800f50, "vraddhn{c}.i" + T2 + "\t{Dd}, {Qn}, {Qm}"));
        r.add(Rule.of(0xf3800600, 0xff800f50, "vrsubhn{c}.i" + T2 + "\t{Dd}, {Qn}, {Qm}"));
        String[][] longs = {
            {"f2800000", "vaddl", "{Dn}"}, {"f2800100", "vaddw", "{Qn}"}, {"f2800200", "vsubl", "{Dn}"},
            {"f2800300", "vsubw", "{Qn}"}, {"f2800500", "vabal", "{Dn}"}, {"f2800700", "vabdl", "{Dn}"},
            {"f2800800", "vmlal", "{Dn}"}, {"f2800a00", "vmlsl", "{Dn}"}, {"f2800c00", "vmull", "{Dn}"}};
        for (String[] l : longs) {
            r.add(Rule.of(Integer.parseUnsignedInt(l[0], 16), 0xfe800f50,
                    l[1] + "{c}." + U + S2 + "\t{Qd}, " + l[2] + ", {Dm}"));
        }
        // Two registers and a scalar (A7.4.3); bit 24 (Q) selects the quadword forms.
        for (int q = 0; q <= 1; q++) {
            String regs = q == 0 ? "\t{Dd}, {Dn}, {scalar}" : "\t{Qd}, {Qn}, {scalar}";
            int top = q == 0 ? 0xf2800000 : 0xf3800000;
            r.add(Rule.of(top | 0x040, 0xff800f50, "vmla{c}.i" + S6 + regs));
            r.add(Rule.of(top | 0x140, 0xff900f50, "vmla{c}.f" + SA + regs));
            if (q == 0) {
                r.add(Rule.of(0xf2800340, 0xff800f50, "vqdmlal{c}.s" + S6 + "\t{Qd}, {Dn}, {scalar}"));
            }
            r.add(Rule.of(top | 0x440, 0xff800f50, "vmls{c}.i" + S6 + regs));
            r.add(Rule.of(top | 0x540, 0xff900f50, "vmls{c}.f" + S6 + regs));
            if (q == 0) {
                r.add(Rule.of(0xf2800740, 0xff800f50, "vqdmlsl{c}.s" + S6 + "\t{Qd}, {Dn}, {scalar}"));
            }
            r.add(Rule.of(top | 0x840, 0xff800f50, "vmul{c}.i" + S6 + regs));
            r.add(Rule.of(top | 0x940, 0xff900f50, "vmul{c}.f" + SA + regs));
            if (q == 0) {
                r.add(Rule.of(0xf2800b40, 0xff800f50, "vqdmull{c}.s" + S6 + "\t{Qd}, {Dn}, {scalar}"));
            }
            r.add(Rule.of(top | 0xc40, 0xff800f50, "vqdmulh{c}.s" + S6 + regs));
            r.add(Rule.of(top | 0xd40, 0xff800f50, "vqrdmulh{c}.s" + S6 + regs));
        }
        r.add(Rule.of(0xf2800240, 0xfe800f50, "vmlal{c}." + U + S6 + "\t{Qd}, {Dn}, {scalar}"));
        r.add(Rule.of(0xf2800640, 0xfe800f50, "vmlsl{c}." + U + S6 + "\t{Qd}, {Dn}, {scalar}"));
        r.add(Rule.of(0xf2800a40, 0xfe800f50, "vmull{c}." + U + S6 + "\t{Qd}, {Dn}, {scalar}"));
        // Element and structure load/store (A7.7).
        String l6 = width("6-7", 8, 0, 2);
        r.add(Rule.of(0xf4a00fc0, 0xffb00fc0, "vld4{c}.32\t{ldstall}"));
        for (int n = 1; n <= 4; n++) {
            r.add(Rule.of(0xf4a00c00 | (n - 1) << 8, 0xffb00f00, "vld" + n + "{c}." + l6 + "\t{ldstall}"));
        }
        String ls = "v{21:st/ld}";
        String l63 = width("6-7", 8, 0, 3);
        int[][] multiple = {{2, 1}, {3, 2}, {4, 3}, {5, 3}, {6, 1}, {7, 1}, {8, 2}, {9, 2}, {10, 1}};
        for (int[] m : multiple) {
            r.add(Rule.of(0xf4000000 | m[0] << 8, 0xff900f00,
                    ls + m[1] + "{c}." + (m[1] == 1 ? l63 : l6) + "\t{ldst}"));
        }
        r.add(Rule.of(0xf4000000, 0xff900e00, ls + "4{c}." + l6 + "\t{ldst}"));
        String l10 = width("10-11", 8, 0, 2);
        for (int n = 1; n <= 4; n++) {
            r.add(Rule.of(0xf4800000 | (n - 1) << 8, 0xff900300, ls + n + "{c}." + l10 + "\t{ldstlane}"));
        }
        return r.toArray(new Rule[0]);
    }

    /**
     * Two registers and a shift amount (A7.4.4). imm6 (bits 21:16) with L (bit 7) gives the
     * element size by its leading one; right shifts print 2*size - imm6, left shifts imm6 - size.
     */
    private static void shifts(List<Rule> r) {
        // size: {8, 16, 32, 64}; where the shift field is; the rule's size bits and mask bits.
        int[] sizes = {8, 16, 32, 64};
        String[] fields = {"16-18", "16-19", "16-20", "16-21"};
        int[] sizeBits = {0x00080000, 0x00100000, 0x00200000, 0x00000080};
        int[] sizeMask = {0x00380080, 0x00300080, 0x00200080, 0x00000080};
        for (int s = 0; s < 4; s++) {
            String e = "#{e:" + fields[s] + "}";
            String d = "#{d:" + fields[s] + "}";
            int bits = sizeBits[s];
            int mask = sizeMask[s];
            String size = Integer.toString(sizes[s]);
            if (s < 3) {
                // Narrowing and lengthening shifts exist for the 16, 32 and 64-bit sources.
                String narrow = Integer.toString(sizes[s] * 2);
                String nd = "\t{Dd}, {Qm}, ";
                r.add(Rule.of(0xf2800810 | bits, 0xff800f50 | mask, "vshrn{c}.i" + narrow + nd + e));
                r.add(Rule.of(0xf2800850 | bits, 0xff800f50 | mask, "vrshrn{c}.i" + narrow + nd + e));
                r.add(Rule.of(0xf2800810 | bits, 0xfe800f50 | mask, "vqshrun{c}.s" + narrow + nd + e));
                r.add(Rule.of(0xf2800850 | bits, 0xfe800f50 | mask, "vqrshrun{c}.s" + narrow + nd + e));
                r.add(Rule.of(0xf2800910 | bits, 0xfe800f50 | mask, "vqshrn{c}." + U + narrow + nd + e));
                r.add(Rule.of(0xf2800950 | bits, 0xfe800f50 | mask, "vqrshrn{c}." + U + narrow + nd + e));
                r.add(Rule.of(0xf2800a10 | bits, 0xfe800f50 | mask, "vshll{c}." + U + size + "\t{Qd}, {Dm}, " + d));
            }
            String vv = "\t{Vd}, {Vm}, ";
            r.add(Rule.of(0xf2800510 | bits, 0xff800f10 | mask, "vshl{c}." + U + size + vv + d));
            r.add(Rule.of(0xf3800410 | bits, 0xff800f10 | mask, "vsri{c}." + size + vv + e));
            r.add(Rule.of(0xf3800510 | bits, 0xff800f10 | mask, "vsli{c}." + size + vv + d));
            r.add(Rule.of(0xf3800610 | bits, 0xff800f10 | mask, "vqshlu{c}.s" + size + vv + d));
            r.add(Rule.of(0xf2800010 | bits, 0xfe800f10 | mask, "vshr{c}." + U + size + vv + e));
            r.add(Rule.of(0xf2800110 | bits, 0xfe800f10 | mask, "vsra{c}." + U + size + vv + e));
            r.add(Rule.of(0xf2800210 | bits, 0xfe800f10 | mask, "vrshr{c}." + U + size + vv + e));
            r.add(Rule.of(0xf2800310 | bits, 0xfe800f10 | mask, "vrsra{c}." + U + size + vv + e));
            r.add(Rule.of(0xf2800710 | bits, 0xfe800f10 | mask, "vqshl{c}." + U + size + vv + d));
        }
    }

    // ---- operands ------------------------------------------------------------------------------

    /** Advanced SIMD modified immediate constant (A7.4.6, Table A7-15). */
    static boolean modifiedImmediate(StringBuilder out, int w) {
        int cmode = (w >>> 8) & 15;
        int op = (w >>> 5) & 1;
        int imm8 = ((w >>> 17) & 0x80) | ((w >>> 12) & 0x70) | (w & 15);
        if (cmode < 8) {
            out.append('#').append(imm8 << (8 * ((cmode >> 1) & 3)));
        } else if (cmode < 12) {
            out.append('#').append(imm8 << (8 * ((cmode >> 1) & 1)));
        } else if (cmode < 14) {
            int shift = 8 * ((cmode & 1) + 1);
            out.append('#').append((imm8 << shift) | ((1 << shift) - 1));
        } else if (cmode == 14) {
            if (op == 1) {
                StringBuilder hex = new StringBuilder();
                for (int i = 7; i >= 0; i--) {
                    hex.append(((imm8 >> i) & 1) != 0 ? "ff" : "00");
                }
                out.append("#0x").append(hex);
            } else {
                out.append('#').append(imm8);
            }
        } else if (op == 0) {
            int bits = (imm8 & 0x80) << 24 | (imm8 & 0x3f) << 19 | ((imm8 & 0x40) != 0 ? 0x3e000000 : 0x40000000);
            out.append('#').append(Operands.shortFloat(Float.intBitsToFloat(bits)));
        } else {
            out.append(String.format("<illegal constant %08x:%x:%x>", imm8, cmode, op));
        }
        return true;
    }

    /** Dm[x] of the by-scalar forms (A7.4.3): M:Vm splits into register and index by size. */
    static boolean scalar(StringBuilder out, int w) {
        int raw = (w & 15) | ((w >>> 1) & 0x10);
        int size = (w >>> 20) & 3;
        int reg = raw & ((4 << size) - 1);
        int index = raw >> size >> 2;
        out.append('d').append(reg).append('[').append(index).append(']');
        return true;
    }

    /** The list of VTBL/VTBX: len (bits 9:8) + 1 registers from Dn. */
    static boolean tableList(StringBuilder out, int w) {
        int first = Operands.dn(w);
        int more = (w >>> 8) & 3;
        out.append("{d").append(first);
        if (more != 0) {
            if (first + more >= 32) {
                out.append("-<overflow reg d").append(first + more);
            } else {
                out.append("-d").append(first + more);
            }
        }
        out.append('}');
        return true;
    }

    /** ", Rm" post-increment, "!" write-back, or nothing (Rm = 1111), after "[Rn...]". */
    private static void postIndex(StringBuilder out, int w) {
        int rm = w & 15;
        if (rm == 13) {
            out.append('!');
        } else if (rm != 15) {
            out.append(", ").append(Operands.reg(rm));
        }
    }

    /** Registers per type (bits 11:8) of VLDn/VSTn (multiple structures), A7.7 Table A7-20. */
    private static final int[] MULTIPLE_COUNT = {4, 4, 4, 4, 3, 3, 3, 1, 2, 2, 2, 0, 0, 0, 0, 0};
    private static final int[] MULTIPLE_SPACING = {1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1};

    /** VLDn/VSTn (multiple n-element structures): list, [Rn :align], Rm. */
    static boolean multipleStructures(StringBuilder out, int w) {
        int first = Operands.dd(w);
        int type = (w >>> 8) & 15;
        int count = MULTIPLE_COUNT[type];
        int spacing = MULTIPLE_SPACING[type];
        out.append('{');
        if (spacing > 1) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('d').append(first + i * spacing);
            }
        } else if (count == 1) {
            out.append('d').append(first);
        } else {
            out.append('d').append(first).append("-d").append(first + count - 1);
        }
        out.append("}, [").append(Operands.reg(w >>> 16));
        int align = (w >>> 4) & 3;
        if (align != 0) {
            out.append(" :").append(32 << align);
        }
        out.append(']');
        postIndex(out, w);
        return true;
    }

    /** VLDn/VSTn (single n-element structure to one lane); false when index_align is invalid. */
    static boolean singleLane(StringBuilder out, int w) {
        int first = Operands.dd(w);
        int indexAlign = (w >>> 4) & 15;
        int size = (w >>> 10) & 3;
        int index = indexAlign >> (size + 1);
        int length = ((w >>> 8) & 3) + 1;
        int spacing = length > 1 && size > 0 && (indexAlign & (1 << size)) != 0 ? 2 : 1;
        int align = 0;
        switch (length) {
            case 1 -> {
                int amask = (1 << size) - 1;
                if ((indexAlign & (1 << size)) != 0) {
                    return false;
                }
                if (size > 0) {
                    if ((indexAlign & amask) == amask) {
                        align = 8 << size;
                    } else if ((indexAlign & amask) != 0) {
                        return false;
                    }
                }
            }
            case 2 -> {
                if (size == 2 && (indexAlign & 2) != 0) {
                    return false;
                }
                align = (indexAlign & 1) != 0 ? 16 << size : 0;
            }
            case 3 -> {
                if ((size == 2 && (indexAlign & 3) != 0) || (indexAlign & 1) != 0) {
                    return false;
                }
            }
            default -> {
                if (size == 2) {
                    if ((indexAlign & 3) == 3) {
                        return false;
                    }
                    align = (indexAlign & 3) * 64;
                } else {
                    align = (indexAlign & 1) != 0 ? 32 << size : 0;
                }
            }
        }
        out.append('{');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('d').append(first + i * spacing).append('[').append(index).append(']');
        }
        out.append("}, [").append(Operands.reg(w >>> 16));
        if (align != 0) {
            out.append(" :").append(align);
        }
        out.append(']');
        postIndex(out, w);
        return true;
    }

    /** VLDn (single n-element structure to all lanes): {dN[]...}, [Rn :align], Rm. */
    static boolean allLanes(StringBuilder out, int w) {
        int first = Operands.dd(w);
        int a = (w >>> 4) & 1;
        int size = (w >>> 6) & 3;
        int type = (w >>> 8) & 3;
        int count = type + 1;
        int spacing = (w >>> 5) & 1;
        if (spacing != 0 && count == 1) {
            count++;
        } else {
            spacing++;
        }
        out.append('{');
        if (spacing > 1) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('d').append(first + i * spacing).append("[]");
            }
        } else if (count == 1) {
            out.append('d').append(first).append("[]");
        } else {
            out.append('d').append(first).append("[]-d").append(first + count - 1).append("[]");
        }
        out.append("}, [").append(Operands.reg(w >>> 16));
        if (a != 0) {
            int align = (8 * (type + 1)) << size;
            if (type == 3) {
                align = size > 1 ? align >> 1 : align;
            }
            if (type == 2 || (type == 0 && size == 0)) {
                out.append(" :<bad align ").append(align).append('>');
            } else {
                out.append(" :").append(align);
            }
        }
        out.append(']');
        postIndex(out, w);
        return true;
    }
}
