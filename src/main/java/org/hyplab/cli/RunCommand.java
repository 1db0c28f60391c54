package org.hyplab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Scenario;

/**
 * {@code ./hyplab run --board B --kernel FILE [options]}: boots a kernel on an emulated board, the
 * way QEMU's {@code -kernel} does (see {@link BootLoader}), with the console UART (vexpress UART0,
 * Arndale UART2) connected to standard input and output, byte for byte.
 *
 * <p>{@code ./hyplab run --board B --hypervisor [FILE] --guest NAME|FILE ...} boots a scenario
 * ({@link Scenario}): HypLab's hypervisor (or the image FILE, e.g. real Xen's zImage) with
 * each guest a dom0less domain of the device tree, in the order given.
 *
 * <p>Exit codes: 0 the board powered off; 3 the instruction budget ran out; 4 every CPU waits
 * for an interrupt that can never come; 2 bad arguments or an image that cannot be loaded (one
 * line on standard error says why).
 */
public final class RunCommand implements Command {

    static final int EXIT_BUDGET = 3;
    static final int EXIT_DEADLOCK = 4;

    static final String OPTIONS = "--board B, --kernel FILE, --hypervisor [FILE], --guest NAME|FILE[,cpus=N][,memory=MiB][,bootargs=TEXT], "
            + "--dtb FILE, --initrd FILE, --module FILE@ADDR, --bootargs TEXT, --smp N, --mem MiB, --max-insns N";

    private final InputStream stdin;

