package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Hints, barriers, CPS/SETEND/RFE/SRS, exception-generating instructions, CLZ, saturating arithmetic (ARM ARM A5.2.11, A5.2.12, A5.7).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class MiscellaneousTest {

    @Test
    void miscellaneous() {
        Expectations.assertAll(new String[][] {
            {"e320f000", "nop\t{0}"},
            {"e320f001", "yield"},
            {"e320f002", "wfe"},
            {"e320f003", "wfi"},
            {"e320f004", "sev"},
            {"e320f0f5", "dbg\t#5"},
            {"f57ff05b", "dmb\tish"},
            {"f57ff04f", "dsb\tsy"},
            {"f57ff06f", "isb\tsy"},
            {"f57ff050", "dmb\t#0"},
            {"f57ff01f", "clrex"},
            {"f1080080", "cpsie\ti"},
            {"f10e01d3", "cpsid\taif,#19"},
            {"f1020016", "cps\t#22"},
            {"f1010200", "setend\tbe"},
            {"f8b00a00", "rfeia\tr0!"},
            {"f96d0513", "srsdb\tsp!, #19"},
            {"e1212374", "bkpt\t0x1234"},
            {"e7fabcfd", "udf\t#43981"},
            {"ef123456", "svc\t0x00123456"},
            {"1f000000", "svcne\t0x00000000"},
            {"e1600070", "smc\t0"},
            {"e1412374", "hvc\t4660"},
            {"e160006e", "eret"},
            {"e16f0f11", "clz\tr0, r1"},
            {"e1020051", "qadd\tr0, r1, r2"},
            {"e1620051", "qdsub\tr0, r1, r2"},
            {"0320f014", "nopeq\t{20}"},
            {"e320f014", "csdb"},
            {"f57ff040", "ssbb"},
            {"0320f005", "nopeq\t{5}"},
            {"03200001", "<UNDEFINED> instruction: 0x03200001"},
        });
    }
}
