package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.machine.Snapshot;
import org.hyplab.scenario.Scenario;

/**
 * Snapshots of a booted machine, timed: the tiny cloud's mix ({@link HypervisorBootBench#GUESTS})
 * booted until every domain has printed its first line, then rounds of {@link Snapshot#take}
 * and {@link Snapshot#restoreInto}, with the machine running on between them so that each
 * snapshot finds pages written since the last. Only take and restore are timed (the copies a
 * write makes of a shared page are part of the run). A round lasts about a millisecond, so each
 * warm-up or timed run of the bench is {@value #ROUNDS} rounds; warm-up rounds let the JIT
 * settle; the figures are medians. The wall clock is read here, in the harness, never inside
 * the machine.
 */
final class SnapshotBench {

    /** Instructions run before each take and before each restore. */
    static final long BETWEEN = 200_000;
    /** Rounds per warm-up or timed run of the bench. */
    static final int ROUNDS = 10;

    private SnapshotBench() {
    }

    /** The figures of one board: medians in nanoseconds. */
    record Result(long takeNanos, long restoreNanos) {
    }

    /** Times snapshots on {@code boardId}; null (with the reason on {@code err}) if it fails. */
    static Result run(String boardId, long memBytes, int runs, int warmup, PrintStream out, PrintStream err) {
        Path root = Boards.root();
        BoardDescription board = Boards.find(root, boardId);
        Scenario scenario = ScenarioArgs.scenario(root, board, memBytes, HypervisorBootBench.GUESTS);
        Path image = ScenarioArgs.defaultHypervisor(root);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(memBytes, board.cpus(), console::write));
        try {
            BootLoader.boot(machine, board, memBytes, scenario.bootRequest(image.toString(), RunCommand.read(image)));
        } catch (LoadException e) {
            err.println("hyplab bench: " + e.getMessage());
            return null;
        }
        int domains = HypervisorBootBench.GUESTS.size();
        while (!everyDomainSpoke(console, domains)) {
            if (machine.retired() > HypervisorBootBench.LIMIT
                    || machine.run(HypervisorBootBench.SLICE) != Machine.Stop.BUDGET_EXHAUSTED) {
                err.println("hyplab bench: not every guest printed a line; the console says:\n"
                        + console.toString(StandardCharsets.ISO_8859_1));
                return null;
            }
        }
        long booted = machine.retired();
        warmup *= ROUNDS;
        runs *= ROUNDS;
        long[] take = new long[runs];
        long[] restore = new long[runs];
        int pages = 0;
        int objects = 0;
        for (int i = 0; i < warmup + runs; i++) {
            machine.run(BETWEEN);
            long t0 = System.nanoTime();
            Snapshot snapshot = Snapshot.take(machine);
            long t1 = System.nanoTime();
            machine.run(BETWEEN);
            long t2 = System.nanoTime();
            snapshot.restoreInto(machine);
            long t3 = System.nanoTime();
            if (machine.retired() != snapshot.retired()) {
                err.println("hyplab bench: a restore did not bring the instruction count back");
                return null;
            }
            pages = snapshot.ramPages();
            objects = snapshot.objects();
            snapshot.release();
            if (i >= warmup) {
                take[i - warmup] = t1 - t0;
                restore[i - warmup] = t3 - t2;
            }
        }
        Result r = new Result(BenchCommand.median(take), BenchCommand.median(restore));
        out.printf("snapshot: the cloud's mix booted on the %s (%d MiB) to every guest's first line (%,d instructions): "
                + "%,d RAM pages in use (%.1f MiB), %d other objects' states; %d warm-up + %d timed rounds%n",
                boardId, memBytes >> 20, booted, pages, pages * 4096 / 1048576.0, objects, warmup, runs);
        out.printf("HypLab snapshot: take median %.3f ms, restore median %.3f ms (take %s; restore %s)%n",
                r.takeNanos() / 1e6, r.restoreNanos() / 1e6, range(take), range(restore));
        return r;
    }

    private static boolean everyDomainSpoke(ByteArrayOutputStream console, int domains) {
        String text = console.toString(StandardCharsets.ISO_8859_1);
        for (int d = 1; d <= domains; d++) {
            if (!text.contains("(d" + d + ") ")) {
                return false;
            }
        }
        return true;
    }

    /** The fastest and slowest rounds: a slow one is the garbage collector or a busy host. */
    private static String range(long[] nanos) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long n : nanos) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return String.format("%.3f to %.3f ms", min / 1e6, max / 1e6);
    }
}
