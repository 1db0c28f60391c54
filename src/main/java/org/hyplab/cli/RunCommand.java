package org.hyplab.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.elf.ElfException;
import org.hyplab.elf.ElfImage;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;

/**
 * {@code ./hyplab run --board vexpress-a15 --kernel X.elf [--max-insns N] [--mem MiB]}: runs an
 * ELF on an emulated board and copies the console (UART0) to standard output, byte for byte.
 *
 * <p>Exit codes: 0 the board powered off; 3 the instruction budget ran out; 4 every CPU waits
 * for an interrupt that can never come; 2 bad arguments or an image that cannot be loaded.
 */
public final class RunCommand implements Command {

    static final int EXIT_BUDGET = 3;
    static final int EXIT_DEADLOCK = 4;
    static final long DEFAULT_MEM_MIB = 1024;

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run an ELF on an emulated board, console to stdout";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String board = "vexpress-a15";
        Path kernel = null;
        long maxInsns = Long.MAX_VALUE;
        long memMib = DEFAULT_MEM_MIB;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> board = value(args, ++i, arg);
                case "--kernel" -> kernel = Path.of(value(args, ++i, arg));
                case "--max-insns" -> maxInsns = positive(value(args, ++i, arg), arg);
                case "--mem" -> memMib = positive(value(args, ++i, arg), arg);
                default -> throw new UsageException("unknown option '" + arg
                        + "' (run takes --board B, --kernel FILE, --max-insns N, --mem MiB)");
            }
        }
        if (kernel == null) {
            throw new UsageException("--kernel FILE is required");
        }
        if (!board.equals("vexpress-a15")) {
            throw new UsageException("board '" + board + "' cannot run programs yet: only vexpress-a15 "
                    + "(the Arndale joins with the boards issue)");
        }
        if (memMib > 2048) {
            throw new UsageException("--mem is at most 2048 MiB on vexpress-a15 (DRAM 0x80000000-0xFFFFFFFF)");
        }
        ElfImage elf = readElf(kernel);
        OutputStream console = new BufferedOutputStream(out, 1 << 16);
        Machine machine = Machine.tinyVexpress(memMib << 20, 2, b -> write(console, b));
        try {
            machine.load(elf);
        } catch (LoadException e) {
            throw new UsageException(kernel + ": " + e.getMessage());
        }
        Machine.Stop stop = machine.run(maxInsns);
        flush(console);
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
            case DEADLOCKED -> {
                err.printf("hyplab run: every CPU waits for an interrupt that nothing can raise "
                        + "(after %,d instructions)%n", retired);
                yield EXIT_DEADLOCK;
            }
        };
    }

    private static ElfImage readElf(Path kernel) {
        try {
            return ElfImage.parse(Files.readAllBytes(kernel));
        } catch (NoSuchFileException e) {
            throw new UsageException(kernel + ": no such file");
        } catch (IOException e) {
            throw new UsageException(kernel + ": cannot read: " + e.getMessage());
        } catch (ElfException e) {
            throw new UsageException(kernel + ": " + e.getMessage());
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

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long positive(String text, String option) {
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
