package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shifter's edge cases, each from ARM ARM A8.4.3 (Shift_C and DecodeImmShift). */
class ShifterTest {

    private final Cpu cpu = new CpuTestBench().cpu;

    private int imm(int value, int type, int amount, boolean carryIn) {
        cpu.c = carryIn;
        return Shifter.immediate(cpu, value, type, amount);
    }

    private int reg(int value, int type, int amount, boolean carryIn) {
        cpu.c = carryIn;
        return Shifter.register(cpu, value, type, amount);
    }

    @Test
    void immediateEncodingsOfZeroMeanWhatTheManualSays() {
        assertEquals(0x8000_0001, imm(0x8000_0001, Shifter.LSL, 0, true));   // LSL #0: value, C unchanged
        assertEquals(true, cpu.shifterCarry);
        assertEquals(0, imm(0x8000_0000, Shifter.LSR, 0, false));            // LSR #0 is LSR #32
        assertEquals(true, cpu.shifterCarry);
        assertEquals(-1, imm(0x8000_0000, Shifter.ASR, 0, false));           // ASR #0 is ASR #32
        assertEquals(true, cpu.shifterCarry);
        assertEquals(0xC000_0000, imm(0x8000_0001, Shifter.ROR, 0, true));   // ROR #0 is RRX
        assertEquals(true, cpu.shifterCarry);
        assertEquals(0x4000_0000, imm(0x8000_0000, Shifter.ROR, 0, false));
        assertEquals(false, cpu.shifterCarry);
    }

    @Test
    void registerAmountsUseTheBottomByteAnd32AndBeyondAreSpecial() {
        assertEquals(0x1234, reg(0x1234, Shifter.LSL, 0x100, false));        // amount 0: unchanged, C kept
        assertEquals(false, cpu.shifterCarry);
        assertEquals(0, reg(0x0000_0001, Shifter.LSL, 32, false));           // LSL 32: 0, C = bit 0
        assertEquals(true, cpu.shifterCarry);
        assertEquals(0, reg(0xFFFF_FFFF, Shifter.LSL, 33, true));            // LSL >32: 0, C = 0
        assertEquals(false, cpu.shifterCarry);
        assertEquals(0, reg(0x8000_0000, Shifter.LSR, 32, false));           // LSR 32: C = bit 31
        assertEquals(true, cpu.shifterCarry);
        assertEquals(-1, reg(0x8000_0000, Shifter.ASR, 200, false));         // ASR >=32: sign fill
        assertEquals(true, cpu.shifterCarry);
        assertEquals(0x8000_0001, reg(0x8000_0001, Shifter.ROR, 64, false)); // ROR by a multiple of 32
        assertEquals(true, cpu.shifterCarry);                                // C = bit 31
        assertEquals(0x8000_0000, reg(1, Shifter.ROR, 1, false));
        assertEquals(true, cpu.shifterCarry);
    }
}
