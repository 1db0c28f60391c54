package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.debug.HandlerTracker;
import org.hyplab.debug.Image;
import org.hyplab.elf.ElfException;
import org.hyplab.elf.SymbolTable;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Domain;
import org.hyplab.scenario.Scenario;
import org.hyplab.trace.TrapEvent;
import org.hyplab.trace.Probe;
import org.hyplab.trace.TraceRecorder;
import org.hyplab.trace.TrapTimeline;

/**
 * {@code ./hyplab trace --board B [--mem MiB] --guest NAME|FILE ... [--hypervisor [FILE]]
 * [--until CYCLE|TEXT] [--max-insns N] [--all]}: boots a scenario as {@code run --hypervisor}
 * does and prints its trap timeline, one line per trap a guest made into Hyp mode ({@code --all}:
 * the hypervisor's own and the interrupts too): when, where, what (decoded), in which guest
 * function, and which hypervisor functions handled it ({@link HandlerTracker}). {@code --until}
 * ends at a cycle, or after the first trap whose line contains the text. The consoles are not
 * printed.
 */
public final class TraceCommand implements Command {

    private static final String USAGE = "usage: trace --board B [--mem MiB] --guest NAME|FILE ... [--hypervisor [FILE]] "
            + "[--until CYCLE|TEXT] [--max-insns N] [--all]";
    static final int CAPACITY = 1_000_000;

    @Override
    public String name() {
        return "trace";
    }

