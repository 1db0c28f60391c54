package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Branches (ARM ARM A5.5, A5.2.12); targets are absolute, so these cases carry their address.
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class BranchTest {

    @Test
    void branches() {
        Expectations.assertAllAt(new String[][] {
            {"1000", "eafffffe", "b\t0x1000"},
            {"1004", "eb0003fe", "bl\t0x2004"},
            {"1008", "0afffffc", "beq\t0x1000"},
            {"100c", "cb000001", "blgt\t0x1018"},
            {"1010", "fa000006", "blx\t0x1030"},
            {"1014", "fb000006", "blx\t0x1036"},
            {"1018", "e12fff1e", "bx\tlr"},
            {"101c", "e12fff33", "blx\tr3"},
            {"1020", "e12fff20", "bxj\tr0"},
            {"1024", "112fff11", "bxne\tr1"},
        });
    }
}
