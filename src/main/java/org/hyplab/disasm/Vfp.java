package org.hyplab.disasm;

/**
 * VFPv4 (D32) floating point and the Advanced SIMD transfers that live in coprocessor space
 * (coprocessors 10 and 11): loads, stores, register transfers, data processing, conversions,
 * half-precision conversions and fused multiply-add.
 * ARM ARM A7.5 (VFP data-processing), A7.6 (extension register load/store), A7.8 (8, 16 and
 * 32-bit transfer between ARM core and extension registers), A7.9 (64-bit transfers),
 * A8.8.306 (VCVTB, VCVTT). The ARMv8 additions in this space (VSEL, VMAXNM, VRINT, VCVTA...)
 * are not in the Cortex-A15; they are in Armv8FloatingPoint.
 */
final class Vfp {

    private Vfp() {
    }

    private static final String SSS = "\t{Sd}, {Sn}, {Sm}";
    private static final String DDD = "\t{Dd}, {Dn}, {Dm}";

    static final Rule[] RULES = {
        // Extension register load/store (A7.6).
        Rule.of(0x0d2d0b00, 0x0fbf0f01, "vpush{c}\t{dlist}"),
        Rule.of(0x0d200b00, 0x0fb00f01, "vstmdb{c}\t{r:16}!, {dlist}"),
        Rule.of(0x0d300b00, 0x0fb00f01, "vldmdb{c}\t{r:16}!, {dlist}"),
        Rule.of(0x0c800b00, 0x0f900f01, "vstmia{c}\t{r:16}{21:/!}, {dlist}"),
        Rule.of(0x0cbd0b00, 0x0fbf0f01, "vpop{c}\t{dlist}"),
        Rule.of(0x0c900b00, 0x0f900f01, "vldmia{c}\t{r:16}{21:/!}, {dlist}"),
        Rule.of(0x0d000b00, 0x0f300f00, "vstr{c}\t{Dd}, {cpaddr}"),
        Rule.of(0x0d100b00, 0x0f300f00, "vldr{c}\t{Dd}, {cpaddr}"),
        Rule.of(0x0d2d0a00, 0x0fbf0f00, "vpush{c}\t{slist}"),
        Rule.of(0x0d200a00, 0x0fb00f00, "vstmdb{c}\t{r:16}!, {slist}"),
        Rule.of(0x0d300a00, 0x0fb00f00, "vldmdb{c}\t{r:16}!, {slist}"),
        Rule.of(0x0c800a00, 0x0f900f00, "vstmia{c}\t{r:16}{21:/!}, {slist}"),
        Rule.of(0x0cbd0a00, 0x0fbf0f00, "vpop{c}\t{slist}"),
        Rule.of(0x0c900a00, 0x0f900f00, "vldmia{c}\t{r:16}{21:/!}, {slist}"),
        Rule.of(0x0d000a00, 0x0f300f00, "vstr{c}\t{Sd}, {cpaddr}"),
        Rule.of(0x0d100a00, 0x0f300f00, "vldr{c}\t{Sd}, {cpaddr}"),
        // The FLDMX/FSTMX forms (odd imm8), deprecated.
        Rule.of(0x0d200b01, 0x0fb00f01, "fstmdbx{c}\t{r:16}!, {xlist}"),
        Rule.of(0x0d300b01, 0x0fb00f01, "fldmdbx{c}\t{r:16}!, {xlist}"),
        Rule.of(0x0c800b01, 0x0f900f01, "fstmiax{c}\t{r:16}{21:/!}, {xlist}"),
        Rule.of(0x0c900b01, 0x0f900f01, "fldmiax{c}\t{r:16}{21:/!}, {xlist}"),
        // Transfers between core and extension registers (A7.8, A7.9).
        Rule.of(0x0c400b10, 0x0ff00fd0, "vmov{c}\t{Dm}, {r:12}, {r:16}"),
        Rule.of(0x0c500b10, 0x0ff00fd0, "vmov{c}\t{r:12}, {r:16}, {Dm}"),
        Rule.of(0x0e000b10, 0x0fd00f70, "vmov{c}.32\t{Dn}[{d:21}], {r:12}"),
        Rule.of(0x0e100b10, 0x0f500f70, "vmov{c}.32\t{r:12}, {Dn}[{d:21}]"),
        Rule.of(0x0e000b30, 0x0fd00f30, "vmov{c}.16\t{Dn}[{d:6,21}], {r:12}"),
        Rule.of(0x0e100b30, 0x0f500f30, "vmov{c}.{23:s/u}16\t{r:12}, {Dn}[{d:6,21}]"),
        Rule.of(0x0e400b10, 0x0fd00f10, "vmov{c}.8\t{Dn}[{d:5,6,21}], {r:12}"),
        Rule.of(0x0e500b10, 0x0f500f10, "vmov{c}.{23:s/u}8\t{r:12}, {Dn}[{d:5,6,21}]"),
        // Half-precision conversions (VFPv3 half-precision extension, A8.8.306).
        Rule.of(0x0eb20a40, 0x0fbf0f50, "vcvt{7:b/t}{c}.f32.f16\t{Sd}, {Sm}"),
        Rule.of(0x0eb30a40, 0x0fbf0f50, "vcvt{7:b/t}{c}.f16.f32\t{Sd}, {Sm}"),
        // System registers (A7.8: VMSR, VMRS; B6.1.2 the VFP system registers).
        Rule.of(0x0ee00a10, 0x0fff0fff, "vmsr{c}\tfpsid, {r:12}"),
        Rule.of(0x0ee10a10, 0x0fff0fff, "vmsr{c}\tfpscr, {r:12}"),
        Rule.of(0x0ee60a10, 0x0fff0fff, "vmsr{c}\tmvfr1, {r:12}"),
        Rule.of(0x0ee70a10, 0x0fff0fff, "vmsr{c}\tmvfr0, {r:12}"),
        Rule.of(0x0ee80a10, 0x0fff0fff, "vmsr{c}\tfpexc, {r:12}"),
        Rule.of(0x0ee90a10, 0x0fff0fff, "vmsr{c}\tfpinst, {r:12}"),
        Rule.of(0x0eea0a10, 0x0fff0fff, "vmsr{c}\tfpinst2, {r:12}"),
        Rule.of(0x0ef00a10, 0x0fff0fff, "vmrs{c}\t{r:12}, fpsid"),
        Rule.of(0x0ef1fa10, 0x0fffffff, "vmrs{c}\tAPSR_nzcv, fpscr"),
        Rule.of(0x0ef10a10, 0x0fff0fff, "vmrs{c}\t{r:12}, fpscr"),
        Rule.of(0x0ef60a10, 0x0fff0fff, "vmrs{c}\t{r:12}, mvfr1"),
        Rule.of(0x0ef70a10, 0x0fff0fff, "vmrs{c}\t{r:12}, mvfr0"),
        Rule.of(0x0ef80a10, 0x0fff0fff, "vmrs{c}\t{r:12}, fpexc"),
        Rule.of(0x0ef90a10, 0x0fff0fff, "vmrs{c}\t{r:12}, fpinst"),
        Rule.of(0x0efa0a10, 0x0fff0fff, "vmrs{c}\t{r:12}, fpinst2"),
        Rule.of(0x0e000b10, 0x0fd00fff, "vmov{c}.32\t{Dn}[{d:21}], {r:12}"),
        Rule.of(0x0e100b10, 0x0fd00fff, "vmov{c}.32\t{r:12}, {Dn}[{d:21}]"),
        Rule.of(0x0ee00a10, 0x0ff00fff, "vmsr{c}\t<impl def {x:16-19}>, {r:12}"),
        Rule.of(0x0ef00a10, 0x0ff00fff, "vmrs{c}\t{r:12}, <impl def {x:16-19}>"),
        Rule.of(0x0e000a10, 0x0ff00f7f, "vmov{c}\t{Sn}, {r:12}"),
        Rule.of(0x0e100a10, 0x0ff00f7f, "vmov{c}\t{r:12}, {Sn}"),
        // Data processing (A7.5): compares, moves, unary operations, conversions.
        Rule.of(0x0eb50a40, 0x0fbf0f70, "vcmp{7:/e}{c}.f32\t{Sd}, #0.0"),
        Rule.of(0x0eb50b40, 0x0fbf0f70, "vcmp{7:/e}{c}.f64\t{Dd}, #0.0"),
        Rule.of(0x0eb00a40, 0x0fbf0fd0, "vmov{c}.f32\t{Sd}, {Sm}"),
        Rule.of(0x0eb00ac0, 0x0fbf0fd0, "vabs{c}.f32\t{Sd}, {Sm}"),
        Rule.of(0x0eb00b40, 0x0fbf0fd0, "vmov{c}.f64\t{Dd}, {Dm}"),
        Rule.of(0x0eb00bc0, 0x0fbf0fd0, "vabs{c}.f64\t{Dd}, {Dm}"),
        Rule.of(0x0eb10a40, 0x0fbf0fd0, "vneg{c}.f32\t{Sd}, {Sm}"),
        Rule.of(0x0eb10ac0, 0x0fbf0fd0, "vsqrt{c}.f32\t{Sd}, {Sm}"),
        Rule.of(0x0eb10b40, 0x0fbf0fd0, "vneg{c}.f64\t{Dd}, {Dm}"),
        Rule.of(0x0eb10bc0, 0x0fbf0fd0, "vsqrt{c}.f64\t{Dd}, {Dm}"),
        Rule.of(0x0eb70ac0, 0x0fbf0fd0, "vcvt{c}.f64.f32\t{Dd}, {Sm}"),
        Rule.of(0x0eb70bc0, 0x0fbf0fd0, "vcvt{c}.f32.f64\t{Sd}, {Dm}"),
        Rule.of(0x0eb80a40, 0x0fbf0f50, "vcvt{c}.f32.{7:u/s}32\t{Sd}, {Sm}"),
        Rule.of(0x0eb80b40, 0x0fbf0f50, "vcvt{c}.f64.{7:u/s}32\t{Dd}, {Sm}"),
        Rule.of(0x0eb40a40, 0x0fbf0f50, "vcmp{7:/e}{c}.f32\t{Sd}, {Sm}"),
        Rule.of(0x0eb40b40, 0x0fbf0f50, "vcmp{7:/e}{c}.f64\t{Dd}, {Dm}"),
        // Fixed-point conversions (A8.8.309): the fraction bits are 16 or 32 minus imm4:i.
        Rule.of(0x0eba0a40, 0x0fbe0f50, "vcvt{c}.f32.{16:s/u}{7:16/32}\t{Sd}, {Sd}, #{fbits}"),
        Rule.of(0x0eba0b40, 0x0fbe0f50, "vcvt{c}.f64.{16:s/u}{7:16/32}\t{Dd}, {Dd}, #{fbits}"),
        Rule.of(0x0ebc0a40, 0x0fbe0f50, "vcvt{7:r/}{c}.{16:u/s}32.f32\t{Sd}, {Sm}"),
        Rule.of(0x0ebc0b40, 0x0fbe0f50, "vcvt{7:r/}{c}.{16:u/s}32.f64\t{Sd}, {Dm}"),
        Rule.of(0x0ebe0a40, 0x0fbe0f50, "vcvt{c}.{16:s/u}{7:16/32}.f32\t{Sd}, {Sd}, #{fbits}"),
        Rule.of(0x0ebe0b40, 0x0fbe0f50, "vcvt{c}.{16:s/u}{7:16/32}.f64\t{Dd}, {Dd}, #{fbits}"),
        // VMOV (immediate) prints the raw 8-bit encoding of the constant (A7.5.1).
        Rule.of(0x0eb00a00, 0x0fb00ff0, "vmov{c}.f32\t{Sd}, #{d:0-3,16-19}"),
        Rule.of(0x0eb00b00, 0x0fb00ff0, "vmov{c}.f64\t{Dd}, #{d:0-3,16-19}"),
        Rule.of(0x0c400a10, 0x0ff00fd0, "vmov{c}\t{Smpair}, {r:12}, {r:16}"),
        Rule.of(0x0c400b10, 0x0ff00fd0, "vmov{c}\t{Dm}, {r:12}, {r:16}"),
        Rule.of(0x0c500a10, 0x0ff00fd0, "vmov{c}\t{r:12}, {r:16}, {Smpair}"),
        // Three-register arithmetic (A7.5, Table A7-16).
        Rule.of(0x0e000a00, 0x0fb00f50, "vmla{c}.f32" + SSS),
        Rule.of(0x0e000a40, 0x0fb00f50, "vmls{c}.f32" + SSS),
        Rule.of(0x0e000b00, 0x0fb00f50, "vmla{c}.f64" + DDD),
        Rule.of(0x0e000b40, 0x0fb00f50, "vmls{c}.f64" + DDD),
        Rule.of(0x0e100a00, 0x0fb00f50, "vnmls{c}.f32" + SSS),
        Rule.of(0x0e100a40, 0x0fb00f50, "vnmla{c}.f32" + SSS),
        Rule.of(0x0e100b00, 0x0fb00f50, "vnmls{c}.f64" + DDD),
        Rule.of(0x0e100b40, 0x0fb00f50, "vnmla{c}.f64" + DDD),
        Rule.of(0x0e200a00, 0x0fb00f50, "vmul{c}.f32" + SSS),
        Rule.of(0x0e200a40, 0x0fb00f50, "vnmul{c}.f32" + SSS),
        Rule.of(0x0e200b00, 0x0fb00f50, "vmul{c}.f64" + DDD),
        Rule.of(0x0e200b40, 0x0fb00f50, "vnmul{c}.f64" + DDD),
        Rule.of(0x0e300a00, 0x0fb00f50, "vadd{c}.f32" + SSS),
        Rule.of(0x0e300a40, 0x0fb00f50, "vsub{c}.f32" + SSS),
        Rule.of(0x0e300b00, 0x0fb00f50, "vadd{c}.f64" + DDD),
        Rule.of(0x0e300b40, 0x0fb00f50, "vsub{c}.f64" + DDD),
        Rule.of(0x0e800a00, 0x0fb00f50, "vdiv{c}.f32" + SSS),
        Rule.of(0x0e800b00, 0x0fb00f50, "vdiv{c}.f64" + DDD),
    };

    /** VFPv4 fused multiply-add (A8.8.317 VFMA, VFMS; A8.8.318 VFNMA, VFNMS). */
    static final Rule[] FUSED = {
        Rule.of(0x0ea00a00, 0x0fb00f50, "vfma{c}.f32" + SSS),
        Rule.of(0x0ea00b00, 0x0fb00f50, "vfma{c}.f64" + DDD),
        Rule.of(0x0ea00a40, 0x0fb00f50, "vfms{c}.f32" + SSS),
        Rule.of(0x0ea00b40, 0x0fb00f50, "vfms{c}.f64" + DDD),
        Rule.of(0x0e900a40, 0x0fb00f50, "vfnma{c}.f32" + SSS),
        Rule.of(0x0e900b40, 0x0fb00f50, "vfnma{c}.f64" + DDD),
        Rule.of(0x0e900a00, 0x0fb00f50, "vfnms{c}.f32" + SSS),
        Rule.of(0x0e900b00, 0x0fb00f50, "vfnms{c}.f64" + DDD),
    };
}