    @Override
    public String summary() {
        return "print a scenario's trap timeline: trace --board B --guest NAME|FILE ...";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String boardId = null;
        long memMib = 0;
        long maxInsns = 200_000_000L;
        boolean all = false;
        String until = null;
        Path hypervisor = null;
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> boardId = Options.value(args, ++i, arg);
                case "--guest" -> guests.add(Options.value(args, ++i, arg));
                case "--hypervisor" -> {
                    // The file is optional: "--hypervisor" alone names HypLab's own.
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        hypervisor = Path.of(args.get(++i));
                    }
                }
                case "--until" -> until = Options.value(args, ++i, arg);
                case "--mem" -> memMib = Options.positive(Options.value(args, ++i, arg), arg);
                case "--max-insns" -> maxInsns = Options.positive(Options.value(args, ++i, arg), arg);
                case "--all" -> all = true;
                default -> throw new UsageException("unknown option '" + arg + "'; " + USAGE);
            }
        }
        if (boardId == null) {
            throw new UsageException("--board is required; " + USAGE);
        }
        Path root = Boards.root();
        BoardDescription board = Boards.find(root, boardId);
        long memBytes = memMib > 0 ? memMib << 20 : (boardId.equals("arndale") ? 1024L : 256L) << 20;
        Scenario scenario = ScenarioArgs.scenario(root, board, memBytes, guests);
        Path image = hypervisor != null ? hypervisor : ScenarioArgs.defaultHypervisor(root);
        byte[] bytes = RunCommand.read(image);
        Machine machine = BoardAssembler.build(board,
                new BoardAssembler.Options(memBytes, board.cpus(), new ByteArrayOutputStream()::write));
        try {
            BootLoader.boot(machine, board, memBytes, scenario.bootRequest(image.toString(), bytes));
        } catch (LoadException e) {
            throw new UsageException(e.getMessage());
        }
        TraceRecorder recorder = new TraceRecorder(CAPACITY);
        HandlerTracker handlers = hypervisorImage(image, machine)
                .map(h -> new HandlerTracker(h, machine.cpus().size())).orElse(null);
        Probe.attach(machine).addSink(e -> {
            if (e instanceof TrapEvent) {
                recorder.accept(e);
            }
            if (handlers != null) {
                handlers.event(e);
            }
        });
        machine.setInstructionHook(handlers);
        List<SymbolTable> symbols = guestSymbols(scenario);
        boolean allTraps = all;
        java.util.function.Predicate<TrapEvent> shown = e -> allTraps || (e.fromGuest() && e.vector() == TrapEvent.VECTOR_TRAP);
        java.util.function.Function<TrapEvent, String> describe = e -> {
            SymbolTable table = e.fromGuest() && e.vmid() >= 1 && e.vmid() <= symbols.size() ? symbols.get(e.vmid() - 1) : null;
            return TrapTimeline.line(e) + (table == null ? "" : "  in " + table.describe(Integer.toUnsignedLong(e.returnAddress())));
        };
        TrapEvent[] last = new TrapEvent[1];
        Machine.Stop stop = runUntil(machine, maxInsns, until, recorder, shown, describe, last);
        out.println(TrapTimeline.header());
        long cutoff = until != null && until.matches("[0-9_]+") ? Long.parseLong(until.replace("_", "")) : Long.MAX_VALUE;
        for (TrapEvent e : recorder.traps()) {
            if (e.cycle() > cutoff || (last[0] != null && e.cycle() > last[0].cycle())) {
                break;
            }
            if (shown.test(e)) {
                String handler = handlers == null ? "" : handlers.handlerOf(e).map(h -> "  -> " + h).orElse("  -> (not returned)");
                out.println(describe.apply(e) + handler);
            }
        }
        err.printf("hyplab trace: %s after %,d instructions; %,d traps into Hyp mode%s%n", stop, machine.retired(),
                recorder.total(), recorder.total() > CAPACITY ? " (the oldest not kept)" : "");
        return stop == Machine.Stop.POWERED_OFF || stop == Machine.Stop.STOPPED ? EXIT_OK : EXIT_FAILED;
    }

    /**
     * Runs the machine: to its end or {@code maxInsns}, or with {@code --until} to a cycle (a
     * number) or to the first shown trap whose line contains the text (put in {@code last};
     * the machine runs on a little, for its handler to return).
     */
    private static Machine.Stop runUntil(Machine machine, long maxInsns, String until, TraceRecorder recorder,
                                         java.util.function.Predicate<TrapEvent> shown,
                                         java.util.function.Function<TrapEvent, String> describe, TrapEvent[] last) {
        if (until == null) {
            return machine.run(maxInsns);
        }
        boolean byCycle = until.matches("[0-9_]+");
        long cycle = byCycle ? Long.parseLong(until.replace("_", "")) : 0;
        long checked = 0;
        long left = maxInsns;
        Machine.Stop stop = Machine.Stop.BUDGET_EXHAUSTED;
        while (left > 0) {
            long before = machine.retired();
            stop = machine.run(Math.min(left, 10_000));
            left -= machine.retired() - before;
            if (stop != Machine.Stop.BUDGET_EXHAUSTED) {
                return stop;
            }
            if (byCycle) {
                if (machine.cpus().stream().allMatch(c -> c.cycles() >= cycle)) {
                    return Machine.Stop.STOPPED;
                }
                continue;
            }
            List<TrapEvent> traps = recorder.traps();
            for (int i = (int) Math.max(0, checked - recorder.firstKept()); i < traps.size(); i++) {
                if (shown.test(traps.get(i)) && describe.apply(traps.get(i)).contains(until)) {
                    last[0] = traps.get(i);
                    machine.run(Math.min(left, 100_000));   // let its handler return, for its handler column
                    return Machine.Stop.STOPPED;
                }
            }
            checked = recorder.total();
        }
        return stop;
    }

    /** The hypervisor's symbols and lines, from the ELF beside the image, loaded where the machine starts it. */
    private static java.util.Optional<Image> hypervisorImage(Path image, Machine machine) {
        try {
            return java.util.Optional.of(Image.load("hypervisor", image)
                    .startedAt(Integer.toUnsignedLong(machine.cpus().get(0).pc)));
        } catch (ElfException e) {
            return java.util.Optional.empty();   // no ELF beside it: no handler column
        }
    }

    /**
     * Each domain's guest symbols, from the ELF beside its zImage (the build keeps both); an empty
     * table where there is none. A guest's PC is a virtual address, which is its link address
     * while its MMU is off or maps itself one to one, as the teaching guests do.
     */
    private static List<SymbolTable> guestSymbols(Scenario scenario) {
        List<SymbolTable> tables = new ArrayList<>();
        for (Domain d : scenario.domains()) {
            Path file = d.guest().kernel().file();
            String name = file.getFileName().toString();
            Path elf = name.endsWith(".zImage") ? file.resolveSibling(name.replace(".zImage", ".elf")) : file;
            SymbolTable table = null;
            try {
                table = Files.isRegularFile(elf) ? SymbolTable.parse(Files.readAllBytes(elf)) : null;
            } catch (IOException | ElfException e) {
                table = null;                   // no symbols: the addresses alone
            }
            tables.add(table);
        }
        return tables;
    }
}
