package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Arndale programs (tests/arm/arndale) run on HypLab's arndale board, and each console
 * transcript must equal the one in tests/arm/arndale/expected, byte for byte once CR LF is
 * turned into LF. No other emulator models the Exynos 5250, so the oracle is those files,
 * written by hand from BOARDS.md §3 (tests/arm/arndale/README.md maps every line to its fact).
 */
class ArndaleProgramsIT {

    /** Far more than any of them needs; hitting it means HypLab went astray. */
    static final long BUDGET = 2_000_000_000L;
    /** Main memory for the runs: 1 GiB of the board's 2 GiB is plenty and keeps the RAM lazy. */
    static final long MEMORY = 1L << 30;
    static final Path EXPECTED = Path.of("tests/arm/arndale/expected");

    @TestFactory
    Stream<DynamicTest> everyArndaleProgramPrintsItsExpectedTranscript() throws IOException {
        List<Path> programs;
        try (Stream<Path> files = Files.list(Qemu.armDir().resolve("tests").resolve("arndale"))) {
            programs = files.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        assertTrue(programs.size() >= 4, "the Arndale programs were not built: " + programs);
        return programs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            String name = elf.getFileName().toString().replace(".elf", ".txt");
            String expected = Files.readString(EXPECTED.resolve(name), StandardCharsets.ISO_8859_1);
            Emulator.Run run = runOnArndale(kernelOf(elf));
            assertEquals(Machine.Stop.POWERED_OFF, run.stop(), "did not power off:\n" + run.text());
            assertEquals(expected, run.text().replace("\r\n", "\n"));
        }));
    }

    /** A {@code *_boot} program is booted as its raw image, the way a zImage is; the others as ELFs. */
    private static Path kernelOf(Path elf) {
        String name = elf.getFileName().toString();
        return name.endsWith("_boot.elf") ? elf.resolveSibling(name.replace(".elf", ".bin")) : elf;
    }

    private static Emulator.Run runOnArndale(Path elf) throws Exception {
        return Emulator.run("arndale", elf, MEMORY, BUDGET);
    }
}
