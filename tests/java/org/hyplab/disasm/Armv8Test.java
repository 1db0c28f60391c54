package org.hyplab.disasm;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Instructions of later architectures that objdump {@code -m armv7} decodes although the
 * Cortex-A15 does not have them (Armv8FloatingPoint, Armv8AdvancedSimd, Armv8Core). Expected
 * texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, its comments removed),
 * followed by HypLab's note {@code \t@ <architecture>: not on Cortex-A15}.
 */
class Armv8Test {

    /** Rows of {word, objdump's text} with the note of {@code architecture} appended. */
    private static String[][] later(String architecture, String[][] rows) {
        return Arrays.stream(rows)
                .map(r -> new String[] {r[0], r[1] + "\t@ " + architecture + ": not on Cortex-A15"})
                .toArray(String[][]::new);
    }

    @Test
    void floatingPoint() {
        Expectations.assertAll(later("ARMv8", new String[][] {
            {"fe000a81", "vseleq.f32\ts0, s1, s2"},
            {"fe511b02", "vselvs.f64\td17, d1, d2"},
            {"fe20aa21", "vselge.f32\ts20, s0, s3"},
            {"fe3f0b0f", "vselgt.f64\td0, d15, d15"},
            {"fe800a81", "vmaxnm.f32\ts0, s1, s2"},
            {"fec11b42", "vminnm.f64\td17, d1, d2"},
            {"febc0ac1", "vcvta.s32.f32\ts0, s2"},
            {"febf0b41", "vcvtm.u32.f64\ts0, d1"},
            {"eeb60a60", "vrintr.f32\ts0, s1"},
            {"eeb60bc0", "vrintz.f64\td0, d0"},
            {"1ef70a60", "vrintxne.f32\ts1, s1"},
            {"feb80a60", "vrinta.f32\ts0, s1"},
            {"febb0b40", "vrintm.f64\td0, d0"},
            {"eeb20b60", "vcvtb.f64.f16\td0, s1"},
            {"eef30bc1", "vcvtt.f16.f64\ts1, d1"},
            {"eef52a10", "vmrs\tr2, mvfr2"},
            {"eee53a10", "vmsr\tmvfr2, r3"},
        }));
    }

    @Test
    void mProfileSystemRegisterLoadsAndStores() {
        // LDC/STC to coprocessor 15 on ARMv7; objdump takes them for ARMv8.1-M VLDR/VSTR when P
        // or W is set, and names the registers that do not exist <invalid reg N>.
        Expectations.assertAll(later("ARMv8.1-M", new String[][] {
            {"ed9f2f81", "vldr\tFPSCR, [pc, #4]"},
            {"ecf24fc5", "vldr\t<invalid reg 10>, [r2], #276"},
            {"ed2d8f91", "vstr\t<invalid reg 4>, [sp, #-68]!"},
            {"edda8fb6", "vldr\tVPR, [sl, #216]"},
            {"ed5d8f80", "vldr\tVPR, [sp, #-0]"},
        }));
        // Neither P nor W: objdump's generic LDC.
        Expectations.assertAll(new String[][] {
            {"ec100f80", "ldc\t15, cr0, [r0], {128}"},
        });
    }

