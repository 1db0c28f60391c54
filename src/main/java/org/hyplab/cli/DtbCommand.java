package org.hyplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;

/**
 * {@code ./hyplab dtb --board B [--mem MiB] [--bootargs S] [-o FILE]}: writes the device tree
 * blob HypLab generates for board B from {@code boards/B.yaml} (to standard output unless
 * {@code -o}); {@code dtc -I dtb -O dts} shows it as source.
 */
public final class DtbCommand implements Command {

    private static final String USAGE = "usage: dtb --board B [--mem MiB] [--bootargs TEXT] [-o FILE]";

    private final Path root;

    /** Reads the boards of the project the launcher runs from. */
    public DtbCommand() {
        this(Boards.root());
    }

    DtbCommand(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "dtb";
    }

    @Override
    public String summary() {
        return "write a board's device tree blob: dtb --board B [--mem MiB] [--bootargs S] [-o FILE]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String boardId = null;
        String memText = null;
        String bootargs = "";
        Path output = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> boardId = value(args, ++i, arg);
                case "--mem" -> memText = value(args, ++i, arg);
                case "--bootargs" -> bootargs = value(args, ++i, arg);
                case "-o", "--output" -> output = Path.of(value(args, ++i, arg));
                default -> throw new UsageException("unknown option '" + arg + "'; " + USAGE);
            }
        }
        if (boardId == null) {
            throw new UsageException("--board is required; " + USAGE);
        }
        BoardDescription board = board(boardId);
        long memBytes = board.defaultMemBytes();
        if (memText != null) {
            long maxMib = board.dram().size() >> 20;
            if (!memText.matches("[0-9]{1,7}") || Long.parseLong(memText) < 1 || Long.parseLong(memText) > maxMib) {
                throw new UsageException("--mem must be a whole number of MiB from 1 to " + maxMib + " on "
                        + board.id() + ", found '" + memText + "'");
            }
            memBytes = Long.parseLong(memText) << 20;
        }
        byte[] blob = DeviceTreeGenerator.generate(board, new BootParameters(memBytes, bootargs, 0, 0, List.of()));
        try {
            if (output == null) {
                out.write(blob);
            } else {
                Files.write(output, blob);
            }
        } catch (IOException e) {
            err.println("hyplab dtb: cannot write " + output + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    private BoardDescription board(String id) {
        return Boards.find(root, id);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args.get(i);
    }
}
