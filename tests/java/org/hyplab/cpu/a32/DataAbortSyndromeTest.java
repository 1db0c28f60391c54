package org.hyplab.cpu.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyplab.cpu.A32Decoder;
import org.junit.jupiter.api.Test;

/**
 * The instruction syndrome a stage 2 Data Abort reports (HSR ISS[24:16]: ISV, SAS, SSE, SRT;
 * ARM ARM B3.13.6, worded most exactly in DDI 0487 G8 "ISS encoding for an exception from a Data
 * Abort"): valid only for single-register loads and stores without write-back that do not use the
 * PC as a source or destination. The QEMU comparison (tests/arm/vmsa/stage2.c) covers the
 * register-based forms; the PC-relative ones are here because the test programs cannot easily put
 * a literal next to an unmapped page.
 */
class DataAbortSyndromeTest {

    static int iss(int word) {
        return A32Decoder.decode(word).dataAbortSyndrome();
    }

    @Test
    void singleRegisterTransfersHaveAValidSyndrome() {
        assertEquals(1 << 24 | 2 << 22 | 5 << 16, iss(0xE594_5000));             // ldr r5, [r4]
        assertEquals(1 << 24 | 1 << 22 | 1 << 21 | 7 << 16, iss(0xE1D4_70F0));   // ldrsh r7, [r4]
        assertEquals(1 << 24 | 0 << 22 | 14 << 16, iss(0xE5C4_E000));            // strb lr, [r4]
    }

    @Test
    void thePcAsTransferOrBaseRegisterLeavesItInvalid() {
        assertEquals(0, iss(0xE594_F000));   // ldr pc, [r4]
        assertEquals(0, iss(0xE584_F000));   // str pc, [r4]
        assertEquals(0, iss(0xE59F_1008));   // ldr r1, [pc, #8]  (literal)
        assertEquals(0, iss(0xE1DF_10B4));   // ldrh r1, [pc, #4] (literal)
    }

    @Test
    void writeBackAndDoubleTransfersLeaveItInvalid() {
        assertEquals(0, iss(0xE494_5004));   // ldr r5, [r4], #4
        assertEquals(0, iss(0xE5B4_5004));   // ldr r5, [r4, #4]!
        assertEquals(0, iss(0xE1C4_20D0));   // ldrd r2, r3, [r4]
        assertEquals(0, iss(0xE4B4_5004));   // ldrt r5, [r4], #4
    }
}
