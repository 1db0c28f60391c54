package org.hyplab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.debug.RunFree;
import org.hyplab.debug.StopReason;
import org.hyplab.lab.LabException;
import org.hyplab.lab.LabScenario;
import org.hyplab.lab.LabSession;
import org.hyplab.lab.LabWorker;

/**
 * How the Lab's shared worker answers: two sessions (one per board) run a guest that never
 * stops, on one worker thread; each is paused, and the time from {@code pause()} to its PAUSED
 * status is measured (the issue asks for well under 100 ms), as is how evenly the two advanced
 * while both ran. The wall clock is read here, never inside a machine.
 */
final class LabBench {

    private LabBench() {
    }

    static boolean run(int runs, int warmup, PrintStream out, PrintStream err) {
        Path root = Boards.root();
        Path arm = ScenarioArgs.armDir(root);
        String spin = arm.resolve("tests/hypervisor/spin.zImage").toString();
        out.printf("benchmark: the Lab's worker, two sessions running on one thread, %d warm-up + %d timed pauses%n",
                warmup, runs);
        long[] pauses = new long[runs];
        double[] shares = new double[runs];
        try (LabWorker worker = new LabWorker(1)) {
            for (int i = 0; i < warmup + runs; i++) {
                LabSession a = session(root, arm, "vexpress-a15", spin, worker);
                LabSession b = session(root, arm, "arndale", spin, worker);
                a.start(new RunFree());
                b.start(new RunFree());
                Thread.sleep(300);
                long ranA = a.read(d -> d.machine().retired()), ranB = b.read(d -> d.machine().retired());
                long start = System.nanoTime();
                a.pause();
                while (a.status().running()) {
                    Thread.onSpinWait();
                }
                long took = System.nanoTime() - start;
                if (a.status().stop().kind() != StopReason.Kind.PAUSED) {
                    err.println("hyplab bench: the session stopped for another reason: " + a.status().stop().message());
                    return false;
                }
                b.pause();
                if (i >= warmup) {
                    pauses[i - warmup] = took;
                    shares[i - warmup] = (double) Math.min(ranA, ranB) / Math.max(ranA, ranB);
                }
            }
        } catch (LabException e) {
            err.println("hyplab bench: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long[] sorted = pauses.clone();
        java.util.Arrays.sort(sorted);
        java.util.Arrays.sort(shares);
        out.printf("pause answered in: median %.1f ms, slowest %.1f ms (runs: %s ms)%n", BenchCommand.median(pauses) / 1e6,
                sorted[sorted.length - 1] / 1e6, millis(pauses));
        out.printf("two sessions after 300 ms: the slower ran %.0f%% of the faster's instructions (median)%n",
                100 * shares[shares.length / 2]);
        return true;
    }

    private static LabSession session(Path root, Path arm, String board, String guest, LabWorker worker)
            throws LabException {
        BoardDescription b = Boards.find(root, board);
        return LabSession.open(root, arm, b, new LabScenario(board, List.of(guest)), worker);
    }

    private static String millis(long[] nanos) {
        List<String> parts = new java.util.ArrayList<>();
        for (long n : nanos) {
            parts.add(String.format("%.1f", n / 1e6));
        }
        return String.join(" ", parts);
    }
}
