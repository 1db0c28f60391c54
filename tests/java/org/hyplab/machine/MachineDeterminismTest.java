package org.hyplab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;

/** Same image, same inputs: the same instructions, the same console, every time. */
class MachineDeterminismTest {

    @Test
    void twoRunsOfTheSameProgramRetireTheSameInstructionsAndPrintTheSameBytes() throws Exception {
        Path program = Qemu.armDir().resolve("tests/directed/exceptions.elf");
        Emulator.Run first = Emulator.runVexpress(program, 10_000_000);
        Emulator.Run second = Emulator.runVexpress(program, 10_000_000);
        assertEquals(Machine.Stop.POWERED_OFF, first.stop());
        assertEquals(first.instructions(), second.instructions());
        assertArrayEquals(first.console(), second.console());
    }

    /** Two CPUs in turns, SGIs, timers and a spinlock: still the same run every time. */
    @Test
    void twoCpusInterleaveTheSameWayEveryTime() throws Exception {
        Path program = Qemu.armDir().resolve("tests/smp/sgi_smp.elf");
        Emulator.Run first = Emulator.runVexpress(program, 1_000_000_000);
        Emulator.Run second = Emulator.runVexpress(program, 1_000_000_000);
        assertEquals(Machine.Stop.POWERED_OFF, first.stop());
        assertEquals(first.instructions(), second.instructions());
        assertArrayEquals(first.console(), second.console());
    }

    @Test
    void aBudgetStopsAtExactlyThatManyInstructions() throws Exception {
        Path program = Qemu.armDir().resolve("tests/directed/alu.elf");
        Emulator.Run run = Emulator.runVexpress(program, 123_457);
        assertEquals(Machine.Stop.BUDGET_EXHAUSTED, run.stop());
        assertEquals(123_457, run.instructions());
    }
}
