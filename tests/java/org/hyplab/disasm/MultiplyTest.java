package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Multiplies and divides (ARM ARM A5.2.5, A5.2.7, A5.4.4).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class MultiplyTest {

    @Test
    void multiplies() {
        Expectations.assertAll(new String[][] {
            {"e0000291", "mul\tr0, r1, r2"},
            {"e0100291", "muls\tr0, r1, r2"},
            {"e0203291", "mla\tr0, r1, r2, r3"},
            {"e0603291", "mls\tr0, r1, r2, r3"},
            {"e0810392", "umull\tr0, r1, r2, r3"},
            {"e0f10392", "smlals\tr0, r1, r2, r3"},
            {"e0410392", "umaal\tr0, r1, r2, r3"},
            {"e1003281", "smlabb\tr0, r1, r2, r3"},
            {"e10032a1", "smlatb\tr0, r1, r2, r3"},
            {"e16002c1", "smulbt\tr0, r1, r2"},
            {"e12032c1", "smlawt\tr0, r1, r2, r3"},
            {"e12002a1", "smulwb\tr0, r1, r2"},
            {"e14103e2", "smlaltt\tr0, r1, r2, r3"},
            {"e700f211", "smuad\tr0, r1, r2"},
            {"e700f271", "smusdx\tr0, r1, r2"},
            {"e7410312", "smlald\tr0, r1, r2, r3"},
            {"e750f211", "smmul\tr0, r1, r2"},
            {"e7503231", "smmlar\tr0, r1, r2, r3"},
            {"e75032d1", "smmls\tr0, r1, r2, r3"},
            {"e780f211", "usad8\tr0, r1, r2"},
            {"e7803211", "usada8\tr0, r1, r2, r3"},
            {"e710f211", "sdiv\tr0, r1, r2"},
            {"1730f211", "udivne\tr0, r1, r2"},
        });
    }
}
