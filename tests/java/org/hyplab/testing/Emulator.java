package org.hyplab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BoardFiles;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;

/** Runs a kernel on HypLab in this JVM the way {@code ./hyplab run} does, console captured as bytes. */
public final class Emulator {

    /** What a run printed, why it stopped and how many instructions it took. */
    public record Run(Machine.Stop stop, byte[] console, long instructions) {
        public String text() {
            return new String(console, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private Emulator() {
    }

    /** A board of {@code boards/} (tests run from the project root). */
    public static BoardDescription board(String id) {
        return BoardFiles.load(Path.of("").toAbsolutePath()).find(BoardDescription::id, id)
                .orElseThrow(() -> new AssertionError("no board " + id + " in boards/"));
    }

    /** An ELF on the Versatile Express with both CPUs and 1 GiB, as QEMU's vexpress-a15 -smp 2. */
    public static Run runVexpress(Path elf, long maxInstructions) throws IOException, LoadException {
        return run("vexpress-a15", elf, 1L << 30, maxInstructions);
    }

    /** A kernel file (ELF, zImage or raw) on {@code board} with {@code memBytes} of RAM. */
    public static Run run(String board, Path kernel, long memBytes, long maxInstructions)
            throws IOException, LoadException {
        return boot(board, BootLoader.Request.kernelOnly(kernel.toString(), Files.readAllBytes(kernel)),
                memBytes, maxInstructions);
    }

    public static Run boot(String boardId, BootLoader.Request request, long memBytes, long maxInstructions)
            throws LoadException {
        return bootMachine(boardId, request, memBytes, maxInstructions).run();
    }

    /** A run and the machine it ran on, for a test that looks into its memory afterwards. */
    public record Finished(Run run, Machine machine) {
    }

    public static Finished bootMachine(String boardId, BootLoader.Request request, long memBytes, long maxInstructions)
            throws LoadException {
        BoardDescription board = board(boardId);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(memBytes, board.cpus(), console::write));
        BootLoader.boot(machine, board, memBytes, request);
        Machine.Stop stop = machine.run(maxInstructions);
        return new Finished(new Run(stop, console.toByteArray(), machine.retired()), machine);
    }
}