    /** @param stdin the console's input (the process's standard input, or none in tests) */
    RunCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "boot a kernel (ELF, zImage or raw), or --hypervisor with --guest's, on an emulated board";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String boardId = "vexpress-a15";
        Path kernel = null, dtb = null, initrd = null;
        List<String> modules = new ArrayList<>();
        List<String> guests = new ArrayList<>();
        boolean underHypervisor = false;
        Path hypervisor = null;
        String bootargs = "";
        long maxInsns = Long.MAX_VALUE;
        long memMib = -1;
        int smp = -1;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> boardId = Options.value(args, ++i, arg);
                case "--kernel" -> kernel = Path.of(Options.value(args, ++i, arg));
                case "--dtb" -> dtb = Path.of(Options.value(args, ++i, arg));
                case "--initrd" -> initrd = Path.of(Options.value(args, ++i, arg));
                case "--module" -> modules.add(Options.value(args, ++i, arg));
                case "--hypervisor" -> {
                    underHypervisor = true;
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        hypervisor = Path.of(args.get(++i));
                    }
                }
                case "--guest" -> guests.add(Options.value(args, ++i, arg));
                case "--bootargs" -> bootargs = Options.value(args, ++i, arg);
                case "--smp" -> smp = (int) Math.min(Options.positive(Options.value(args, ++i, arg), arg), Integer.MAX_VALUE);
                case "--max-insns" -> maxInsns = Options.positive(Options.value(args, ++i, arg), arg);
                case "--mem" -> memMib = Options.positive(Options.value(args, ++i, arg), arg);
                default -> throw new UsageException("unknown option '" + arg + "' (run takes " + OPTIONS + ")");
            }
        }
        if (underHypervisor && kernel != null) {
            throw new UsageException("give either --kernel FILE or --hypervisor [FILE], not both");
        }
        if (!guests.isEmpty() && !underHypervisor) {
            throw new UsageException("--guest needs --hypervisor: guests run under a hypervisor");
        }
        if (underHypervisor && (dtb != null || initrd != null || !modules.isEmpty())) {
            throw new UsageException("--hypervisor makes the device tree and places the guests itself: "
                    + "leave out --dtb, --initrd and --module");
        }
        if (kernel == null && !underHypervisor) {
            throw new UsageException("--kernel FILE is required");
        }
        BoardDescription board = Boards.find(Boards.root(), boardId);
        long memBytes = memMib > 0 ? memMib << 20 : board.defaultMemBytes();
        if (memBytes > board.dram().size()) {
            throw new UsageException(String.format("--mem is at most %d MiB on %s", board.dram().size() >> 20, boardId));
        }
        if (smp > 4) {
            throw new UsageException("--smp is at most 4 (a Cortex-A15 cluster has 1 to 4 CPUs)");
        }
        BootLoader.Request request;
        if (underHypervisor) {
            kernel = hypervisor != null ? hypervisor : ScenarioArgs.defaultHypervisor(Boards.root());
            if (hypervisor == null && !Files.isRegularFile(kernel)) {
                throw new UsageException(kernel + ": no such file (./hyplab build makes HypLab's hypervisor)");
            }
            // The tree lists the CPUs of the run, as the boot loader's does.
            Scenario scenario = ScenarioArgs.scenario(Boards.root(), smp > 0 ? board.withCpus(smp) : board,
                    memBytes, guests);
            BootLoader.Request plan = scenario.bootRequest(kernel.toString(), read(kernel));
            request = new BootLoader.Request(plan.kernelName(), plan.kernel(), null, null, plan.modules(), plan.dtb(),
                    bootargs);
        } else {
            List<BootLoader.Module> mods = new ArrayList<>();
            for (String m : modules) {
                mods.add(module(m));
            }
            request = new BootLoader.Request(kernel.toString(), read(kernel),
                    initrd == null ? null : initrd.toString(), initrd == null ? null : read(initrd),
                    mods, dtb == null ? null : read(dtb), bootargs);
        }

        OutputStream console = new BufferedOutputStream(out, 1 << 16);
        Machine machine = BoardAssembler.build(board,
                new BoardAssembler.Options(memBytes, smp > 0 ? smp : board.cpus(), b -> write(console, b)));
        try {
            BootLoader.boot(machine, board, memBytes, request);
        } catch (LoadException e) {
            throw new UsageException(kernel + ": " + e.getMessage());
        }
        StdinConsole input = new StdinConsole(stdin);
        machine.setConsoleInput(input);
        Machine.Stop stop;
        try {
            stop = machine.run(maxInsns);
        } finally {
            flush(console);
        }
        long retired = machine.retired();
        return switch (stop) {
            case POWERED_OFF -> {
                err.printf("hyplab run: powered off (%s) after %,d instructions%n", machine.powerReason(), retired);
                yield EXIT_OK;
            }
            case BUDGET_EXHAUSTED -> {
                err.printf("hyplab run: stopped after %,d instructions (--max-insns)%n", retired);
                yield EXIT_BUDGET;
            }
            case STOPPED, WAITING_FOR_INPUT -> throw new IllegalStateException("a plain run neither stops nor polls: " + stop);
            case DEADLOCKED -> {
                err.printf("hyplab run: every CPU waits for an interrupt that nothing can raise "
                        + "(after %,d instructions)%n", retired);
                yield EXIT_DEADLOCK;
            }
        };
    }

    /** {@code FILE@ADDR}: the file's bytes and where they go. */
    private static BootLoader.Module module(String spec) {
        int at = spec.lastIndexOf('@');
        if (at <= 0 || at == spec.length() - 1) {
            throw new UsageException("--module takes FILE@ADDRESS (e.g. guest.bin@0x84000000), not '" + spec + "'");
        }
        String file = spec.substring(0, at);
        String addr = spec.substring(at + 1);
        long address;
        try {
            address = addr.startsWith("0x") || addr.startsWith("0X")
                    ? Long.parseUnsignedLong(addr.substring(2).replace("_", ""), 16)
                    : Long.parseLong(addr.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--module " + spec + ": '" + addr + "' is not an address");
        }
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new UsageException("--module " + spec + ": the address is beyond 32 bits");
        }
        return new BootLoader.Module(file, read(Path.of(file)), address);
    }

    /** A file's bytes, or a one-line usage error naming the file (also for bench and trace). */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new UsageException(file + ": too large to load");
        }
    }

    private static void write(OutputStream console, int b) {
        try {
            console.write(b);
            if (b == '\n') {
                console.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(OutputStream console) {
        try {
            console.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
