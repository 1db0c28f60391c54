package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Media instructions (ARM ARM A5.4).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class MediaTest {

    @Test
    void media() {
        Expectations.assertAll(new String[][] {
            {"e6110f12", "sadd16\tr0, r1, r2"},
            {"e6610ff2", "uqsub8\tr0, r1, r2"},
            {"e6310f32", "shasx\tr0, r1, r2"},
            {"e6510f52", "usax\tr0, r1, r2"},
            {"e6810012", "pkhbt\tr0, r1, r2"},
            {"e6810412", "pkhbt\tr0, r1, r2, lsl #8"},
            {"e6810852", "pkhtb\tr0, r1, r2, asr #16"},
            {"e6af0071", "sxtb\tr0, r1"},
            {"e6ff0871", "uxth\tr0, r1, ror #16"},
            {"e6810472", "sxtab16\tr0, r1, r2, ror #8"},
            {"e6c10c72", "uxtab16\tr0, r1, r2, ROR #24"},
            {"e6f10072", "uxtah\tr0, r1, r2"},
            {"e6bf0f31", "rev\tr0, r1"},
            {"e6bf0fb1", "rev16\tr0, r1"},
            {"e6ff0fb1", "revsh\tr0, r1"},
            {"e6ff0f31", "rbit\tr0, r1"},
            {"e6810fb2", "sel\tr0, r1, r2"},
            {"e6a70011", "ssat\tr0, #8, r1"},
            {"e6af0211", "ssat\tr0, #16, r1, lsl #4"},
            {"e6e70151", "usat\tr0, #7, r1, asr #2"},
            {"e6a30f31", "ssat16\tr0, #4, r1"},
            {"e6ef0f31", "usat16\tr0, #15, r1"},
            {"e7cb021f", "bfc\tr0, #4, #8"},
            {"e7c00011", "bfi\tr0, r1, #0, #1"},
            {"e7a401d1", "sbfx\tr0, r1, #3, #5"},
            {"e7ff0051", "ubfx\tr0, r1, #0, #32"},
        });
    }
}
