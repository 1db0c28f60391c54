package org.hyplab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hyplab.elf.ElfException;
import org.hyplab.elf.ElfImage;
import org.hyplab.machine.LoadException;
import org.hyplab.machine.Machine;

/** Runs an ELF on HypLab in this JVM the way {@code ./hyplab run} does, console captured as bytes. */
public final class Emulator {

    /** What a run printed, why it stopped and how many instructions it took. */
    public record Run(Machine.Stop stop, byte[] console, long instructions) {
        public String text() {
            return new String(console, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private Emulator() {
    }

    public static Run runVexpress(Path elf, long maxInstructions)
            throws IOException, ElfException, LoadException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = Machine.tinyVexpress(1L << 30, 2, console::write);
        machine.load(ElfImage.parse(Files.readAllBytes(elf)));
        Machine.Stop stop = machine.run(maxInstructions);
        return new Run(stop, console.toByteArray(), machine.retired());
    }
}