    @Test
    void advancedSimd() {
        Expectations.assertAll(later("ARMv8", new String[][] {
            {"f3ba0540", "vrinta.f32\tq0, q0"},
            {"f3fa44e6", "vrintx.f32\tq10, q11"},
            {"f3bb0040", "vcvta.s32.f32\tq0, q0"},
            {"f3bb03c2", "vcvtm.u32.f32\tq0, q1"},
            {"f3085f1e", "vmaxnm.f32\td5, d8, d14"},
            {"f3222f9f", "vminnm.f32\td2, d18, d15"},
            // Bits 9:7 = 100 are unallocated: objdump prints a question mark.
            {"f3fac66e", "vrint?.f32\tq14, q15"},
        }));
        Expectations.assertAll(later("ARMv8 Crypto", new String[][] {
            {"f3b00300", "aese.8\tq0, q0"},
            {"f3b00342", "aesd.8\tq0, q1"},
            {"f3b02384", "aesmc.8\tq1, q2"},
            {"f3f003c6", "aesimc.8\tq8, q3"},
            {"f3b902c2", "sha1h.32\tq0, q1"},
            {"f3ba0384", "sha1su1.32\tq0, q2"},
            {"f3ba03c6", "sha256su0.32\tq0, q3"},
            {"f2020c44", "sha1c.32\tq0, q1, q2"},
            {"f3240c46", "sha256su1.32\tq0, q2, q3"},
            {"f2016cc2", "sha1c.32\tq3, <illegal reg q8.5>, q1"},
            {"f2a40e85", "vmull.p64\tq0, d20, d5"},
        }));
        Expectations.assertAll(later("ARMv8.1", new String[][] {
            {"f3100b12", "vqrdmlah.s16\td0, d0, d2"},
            {"f3542c56", "vqrdmlsh.s16\tq9, q2, q3"},
            {"f2900e42", "vqrdmlah.s16\td0, d0, d2[0]"},
            {"f3a04f64", "vqrdmlsh.s32\tq2, q0, d4[1]"},
            {"f2839ecf", "vqrdmlah.s<illegal width 8>\td9, d19, d3[3]"},
        }));
        Expectations.assertAll(later("ARMv8.2", new String[][] {
            {"f2100d02", "vadd.f16\td0, d0, d2"},
            {"f3324e56", "vacgt.f16\tq2, q1, q3"},
            {"f2122cf9", "vfma.f16\tq1, q9, <illegal reg q12.5>"},
            {"f2990142", "vmla.f16\td0, d9, d2[0]"},
            {"f29149ea", "vmul.f16\td4, d17, d2[3]"},
            {"f3b60482", "vrintx.f16\td0, d2"},
            {"f3b700c2", "vcvta.u16.f16\tq0, q1"},
            {"f3b70600", "vcvt.f16.s16\td0, d0"},
            {"f2b91c10", "vcvt.f16.s16\td1, d0, #7"},
            {"f2a88d5a", "vcvt.s16.f16\tq4, q5, #24"},
            {"f3b70400", "vrecpe.u16\td0, d0"},
            {"f3b7c4ef", "vrsqrte.u16\tq6, <illegal reg q15.5>"},
        }));
    }

    @Test
    void advancedSimdInTheCoprocessorSpace() {
        Expectations.assertAll(later("ARMv8.2", new String[][] {
            {"fc200d02", "vsdot.s8\td0, d0, d2"},
            {"fc221d52", "vudot.u8\t<illegal reg q0.5>, q1, q1"},
            {"fe200d12", "vudot.u8\td0, d0, d2[0]"},
            {"fe221d72", "vudot.u8\t<illegal reg q0.5>, q1, d2[1]"},
        }));
        Expectations.assertAll(later("ARMv8.6", new String[][] {
            {"fc000d00", "vdot.bf16\td0, d0, d0"},
            {"fe021d22", "vdot.bf16\td1, d2, d2[1]"},
            {"fc000c40", "vmmla.bf16\tq0, q0, q0"},
            {"f3b60640", "vcvt.bf16.f32\td0, q0"},
            {"fc300850", "vfmat.bf16\tq0, q0, q0"},
            {"fe300818", "vfmab.bf16\tq0, q0, d0[1]"},
            {"fc220c44", "vsmmla.s8\tq0, q1, q2"},
            {"fc220c54", "vummla.u8\tq0, q1, q2"},
            {"fca20c44", "vusmmla.s8\tq0, q1, q2"},
            {"fca00d02", "vusdot.s8\td0, d0, d2"},
            {"fe800d22", "vusdot.s8\td0, d0, d2[1]"},
            {"fe800d32", "vsudot.u8\td0, d0, d2[1]"},
        }));
        // The same words with the other generic coprocessor rows: still what objdump prints.
        Expectations.assertAll(new String[][] {
            {"fc200810", "stc2\t8, cr0, [r0], #-64"},
            {"fe000800", "cdp2\t8, 0, cr0, cr0, cr0, {0}"},
        });
    }

    @Test
    void core() {
        Expectations.assertAll(later("ARMv8", new String[][] {
            {"e1000070", "hlt\t0x0000"},
            {"e10f1f7f", "hlt\t0xf1ff"},
            {"e1900c9f", "lda\tr0, [r0]"},
            {"e1d01c9f", "ldab\tr1, [r0]"},
            {"e1f12c9f", "ldah\tr2, [r1]"},
            {"e181fc92", "stl\tr2, [r1]"},
            {"e1c0fc91", "stlb\tr1, [r0]"},
            {"0182fc93", "stleq\tr3, [r2]"},
            {"e1921e9f", "ldaex\tr1, [r2]"},
            {"e1d32e9f", "ldaexb\tr2, [r3]"},
            {"e1f43e9f", "ldaexh\tr3, [r4]"},
            {"e1c51e96", "stlexb\tr1, r6, [r5]"},
            {"e1e12e93", "stlexh\tr2, r3, [r1]"},
        }));
    }
}
