package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hyplab.elf.ElfException;
import org.hyplab.elf.ElfImage;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;

/**
 * {@code ./hyplab bench [--kernel ELF] [--runs N] [--warmup N] [--no-qemu] [--only mips|boot|snapshot|observe|lab]}:
 * the interpreter's speed on a CPU-bound program, beside QEMU's on the same ELF. Without
 * {@code --kernel} it measures the program twice, with the MMU off and as a guest with stage 1
 * and stage 2 on, and prints the slowdown translation costs; then the teaching hypervisor's boot
 * with the tiny cloud's guests on both boards ({@link HypervisorBootBench}), and snapshots of
 * that booted machine on both boards ({@link SnapshotBench}). {@code --only observe} prices
 * watching a machine ({@link ObservationBench}); {@code --only lab} times the Lab worker's pause
 * and fairness ({@link LabBench}).
 *
 * <p>HypLab runs in this JVM: {@code warmup} runs let the JIT settle, then {@code runs} timed
 * runs; QEMU runs as a whole process ({@code qemu-system-arm -M vexpress-a15,secure=off}),
 * {@code runs} times, so its figure includes its start-up. Figures are medians. Both consoles
 * must agree, so a fast wrong answer cannot pass for a result. The wall clock is read here, in
 * the harness, never inside the machine.
 */
public final class BenchCommand implements Command {

