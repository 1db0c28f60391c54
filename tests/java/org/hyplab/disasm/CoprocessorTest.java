package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Generic coprocessor instructions (ARM ARM A5.6, A5.7), printed with plain coprocessor numbers.
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class CoprocessorTest {

    @Test
    void coprocessorInstructions() {
        Expectations.assertAll(new String[][] {
            {"ee010f10", "mcr\t15, 0, r0, cr1, cr0, {0}"},
            {"ee100fb0", "mrc\t15, 0, r0, cr0, cr0, {5}"},
            {"ee10fe11", "mrc\t14, 0, APSR_nzcv, cr0, cr1, {0}"},
            {"ec410f02", "mcrr\t15, 0, r0, r1, cr2"},
            {"ec510f1e", "mrrc\t15, 1, r0, r1, cr14"},
            {"ee1327a4", "cdp\t7, 1, cr2, cr3, cr4, {5}"},
            {"ed901501", "cfldr32\tmvfx1, [r0, #4]"},
            {"ec601602", "stcl\t6, cr1, [r0], #-8"},
            {"ec912309", "ldc\t3, cr2, [r1], {9}"},
            {"fe210772", "mcr2\t7, 1, r0, cr1, cr2, {3}"},
            {"fe310772", "mrc2\t7, 1, r0, cr1, cr2, {3}"},
            {"fe1323a4", "cdp2\t3, 1, cr2, cr3, cr4, {5}"},
            {"fd303203", "ldc2\t2, cr3, [r0, #-12]!"},
            {"fdc03800", "stc2l\t8, cr3, [r0]"},
            {"fc410912", "mcrr2\t9, 1, r0, r1, cr2"},
        });
    }
}
