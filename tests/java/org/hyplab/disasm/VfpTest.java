package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * VFPv4 instructions and core/extension register transfers (ARM ARM A7.5, A7.6, A7.8, A7.9).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class VfpTest {

    @Test
    void vfp() {
        Expectations.assertAll(new String[][] {
            {"ee300a81", "vadd.f32\ts0, s1, s2"},
            {"ee310b2f", "vadd.f64\td0, d1, d31"},
            {"ee7ffa6e", "vsub.f32\ts31, s30, s29"},
            {"ee610ba2", "vmul.f64\td16, d17, d18"},
            {"ee800a20", "vdiv.f32\ts0, s0, s1"},
            {"ee000a81", "vmla.f32\ts0, s1, s2"},
            {"ee110b02", "vnmls.f64\td0, d1, d2"},
            {"ee200ac1", "vnmul.f32\ts0, s1, s2"},
            {"eea00a81", "vfma.f32\ts0, s1, s2"},
            {"eea10b42", "vfms.f64\td0, d1, d2"},
            {"ee900ac1", "vfnma.f32\ts0, s1, s2"},
            {"ee910b02", "vfnms.f64\td0, d1, d2"},
            {"eeb00bc1", "vabs.f64\td0, d1"},
            {"eef11a42", "vneg.f32\ts3, s4"},
            {"eeb12bc3", "vsqrt.f64\td2, d3"},
            {"eeb00a60", "vmov.f32\ts0, s1"},
            {"eeb70a00", "vmov.f32\ts0, #112"},
            {"eebe0b00", "vmov.f64\td0, #224"},
            {"eeb40a60", "vcmp.f32\ts0, s1"},
            {"eeb50bc0", "vcmpe.f64\td0, #0.0"},
            {"eeb70ae0", "vcvt.f64.f32\td0, s1"},
            {"eeb70bc1", "vcvt.f32.f64\ts0, d1"},
            {"eebd0ae0", "vcvt.s32.f32\ts0, s1"},
            {"eebc0b41", "vcvtr.u32.f64\ts0, d1"},
            {"eeb80a60", "vcvt.f32.u32\ts0, s1"},
            {"eeb80be0", "vcvt.f64.s32\td0, s1"},
            {"eebe0a46", "vcvt.s16.f32\ts0, s0, #4"},
            {"eebb0bc6", "vcvt.f64.u32\td0, d0, #20"},
            {"eeb20a60", "vcvtb.f32.f16\ts0, s1"},
            {"eeb31ae1", "vcvtt.f16.f32\ts2, s3"},
            {"ee100a90", "vmov\tr0, s1"},
            {"ee013a10", "vmov\ts2, r3"},
            {"ec510b12", "vmov\tr0, r1, d2"},
            {"ec454b13", "vmov\td3, r4, r5"},
            {"ec432a10", "vmov\ts0, s1, r2, r3"},
            {"ee201b10", "vmov.32\td0[1], r1"},
            {"eef10b70", "vmov.u8\tr0, d1[7]"},
            {"ee310b70", "vmov.s16\tr0, d1[3]"},
            {"ee245b30", "vmov.16\td4[2], r5"},
            {"eef1fa10", "vmrs\tAPSR_nzcv, fpscr"},
            {"eef80a10", "vmrs\tr0, fpexc"},
            {"eee10a10", "vmsr\tfpscr, r0"},
            {"eef71a10", "vmrs\tr1, mvfr0"},
            {"ed900b02", "vldr\td0, [r0, #8]"},
            {"ed420a01", "vstr\ts1, [r2, #-4]"},
            {"ed1f1b02", "vldr\td1, [pc, #-8]"},
            {"ed2d8b10", "vpush\t{d8-d15}"},
            {"ecbd8a10", "vpop\t{s16-s31}"},
            {"ecb00b08", "vldmia\tr0!, {d0-d3}"},
            {"ed210a04", "vstmdb\tr1!, {s0-s3}"},
            {"ec924b02", "vldmia\tr2, {d4}"},
        });
    }
}
