package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Scenario;

/**
 * The teaching hypervisor's boot, timed: from the board's reset until every guest domain of the
 * tiny cloud's mix (tests/hypervisor/scenarios.yaml's {@code cloud}: hello, timer, pingpong as
 * two domains, hog) has printed its first line ({@code (dN) }). The machine runs in slices of
 * {@value #SLICE} instructions, and the console is looked at between slices, so the figure may
 * include up to one slice past the moment. Warm-up runs let the JIT settle; the figures are
 * medians. The wall clock is read here, in the harness, never inside the machine.
 */
final class HypervisorBootBench {

    /** The guests: console_io, a timer sleeping in WFI, two domains sharing a page, a CPU hog. */
    static final List<String> GUESTS = List.of("hello", "timer", "pingpong,bootargs=role=ping peer=4",
            "pingpong,bootargs=role=pong peer=3", "hog");
    static final int SLICE = 20_000;
    static final long LIMIT = 200_000_000L;

    private HypervisorBootBench() {
    }

    /** Times the boot on {@code boardId}; false (with the reason on {@code err}) if it fails. */
    static boolean run(String boardId, long memBytes, int runs, int warmup, PrintStream out, PrintStream err) {
        Path root = Boards.root();
        BoardDescription board = Boards.find(root, boardId);
        Scenario scenario = ScenarioArgs.scenario(root, board, memBytes, GUESTS);
        Path image = ScenarioArgs.defaultHypervisor(root);
        BootLoader.Request request = scenario.bootRequest(image.toString(), RunCommand.read(image));
        out.printf("benchmark: hypervisor + hello, timer, pingpong (2 domains), hog on the %s (%d MiB), "
                + "to every guest's first line, %d warm-up + %d timed runs%n", boardId, memBytes >> 20, warmup, runs);
        long[] nanos = new long[runs];
        long instructions = 0;
        for (int i = 0; i < warmup + runs; i++) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Machine machine = BoardAssembler.build(board,
                    new BoardAssembler.Options(memBytes, board.cpus(), console::write));
            try {
                BootLoader.boot(machine, board, memBytes, request);
            } catch (LoadException e) {
                err.println("hyplab bench: " + e.getMessage());
                return false;
            }
            long start = System.nanoTime();
            while (!everyGuestSpoke(console, GUESTS.size())) {
                if (machine.retired() > LIMIT || machine.run(SLICE) != Machine.Stop.BUDGET_EXHAUSTED) {
                    err.println("hyplab bench: not every guest printed a line; the console says:\n"
                            + console.toString(StandardCharsets.ISO_8859_1));
                    return false;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
            }
            instructions = machine.retired();
        }
        long median = BenchCommand.median(nanos);
        out.printf("HypLab: %,d instructions on both CPUs, median %.3f s of emulation (runs: %s)%n",
                instructions, median / 1e9, BenchCommand.seconds(nanos));
        return true;
    }

    private static boolean everyGuestSpoke(ByteArrayOutputStream console, int domains) {
        String text = console.toString(StandardCharsets.ISO_8859_1);
        for (int d = 1; d <= domains; d++) {
            if (!text.contains("(d" + d + ") ")) {
                return false;
            }
        }
        return true;
    }
}
