package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * FPA and Maverick coprocessor instructions, which objdump decodes for every architecture.
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class LegacyCoprocessorsTest {

    @Test
    void legacyCoprocessors() {
        Expectations.assertAll(new String[][] {
            {"ee000100", "adfs\tf0, f0, f0"},
            {"ee108180", "mnfd\tf0, f0"},
            {"ee00f109", "mvfs\tf7, #1.0"},
            {"ed900100", "ldfs\tf0, [r0]"},
            {"ec900200", "lfm\tf0, 4, [r0], {0}"},
            {"ee100110", "fix\tr0, f0"},
            {"ee90f118", "cmf\tf0, #0.0"},
            {"ee000450", "cfmvsr\tmvf0, r0"},
            {"ed900400", "cfldrs\tmvf0, [r0]"},
            {"ee300480", "cfadds\tmvf0, mvf0, mvf0"},
            {"ee000500", "cfsh32\tmvfx0, mvfx0, #0"},
            {"ee000600", "cfmadd32\tmvax0, mvfx0, mvfx0, mvfx0"},
        });
    }
}
