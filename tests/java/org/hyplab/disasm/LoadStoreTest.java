package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Single loads and stores, extra loads/stores, exclusives and preloads (ARM ARM A5.3, A5.2.8-A5.2.10).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class LoadStoreTest {

    @Test
    void loadsAndStores() {
        Expectations.assertAll(new String[][] {
            {"e59f1008", "ldr\tr1, [pc, #8]"},
            {"e5910000", "ldr\tr0, [r1]"},
            {"e5310004", "ldr\tr0, [r1, #-4]!"},
            {"e4910004", "ldr\tr0, [r1], #4"},
            {"e7d10002", "ldrb\tr0, [r1, r2]"},
            {"e7310102", "ldr\tr0, [r1, -r2, lsl #2]!"},
            {"e60101c2", "str\tr0, [r1], -r2, asr #3"},
            {"e54d0001", "strb\tr0, [sp, #-1]"},
            {"e4b10004", "ldrt\tr0, [r1], #4"},
            {"e6e10002", "strbt\tr0, [r1], r2"},
            {"e1d100b2", "ldrh\tr0, [r1, #2]"},
            {"e11100f2", "ldrsh\tr0, [r1, -r2]"},
            {"e05100d3", "ldrsb\tr0, [r1], #-3"},
            {"e1e100b6", "strh\tr0, [r1, #6]!"},
            {"e1c200d8", "ldrd\tr0, [r2, #8]"},
            {"e16d20f8", "strd\tr2, [sp, #-8]!"},
            {"e14f01d0", "ldrd\tr0, [pc, #-16]"},
            {"e1910f9f", "ldrex\tr0, [r1]"},
            {"e1812f90", "strex\tr2, r0, [r1]"},
            {"e1b20f9f", "ldrexd\tr0, [r2]"},
            {"e1c12f90", "strexb\tr2, r0, [r1]"},
            {"e1f10f9f", "ldrexh\tr0, [r1]"},
            {"e1020091", "swp\tr0, r1, [r2]"},
            {"e1420091", "swpb\tr0, r1, [r2]"},
            {"e52d0004", "push\t{r0}"},
            {"e49de004", "pop\t{lr}"},
            {"e0e100b2", "strht\tr0, [r1], #2"},
            {"e0b100d2", "ldrsbt\tr0, [r1], r2"},
            {"f5d0f004", "pld\t[r0, #4]"},
            {"f711f002", "pldw\t[r1, -r2]"},
            {"f452f008", "pli\t[r2, #-8]"},
        });
    }
}
