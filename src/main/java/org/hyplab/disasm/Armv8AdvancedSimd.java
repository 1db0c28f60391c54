package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Advanced SIMD instructions of later architectures, which objdump decodes even for ARMv7
 * (binutils does not check the features of its Advanced SIMD rows): ARMv8 rounding, conversions
 * and min/max-number, the ARMv8 Cryptographic Extension, ARMv8.1 rounding doubling
 * multiply-accumulate, ARMv8.2 half-precision arithmetic and dot product, ARMv8.6 BFloat16 and
 * Int8 matrix multiplication. The Cortex-A15 takes the Undefined Instruction exception on all of
 * them; they print as objdump prints them, with a note ({@link Rule#later}).
 * ARMv8 ARM (ARM DDI 0487), AArch32 Advanced SIMD instruction descriptions; the encodings sit in
 * the spaces of ARM ARM A7.4 (1111001x) and, for dot product, BFloat16 and matrix multiply, in
 * the unconditional coprocessor space (A5.7).
 *
 * <p>None of these encodings is claimed by an Advanced SIMD v1 row that objdump tries first, so
 * AdvancedSimd puts them all after its half-precision conversions (which do come first: they
 * take encodings VRINT.F16 would also match).
 */
final class Armv8AdvancedSimd {

    private Armv8AdvancedSimd() {
    }

    private static final String V8 = "ARMv8";
    private static final String CRYPTO = "ARMv8 Crypto";
    private static final String V81 = "ARMv8.1";
    private static final String V82 = "ARMv8.2";
    private static final String V86 = "ARMv8.6";

    private static final String VVV = "\t{Vd}, {Vn}, {Vm}";
    private static final String QQQ = "\t{Qd}, {Qn}, {Qm}";
    /** Dm[x] of the dot products: the index is M (bit 5), the register Vm alone. */
    private static final String INDEXED = "\t{Vd}, {Vn}, d{d:0-3}[{d:5}]";
    private static final String S6 = "{w:20-21:8:1:2}";

    static final Rule[] RULES = build();

    private static Rule[] build() {
        List<Rule> r = new ArrayList<>();
        // Half-precision fused multiply-add.
        r.add(Rule.later(V82, 0xf2100c10, 0xffb00f10, "vfma{c}.f16" + VVV));
        r.add(Rule.later(V82, 0xf2300c10, 0xffb00f10, "vfms{c}.f16" + VVV));
        // Dot product (coprocessor 13 space): bit 4 selects unsigned.
        r.add(Rule.later(V82, 0xfc200d00, 0xffb00f00, "v{4:s/u}dot.{4:s/u}8" + VVV));
        r.add(Rule.later(V82, 0xfe200d00, 0xff200f00, "v{4:s/u}dot.{4:s/u}8" + INDEXED));
        // BFloat16.
        r.add(Rule.later(V86, 0xfc000d00, 0xffb00f10, "vdot.bf16" + VVV));
        r.add(Rule.later(V86, 0xfe000d00, 0xffb00f10, "vdot.bf16" + INDEXED));
        r.add(Rule.later(V86, 0xfc000c40, 0xffb00f50, "vmmla.bf16" + VVV));
        r.add(Rule.later(V86, 0xf3b60640, 0xffbf0fd0, "vcvt{c}.bf16.f32\t{Dd}, {Qm}"));
        r.add(Rule.later(V86, 0xfc300810, 0xffb00f10, "vfma{6:b/t}.bf16" + QQQ));
        r.add(Rule.later(V86, 0xfe300810, 0xffb00f10, "vfma{6:b/t}.bf16\t{Qd}, {Qn}, d{d:0-2}[{d:3,5}]"));
        // Int8 matrix multiply and mixed-sign dot product.
        r.add(Rule.later(V86, 0xfc200c40, 0xffb00f50, "vsmmla.s8" + VVV));
        r.add(Rule.later(V86, 0xfc200c50, 0xffb00f50, "vummla.u8" + VVV));
        r.add(Rule.later(V86, 0xfca00c40, 0xffb00f50, "vusmmla.s8" + VVV));
        r.add(Rule.later(V86, 0xfca00d00, 0xffb00f10, "vusdot.s8" + VVV));
        r.add(Rule.later(V86, 0xfe800d00, 0xffb00f10, "vusdot.s8" + INDEXED));
        r.add(Rule.later(V86, 0xfe800d10, 0xffb00f10, "vsudot.u8" + INDEXED));
        twoRegisters(r);
        threeRegisters(r);
        // Conversion between half precision and fixed point (two registers and a shift amount).
        r.add(Rule.later(V82, 0xf2a00c10, 0xfea00e90,
                "vcvt{c}.{24,8:f/f/s/u}16.{24,8:s/u/f/f}16\t{Vd}, {Vm}, #{e:16-20}"));
        // 64-bit polynomial multiply (three registers of different lengths).
        r.add(Rule.later(CRYPTO, 0xf2a00e00, 0xfeb00f50, "vmull{c}.p64\t{Qd}, {Dn}, {Dm}"));
        byScalar(r);
        return r.toArray(new Rule[0]);
    }

    /** Two registers, miscellaneous (the space of ARM ARM A7.4.5). */
    private static void twoRegisters(List<Rule> r) {
        // Round to integral: bits 9:7 give the mode; 100 and 110 are unallocated ("?").
        String mode = "{7-9:n/x/a/z/?/m/?/p}";
        r.add(Rule.later(V8, 0xf3ba0400, 0xffbf0c10, "vrint" + mode + ".f32\t{Vd}, {Vm}"));
        r.add(Rule.later(V82, 0xf3b60400, 0xffbf0c10, "vrint" + mode + ".f16\t{Vd}, {Vm}"));
        // Conversion to integer with the rounding mode in bits 9:8.
        r.add(Rule.later(V8, 0xf3bb0000, 0xffbf0c10, "vcvt{8-9:a/n/p/m}.{7:s/u}32.f32\t{Vd}, {Vm}"));
        r.add(Rule.later(V82, 0xf3b70000, 0xffbf0c10, "vcvt{8-9:a/n/p/m}.{7:s/u}16.f16\t{Vd}, {Vm}"));
        String[][] crypto = {
            {"f3b00300", "aese.8"}, {"f3b00340", "aesd.8"}, {"f3b00380", "aesmc.8"},
            {"f3b003c0", "aesimc.8"}, {"f3b902c0", "sha1h.32"}, {"f3ba0380", "sha1su1.32"},
            {"f3ba03c0", "sha256su0.32"}};
        for (String[] c : crypto) {
            r.add(Rule.later(CRYPTO, Integer.parseUnsignedInt(c[0], 16), 0xffbf0fd0, c[1] + "\t{Qd}, {Qm}"));
        }
        r.add(Rule.later(V82, 0xf3b70400, 0xffbf0e90, "vrecpe{c}.{8:u/f}16\t{Vd}, {Vm}"));
        r.add(Rule.later(V82, 0xf3b70480, 0xffbf0e90, "vrsqrte{c}.{8:u/f}16\t{Vd}, {Vm}"));
        r.add(Rule.later(V82, 0xf3b70600, 0xffbf0e10, "vcvt{c}.{7-8:f/f/s/u}16.{7-8:s/u/f/f}16\t{Vd}, {Vm}"));
    }

    /** Three registers of the same length (the space of ARM ARM A7.4.1). */
    private static void threeRegisters(List<Rule> r) {
        String[][] sha = {
            {"f2000c40", "sha1c"}, {"f2100c40", "sha1p"}, {"f2200c40", "sha1m"}, {"f2300c40", "sha1su0"},
            {"f3000c40", "sha256h"}, {"f3100c40", "sha256h2"}, {"f3200c40", "sha256su1"}};
        for (String[] s : sha) {
            r.add(Rule.later(CRYPTO, Integer.parseUnsignedInt(s[0], 16), 0xffb00f50, s[1] + ".32" + QQQ));
        }
        r.add(Rule.later(V8, 0xf3000f10, 0xffb00f10, "vmaxnm.f32" + VVV));
        r.add(Rule.later(V82, 0xf3100f10, 0xffb00f10, "vmaxnm.f16" + VVV));
        r.add(Rule.later(V8, 0xf3200f10, 0xffb00f10, "vminnm.f32" + VVV));
        r.add(Rule.later(V82, 0xf3300f10, 0xffb00f10, "vminnm.f16" + VVV));
        // Half-precision arithmetic: the single-precision rows of Advanced SIMD v1 with bit 20 set.
        String[][] fp = {
            {"f2000d00", "vadd"}, {"f2000d10", "vmla"}, {"f2000e00", "vceq"}, {"f2000f00", "vmax"},
            {"f2000f10", "vrecps"}, {"f2200d00", "vsub"}, {"f2200d10", "vmls"}, {"f2200f00", "vmin"},
            {"f2200f10", "vrsqrts"}, {"f3000d00", "vpadd"}, {"f3000d10", "vmul"}, {"f3000e00", "vcge"},
            {"f3000e10", "vacge"}, {"f3000f00", "vpmax"}, {"f3200d00", "vabd"}, {"f3200e00", "vcgt"},
            {"f3200e10", "vacgt"}, {"f3200f00", "vpmin"}};
        for (String[] f : fp) {
            int value = Integer.parseUnsignedInt(f[0], 16) | 0x00100000;
            r.add(Rule.later(V82, value, 0xffb00f10, f[1] + "{c}.f16" + VVV));
        }
        r.add(Rule.later(V81, 0xf3000b10, 0xff800f10, "vqrdmlah{c}.s" + S6 + VVV));
        r.add(Rule.later(V81, 0xf3000c10, 0xff800f10, "vqrdmlsh{c}.s" + S6 + VVV));
    }

    /** Two registers and a scalar (the space of ARM ARM A7.4.3); bit 24 (Q) selects quadwords. */
    private static void byScalar(List<Rule> r) {
        for (int q = 0; q <= 1; q++) {
            String regs = q == 0 ? "\t{Dd}, {Dn}, {scalar}" : "\t{Qd}, {Qn}, {scalar}";
            int top = q == 0 ? 0xf2800000 : 0xf3800000;
            r.add(Rule.later(V82, top | 0x100140, 0xffb00f50, "vmla{c}.f16" + regs));
            r.add(Rule.later(V82, top | 0x100540, 0xffb00f50, "vmls{c}.f16" + regs));
            r.add(Rule.later(V82, top | 0x100940, 0xffb00f50, "vmul{c}.f16" + regs));
            r.add(Rule.later(V81, top | 0xe40, 0xff800f50, "vqrdmlah{c}.s" + S6 + regs));
            r.add(Rule.later(V81, top | 0xf40, 0xff800f50, "vqrdmlsh{c}.s" + S6 + regs));
        }
    }
}
