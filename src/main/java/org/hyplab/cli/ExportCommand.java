package org.hyplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.hyplab.board.BoardDescription;
import org.hyplab.scenario.Scenario;
import org.hyplab.scenario.ScenarioException;
import org.hyplab.scenario.ScenarioExport;

/**
 * {@code ./hyplab export --board B --guest NAME|FILE ... -o DIR [--hypervisor FILE]}: writes a
 * scenario (see {@link ScenarioExport}) with {@code qemu.sh}, which boots it on QEMU's
 * vexpress-a15, and {@code xen.sh}, which boots the same guests on real Xen 4.17. Every export
 * has 256 MiB of RAM, as the scripts give QEMU.
 */
public final class ExportCommand implements Command {

    private static final String USAGE = "usage: export --board B --guest NAME|FILE[,cpus=N][,memory=MiB][,bootargs=TEXT] ... -o DIR "
            + "[--hypervisor FILE]";

    private final Path root;

    public ExportCommand() {
        this(Boards.root());
    }

    ExportCommand(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a scenario with qemu.sh and xen.sh: export --board B --guest NAME|FILE ... -o DIR";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String boardId = null;
        Path output = null;
        Path hypervisor = null;
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--board" -> boardId = value(args, ++i, arg);
                case "--guest" -> guests.add(value(args, ++i, arg));
                case "--hypervisor" -> hypervisor = Path.of(value(args, ++i, arg));
                case "-o", "--output" -> output = Path.of(value(args, ++i, arg));
                default -> throw new UsageException("unknown option '" + arg + "'; " + USAGE);
            }
        }
        if (boardId == null) {
            throw new UsageException("--board is required; " + USAGE);
        }
        if (output == null) {
            throw new UsageException("-o DIR is required; " + USAGE);
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException(output + ": exists and is not a folder");
        }
        BoardDescription board = Boards.find(root, boardId);
        long mem = (long) ScenarioExport.QEMU_MEM_MIB << 20;
        Scenario scenario = ScenarioArgs.scenario(root, board, mem, guests);
        Scenario onQemu = board.id().equals(ScenarioExport.QEMU_BOARD) ? scenario
                : ScenarioArgs.scenario(root, Boards.find(root, ScenarioExport.QEMU_BOARD), mem, guests);
        Path image = hypervisor != null ? hypervisor : ScenarioArgs.defaultHypervisor(root);
        if (!Files.isRegularFile(image)) {
            throw new UsageException(image + ": no such file" + (hypervisor == null ? " (./hyplab build makes it)" : ""));
        }
        List<Path> written;
        try {
            ScenarioExport.checkExportable(scenario);
            written = ScenarioExport.write(scenario, onQemu, Files.readAllBytes(image), output);
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            err.println("hyplab export: cannot write " + output + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        out.println("wrote " + output + ": " + written.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
        return EXIT_OK;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args.get(i);
    }
}
