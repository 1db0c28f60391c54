package org.hyplab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TraceRecorder;
import org.hyplab.trace.TrapEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** What a run of the cloud scenario did: its console, instructions, and every event in order. */
    private record Outcome(String console, long retired, List<MachineEvent> events) {
    }

    /**
     * Runs the cloud scenario (five domains on two CPUs: timers, event channels, a CPU hog) for
     * {@code total} instructions, in runs of the sizes {@code slices} gives, with {@code hook}.
     */
    private static Outcome cloud(String boardId, long total, java.util.function.LongSupplier slices,
                                 org.hyplab.cpu.InstructionHook hook) throws Exception {
        BoardDescription board = Emulator.board(boardId);
        Scenario s = HypervisorScenarios.scenario("cloud", boardId);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(s.memBytes(), board.cpus(), console::write));
        BootLoader.boot(machine, board, s.memBytes(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()));
        TraceRecorder recorder = new TraceRecorder(4_000_000).attachTo(machine);
        machine.setInstructionHook(hook);
        long start = machine.retired();
        while (machine.retired() - start < total) {
            long left = total - (machine.retired() - start);
            Machine.Stop stop = machine.run(Math.min(left, slices.getAsLong()));
            assertTrue(stop == Machine.Stop.BUDGET_EXHAUSTED || stop == Machine.Stop.STOPPED, stop.toString());
        }
        assertEquals(recorder.total(), recorder.events().size(), "the ring kept every event");
        return new Outcome(console.toString(StandardCharsets.ISO_8859_1), machine.retired(), recorder.events());
    }

    /**
     * A debugger steps a machine in runs of any size (down to one instruction) and stops it
     * from hooks: the machine must execute exactly what one long run does, with the same
     * interleaving of the CPUs, the same exceptions at the same cycles and the same output.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vexpress-a15", "arndale"})
    void aRunSplitIntoAnySlicesOrStoppedByAHookIsTheSameRun(String board) throws Exception {
        long total = 3_000_000;
        Outcome whole = cloud(board, total, () -> Long.MAX_VALUE, null);
        assertTrue(whole.events().stream().anyMatch(e -> e instanceof TrapEvent t && t.cpu() == 1),
                "the scenario uses both CPUs");
        assertTrue(whole.console().contains("(d5)"), whole.console());
        java.util.Random random = new java.util.Random(7);
        Outcome sliced = cloud(board, total, () -> random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(40_000), null);
        assertEquals(whole, sliced);
        // A hook that never stops takes the checked loop: the same run.
        Outcome hooked = cloud(board, total, () -> Long.MAX_VALUE, cpu -> false);
        assertEquals(whole, hooked);
        // A hook that stops before every 9973rd instruction it is asked about (and lets it run
        // when asked again): each stop returns STOPPED, and the run goes on where it stopped.
        long[] asked = {0};
        boolean[] stoppedLast = {false};
        Outcome stopped = cloud(board, total, () -> Long.MAX_VALUE, cpu -> {
            if (stoppedLast[0]) {
                stoppedLast[0] = false;
                return false;
            }
            stoppedLast[0] = ++asked[0] % 9973 == 0;
            return stoppedLast[0];
        });
        assertEquals(whole, stopped);
    }

    @Test
    void aBudgetStopsAtExactlyThatManyInstructions() throws Exception {
        Path program = Qemu.armDir().resolve("tests/directed/alu.elf");
        Emulator.Run run = Emulator.runVexpress(program, 123_457);
        assertEquals(Machine.Stop.BUDGET_EXHAUSTED, run.stop());
        assertEquals(123_457, run.instructions());
    }
}
