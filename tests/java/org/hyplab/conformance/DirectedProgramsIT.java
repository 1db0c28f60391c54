package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The directed test programs (the groups below and the bare-metal hello) run on QEMU and on
 * HypLab; the two console transcripts must be byte-identical. QEMU is the oracle: each program
 * prints what it computed, and HypLab must compute the same.
 */
class DirectedProgramsIT {

    /**
     * The program groups of tests/arm compared here: the instruction set (directed), the
     * memory system and Virtualization Extensions (vmsa), the GIC (gic), the two CPUs
     * together (smp) and the motherboard devices (vexpress).
     */
    static final List<String> GROUPS = List.of("directed", "vmsa", "gic", "smp", "vexpress");

    /** Far more than any directed program needs; hitting it means HypLab went astray. */
    static final long BUDGET = 2_000_000_000L;

    @TestFactory
    Stream<DynamicTest> everyDirectedProgramPrintsWhatItPrintsOnQemu() throws IOException {
        List<Path> programs = new java.util.ArrayList<>();
        for (String group : GROUPS) {
            try (Stream<Path> files = Files.list(Qemu.armDir().resolve("tests").resolve(group))) {
                files.filter(p -> p.toString().endsWith(".elf")).forEach(programs::add);
            }
        }
        programs.add(Qemu.armDir().resolve("baremetal/hello-vexpress.elf"));
        programs.sort(null);
        assertTrue(programs.size() >= 12, "no directed programs were built: " + programs);
        return programs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            Qemu.Run oracle = Qemu.runVexpress(elf);
            assertEquals(0, oracle.exitCode(), "QEMU did not power off cleanly:\n" + oracle.text());
            Emulator.Run hyplab = Emulator.runVexpress(elf, BUDGET);
            assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), "HypLab did not power off:\n" + hyplab.text());
            assertEquals(oracle.text(), hyplab.text());
        }));
    }
}
