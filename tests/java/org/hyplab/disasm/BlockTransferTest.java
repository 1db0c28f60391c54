package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * LDM/STM, PUSH/POP (ARM ARM A5.5).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class BlockTransferTest {

    @Test
    void blockTransfers() {
        Expectations.assertAll(new String[][] {
            {"e92d4030", "push\t{r4, r5, lr}"},
            {"e8bd8030", "pop\t{r4, r5, pc}"},
            {"e92d0001", "stmfd\tsp!, {r0}"},
            {"e8bd0008", "ldmfd\tsp!, {r3}"},
            {"e8800006", "stm\tr0, {r1, r2}"},
            {"e8a00006", "stmia\tr0!, {r1, r2}"},
            {"e890000e", "ldm\tr0, {r1, r2, r3}"},
            {"e9b00006", "ldmib\tr0!, {r1, r2}"},
            {"e9000002", "stmdb\tr0, {r1}"},
            {"e8508002", "ldmda\tr0, {r1, pc}^"},
            {"e9c00006", "stmib\tr0, {r1, r2}^"},
            {"189d0003", "ldmne\tsp, {r0, r1}"},
        });
    }
}
