package org.hyplab.disasm;

import org.junit.jupiter.api.Test;

/**
 * MRS/MSR, including the banked registers of the Virtualization Extensions (ARM ARM B9.3.9, B9.3.10).
 * Expected texts are objdump's (binutils 2.40, {@code -D -b binary -m armv7}, comments removed)
 * for words assembled with {@code arm-none-eabi-as -march=armv7ve -mfpu=neon-vfpv4}.
 */
class StatusRegisterTest {

    @Test
    void statusRegisterMoves() {
        Expectations.assertAll(new String[][] {
            {"e10f0000", "mrs\tr0, CPSR"},
            {"e14f0000", "mrs\tr0, SPSR"},
            {"e129f000", "msr\tCPSR_fc, r0"},
            {"e16ff001", "msr\tSPSR_fsxc, r1"},
            {"e328f20f", "msr\tCPSR_f, #-268435456"},
            {"e328f201", "msr\tCPSR_f, #268435456"},
            {"e10e0300", "mrs\tr0, ELR_hyp"},
            {"e12ef300", "msr\tELR_hyp, r0"},
            {"e1051200", "mrs\tr1, SP_usr"},
            {"e16ef302", "msr\tSPSR_hyp, r2"},
            {"e1083200", "mrs\tr3, R8_fiq"},
            {"e120f304", "msr\tLR_irq, r4"},
            {"e1420300", "mrs\tr0, SPSR_svc"},
        });
    }
}
