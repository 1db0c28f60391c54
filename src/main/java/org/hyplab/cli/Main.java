package org.hyplab.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code java org.hyplab.cli.Main COMMAND ARGS...}: what {@code ./hyplab disasm|run|...} start.
 * Bad input never ends in a stack trace: a usage error prints the reason and exits with 2.
 */
public final class Main {

    /** Every JVM-side command, in the order {@code help} lists them; {@code in} is what {@code run} reads. */
    static List<Command> commands(InputStream in) {
        return List.of(new RunCommand(in), new ExportCommand(), new TraceCommand(), new DisasmCommand(), new DtbCommand(),
                new BenchCommand());
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs a command with no console input (tests). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        List<Command> commands = commands(in);
        Map<String, Command> byName = commands.stream()
                .collect(Collectors.toMap(Command::name, Function.identity()));
        if (args.length == 0 || !byName.containsKey(args[0])) {
            err.println(args.length == 0 ? "hyplab: no command given" : "hyplab: unknown command '" + args[0] + "'");
            commands.forEach(c -> err.printf("  %-10s %s%n", c.name(), c.summary()));
            return Command.EXIT_USAGE;
        }
        Command command = byName.get(args[0]);
        try {
            return command.run(Arrays.asList(args).subList(1, args.length), out, err);
        } catch (Command.UsageException e) {
            err.println("hyplab " + command.name() + ": " + e.getMessage());
            return Command.EXIT_USAGE;
        } finally {
            out.flush();
        }
    }
}
