package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * Data-processing instructions (ARM ARM A5.2.1-A5.2.4): ALU operations, shifts, modified immediates, MOVW/MOVT.
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class DataProcessingTest {

    @Test
    void dataProcessing() {
        Expectations.assertAll(new String[][] {
            {"e3a00001", "mov\tr0, #1"},
            {"e1b01002", "movs\tr1, r2"},
            {"e1a00000", "nop"},
            {"e0821003", "add\tr1, r2, r3"},
            {"00821203", "addeq\tr1, r2, r3, lsl #4"},
            {"e25540ff", "subs\tr4, r5, #255"},
            {"e0610352", "rsb\tr0, r1, r2, asr r3"},
            {"e0a10fe2", "adc\tr0, r1, r2, ror #31"},
            {"e0d10062", "sbcs\tr0, r1, r2, rrx"},
            {"e2e104ff", "rsc\tr0, r1, #-16777216"},
            {"e2000fff", "and\tr0, r0, #1020"},
            {"e02ba00c", "eor\tsl, fp, ip"},
            {"e19d000e", "orrs\tr0, sp, lr"},
            {"e3c10102", "bic\tr0, r1, #-2147483648"},
            {"e3e00000", "mvn\tr0, #0"},
            {"11e00021", "mvnne\tr0, r1, lsr #32"},
            {"e3100001", "tst\tr0, #1"},
            {"e1310002", "teq\tr1, r2"},
            {"e3700001", "cmn\tr0, #1"},
            {"e1700211", "cmn\tr0, r1, lsl r2"},
            {"e1a00181", "lsl\tr0, r1, #3"},
            {"e1b00231", "lsrs\tr0, r1, r2"},
            {"e1a00041", "asr\tr0, r1, #32"},
            {"e1a00271", "ror\tr0, r1, r2"},
            {"e1a00061", "rrx\tr0, r1"},
            {"e3010234", "movw\tr0, #4660"},
            {"e34f0fff", "movt\tr0, #65535"},
            {"e3a00e12", "mov\tr0, #288"},
            {"e3a0020f", "mov\tr0, #-268435456"},
            {"e3e00103", "mvn\tr0, #-1073741824"},
            {"e3a00c02", "mov\tr0, #512"},
            {"e1a10002", "<UNDEFINED> instruction: 0xe1a10002"},
        });
    }
}