    static final Path DEFAULT_KERNEL = Path.of("target/arm/tests/bench/bench.elf");
    /** The same workload as a guest: stage 2 and stage 1 translation on (tests/arm/bench/bench_mmu.c). */
    static final Path MMU_KERNEL = Path.of("target/arm/tests/bench/bench_mmu.elf");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure the interpreter (MIPS) against QEMU on a CPU-bound program";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> kernels = List.of(DEFAULT_KERNEL, MMU_KERNEL);
        int runs = 5;
        int warmup = 3;
        boolean qemu = true;
        String only = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--kernel" -> kernels = List.of(Path.of(Options.value(args, ++i, arg)));
                case "--runs" -> runs = count(Options.value(args, ++i, arg), arg, 1);
                case "--warmup" -> warmup = count(Options.value(args, ++i, arg), arg, 0);
                case "--no-qemu" -> qemu = false;
                case "--only" -> {
                    only = Options.value(args, ++i, arg);
                    if (!List.of("mips", "boot", "snapshot", "observe", "lab").contains(only)) {
                        throw new UsageException("--only takes mips, boot, snapshot, observe or lab, not '" + only + "'");
                    }
                }
                default -> throw new UsageException("unknown option '" + arg
                        + "' (bench takes --kernel ELF, --runs N, --warmup N, --no-qemu, --only mips|boot|snapshot|observe|lab)");
            }
        }
        if (only.equals("boot")) {
            return bootBench(runs, warmup, out, err);
        }
        if (only.equals("observe")) {
            return ObservationBench.run(runs, warmup, out, err) ? EXIT_OK : EXIT_FAILED;
        }
        if (only.equals("lab")) {
            return LabBench.run(runs, warmup, out, err) ? EXIT_OK : EXIT_FAILED;
        }
        if (only.equals("snapshot")) {
            return snapshotBench(runs, warmup, out, err);
        }
        List<Double> mips = new ArrayList<>();
        for (Path kernel : kernels) {
            double m = measure(kernel, runs, warmup, qemu, out, err);
            if (m < 0) {
                return EXIT_FAILED;
            }
            mips.add(m);
        }
        if (mips.size() == 2) {
            out.printf("MMU on (stage 1 + stage 2) vs off: %.1f vs %.1f MIPS, %+.1f%%%n",
                    mips.get(1), mips.get(0), 100.0 * (mips.get(1) - mips.get(0)) / mips.get(0));
        }
        if (only.isEmpty() && kernels.size() == 2) {
            int exit = bootBench(runs, warmup, out, err);
            return exit != EXIT_OK ? exit : snapshotBench(runs, warmup, out, err);
        }
        return EXIT_OK;
    }

    private static int bootBench(int runs, int warmup, PrintStream out, PrintStream err) {
        boolean ok = HypervisorBootBench.run("vexpress-a15", 256L << 20, runs, warmup, out, err)
                && HypervisorBootBench.run("arndale", 1L << 30, runs, warmup, out, err);
        return ok ? EXIT_OK : EXIT_FAILED;
    }

    /**
     * Snapshots of the booted cloud on both boards, at the sizes of the boot bench; the sum of
     * the two takes is what "one snapshot of the booted two-board-size scenario" costs.
     */
    private static int snapshotBench(int runs, int warmup, PrintStream out, PrintStream err) {
        SnapshotBench.Result vexpress = SnapshotBench.run("vexpress-a15", 256L << 20, runs, warmup, out, err);
        SnapshotBench.Result arndale = vexpress == null ? null : SnapshotBench.run("arndale", 1L << 30, runs, warmup, out, err);
        if (arndale == null) {
            return EXIT_FAILED;
        }
        out.printf("Both boards: take %.3f ms, restore %.3f ms (medians added; the target for take is 50 ms)%n",
                (vexpress.takeNanos() + arndale.takeNanos()) / 1e6, (vexpress.restoreNanos() + arndale.restoreNanos()) / 1e6);
        return EXIT_OK;
    }

    /** Times one kernel on HypLab (and QEMU); returns HypLab's MIPS (from the median), or -1 on failure. */
    private double measure(Path kernel, int runs, int warmup, boolean qemu, PrintStream out, PrintStream err) {
        ElfImage elf;
        try {
            elf = ElfImage.parse(Files.readAllBytes(kernel));
        } catch (IOException e) {
            throw new UsageException(kernel + ": cannot read (" + e.getMessage() + "); build first with ./hyplab build");
        } catch (ElfException e) {
            throw new UsageException(kernel + ": " + e.getMessage());
        }

        out.printf("benchmark: %s, %d warm-up + %d timed runs%n", kernel, warmup, runs);
        byte[] console = null;
        long instructions = 0;
        long[] nanos = new long[runs];
        for (int i = 0; i < warmup + runs; i++) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            Machine machine = Machine.tinyVexpress(1L << 30, buffer::write);
            try {
                machine.load(elf);
            } catch (LoadException e) {
                throw new UsageException(kernel + ": " + e.getMessage());
            }
            long start = System.nanoTime();
            Machine.Stop stop = machine.run(Long.MAX_VALUE);
            long elapsed = System.nanoTime() - start;
            if (stop != Machine.Stop.POWERED_OFF) {
                err.println("hyplab bench: the program did not power off (" + stop + ")");
                return -1;
            }
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
            }
            instructions = machine.retired();
            console = buffer.toByteArray();
        }
        long hyplab = median(nanos);
        double mips = instructions / (hyplab / 1e3);
        out.printf("HypLab: %,d guest instructions, median %.3f s, %.1f MIPS (runs: %s)%n",
                instructions, hyplab / 1e9, mips, seconds(nanos));

        if (qemu) {
            long[] qemuNanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                byte[] qemuConsole = runQemu(kernel, err);
                qemuNanos[i] = System.nanoTime() - start;
                if (qemuConsole == null) {
                    return -1;
                }
                if (!Arrays.equals(qemuConsole, console)) {
                    err.println("hyplab bench: QEMU's console differs from HypLab's: a conformance bug");
                    return -1;
                }
            }
            long q = median(qemuNanos);
            out.printf("QEMU:   median %.3f s for the whole process (runs: %s)%n", q / 1e9, seconds(qemuNanos));
            out.printf("HypLab/QEMU time ratio: %.1f%n", (double) hyplab / q);
        }
        return mips;
    }

    private static byte[] runQemu(Path kernel, PrintStream err) {
        ProcessBuilder builder = new ProcessBuilder("qemu-system-arm", "-M", "vexpress-a15,secure=off",
                "-nographic", "-monitor", "none", "-kernel", kernel.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("QEMU_AUDIO_DRV", "none");
        try {
            Process p = builder.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                err.println("hyplab bench: QEMU did not power off cleanly");
                return null;
            }
            return output;
        } catch (IOException e) {
            err.println("hyplab bench: cannot run qemu-system-arm: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String seconds(long[] nanos) {
        List<String> parts = new ArrayList<>();
        for (long n : nanos) {
            parts.add(String.format("%.3f", n / 1e9));
        }
        return String.join(" ", parts);
    }

    private static int count(String text, String option, int min) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number from " + min + " to 1000, not '" + text + "'");
    }
}
