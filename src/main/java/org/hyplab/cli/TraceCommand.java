package org.hyplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.board.BoardDescription;
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
 * {@code ./hyplab trace --board B [--mem MiB] --guest NAME|FILE ... [--hypervisor FILE]
 * [--max-insns N] [--all]}: boots a scenario as {@code run --hypervisor} does and prints its trap
 * timeline, one line per trap a guest made into Hyp mode ({@code --all}: the hypervisor's own
 * and the interrupts too). The consoles are not printed.
 */
public final class TraceCommand implements Command {

    private static final String USAGE = "usage: trace --board B [--mem MiB] --guest NAME|FILE ... [--hypervisor FILE] "
            + "[--max-insns N] [--all]";
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
        Path hypervisor = null;
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> boardId = value(args, ++i, arg);
                case "--guest" -> guests.add(value(args, ++i, arg));
                case "--hypervisor" -> hypervisor = Path.of(value(args, ++i, arg));
                case "--mem" -> memMib = number(value(args, ++i, arg), arg);
                case "--max-insns" -> maxInsns = number(value(args, ++i, arg), arg);
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
        Probe.attach(machine).addSink(e -> {
            if (e instanceof TrapEvent) {
                recorder.accept(e);
            }
        });
        Machine.Stop stop = machine.run(maxInsns);
        List<SymbolTable> symbols = guestSymbols(scenario);
        out.println(TrapTimeline.header());
        for (TrapEvent e : recorder.traps()) {
            if (all || (e.fromGuest() && e.vector() == TrapEvent.VECTOR_TRAP)) {
                SymbolTable table = e.fromGuest() && e.vmid() >= 1 && e.vmid() <= symbols.size() ? symbols.get(e.vmid() - 1) : null;
                out.println(TrapTimeline.line(e) + (table == null ? "" : "  in " + table.describe(Integer.toUnsignedLong(e.returnAddress()))));
            }
        }
        err.printf("hyplab trace: %s after %,d instructions; %,d traps into Hyp mode%s%n", stop, machine.retired(),
                recorder.total(), recorder.total() > CAPACITY ? " (the oldest not kept)" : "");
        return stop == Machine.Stop.POWERED_OFF ? EXIT_OK : EXIT_FAILED;
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

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long number(String text, String option) {
        try {
            long n = Long.parseLong(text.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a positive whole number, not '" + text + "'");
    }
}
