package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.hyplab.board.BoardDescription;
import org.hyplab.debug.Breakpoint;
import org.hyplab.debug.Debugger;
import org.hyplab.debug.Images;
import org.hyplab.debug.RunFree;
import org.hyplab.debug.Space;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Scenario;
import org.hyplab.trace.TraceRecorder;

/**
 * What watching a machine costs: the same workload run plain, with the trace recorder (every
 * trap, exception return, TLB-miss walk, GIC step and timer firing recorded), and under the
 * Lab's debugger (the recorder plus a control; then also a breakpoint, which makes every
 * instruction be looked at). Three workloads: the CPU-bound bare-metal benchmark, the tiny
 * cloud's scenario under the hypervisor (mostly guests computing, with the hypervisor's time
 * slices), and the fuzz guest, which makes random hypercalls and device accesses.
 * Medians of timed runs after warm-ups; the wall clock is read here, never in the machine.
 */
final class ObservationBench {

    enum Mode {
        OFF("nothing attached"), RECORDER("trace recorder"), DEBUGGER("Lab debugger, running free"),
        BREAKPOINT("Lab debugger with a breakpoint");

        final String words;

        Mode(String words) {
            this.words = words;
        }
    }

    /** A workload: how to build its machine, how many instructions to time. */
    private record Workload(String name, java.util.function.Supplier<Machine> machine, long instructions) {
    }

    private ObservationBench() {
    }

    static boolean run(int runs, int warmup, PrintStream out, PrintStream err) {
        Path root = Boards.root();
        BoardDescription board = Boards.find(root, "vexpress-a15");
        byte[] bench;
        try {
            bench = Files.readAllBytes(BenchCommand.DEFAULT_KERNEL);
        } catch (java.io.IOException e) {
            err.println("hyplab bench: cannot read " + BenchCommand.DEFAULT_KERNEL + " (run ./hyplab build)");
            return false;
        }
        long mem = 256L << 20;
        Scenario cloud = ScenarioArgs.scenario(root, board, mem, HypervisorBootBench.GUESTS);
        Path hypervisor = ScenarioArgs.defaultHypervisor(root);
        BootLoader.Request cloudBoot = cloud.bootRequest(hypervisor.toString(), RunCommand.read(hypervisor));
        Scenario fuzz = ScenarioArgs.scenario(root, board, mem, List.of("fuzz"));
        BootLoader.Request fuzzBoot = fuzz.bootRequest(hypervisor.toString(), RunCommand.read(hypervisor));
        List<Workload> workloads = List.of(
                new Workload("bench.elf (bare metal, CPU-bound)", () -> boot(board, mem,
                        BootLoader.Request.kernelOnly("bench.elf", bench)), 60_000_000L),
                new Workload("hypervisor + cloud guests (traps, walks, interrupts)",
                        () -> boot(board, mem, cloudBoot), 30_000_000L),
                new Workload("hypervisor + the fuzz guest (random hypercalls and device accesses)",
                        () -> boot(board, mem, fuzzBoot), 30_000_000L));
        out.printf("benchmark: the cost of observation, %d warm-up + %d timed runs each, medians%n", warmup, runs);
        for (Workload w : workloads) {
            out.printf("%s, %,d instructions:%n", w.name(), w.instructions());
            Mode[] modes = Mode.values();
            long[][] nanos = new long[modes.length][runs];
            long[] events = new long[modes.length];
            // Round by round, every mode once in each (in turn first), so that the JIT's
            // warming and the machine's other load fall on all modes alike.
            for (int i = 0; i < warmup + runs; i++) {
                for (int k = 0; k < modes.length; k++) {
                    int mode = (i + k) % modes.length;
                    Machine m = w.machine().get();
                    if (m == null) {
                        err.println("hyplab bench: the workload does not boot");
                        return false;
                    }
                    long[] count = {0};
                    Runnable runner = attach(modes[mode], m, count, w.instructions());
                    long start = System.nanoTime();
                    runner.run();
                    long took = System.nanoTime() - start;
                    if (m.retired() < w.instructions()) {
                        err.printf("hyplab bench: %s stopped after %,d instructions%n", w.name(), m.retired());
                        return false;
                    }
                    if (i >= warmup) {
                        nanos[mode][i - warmup] = took;
                        events[mode] = count[0];
                    }
                }
            }
            double off = w.instructions() / (BenchCommand.median(nanos[0]) / 1e3);
            for (int mode = 0; mode < modes.length; mode++) {
                double mips = w.instructions() / (BenchCommand.median(nanos[mode]) / 1e3);
                out.printf("  %-32s %7.1f MIPS  %5.2fx the time of nothing attached%s (runs: %s)%n", modes[mode].words,
                        mips, off / mips, events[mode] > 0 ? String.format(", %,d events", events[mode]) : "",
                        BenchCommand.seconds(nanos[mode]));
            }
        }
        return true;
    }

    /** Attaches what {@code mode} watches with; the run to time. */
    private static Runnable attach(Mode mode, Machine m, long[] events, long instructions) {
        return switch (mode) {
            case OFF -> () -> m.run(instructions);
            case RECORDER -> {
                TraceRecorder recorder = new TraceRecorder(1_000_000);
                Consumer<org.hyplab.trace.MachineEvent> counting = e -> {
                    recorder.accept(e);
                    events[0]++;
                };
                org.hyplab.trace.Probe.attach(m).addSink(counting).recordWalks(true).recordInterrupts(true);
                yield () -> m.run(instructions);
            }
            case DEBUGGER, BREAKPOINT -> {
                Debugger d = new Debugger(m, Images.none(), 1_000_000);
                if (mode == Mode.BREAKPOINT) {
                    d.addBreakpoint(new Breakpoint(Space.ANY, 0xFFFF_FFF0, "never reached"));
                }
                yield () -> {
                    d.run(new RunFree(), instructions);
                    events[0] = d.recorder().total();
                };
            }
        };
    }

    private static Machine boot(BoardDescription board, long mem, BootLoader.Request request) {
        Machine m = BoardAssembler.build(board, new BoardAssembler.Options(mem, board.cpus(), new ByteArrayOutputStream()::write));
        try {
            BootLoader.boot(m, board, mem, request);
        } catch (LoadException e) {
            return null;
        }
        return m;
    }
}
