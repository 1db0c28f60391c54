package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux boot protocol on vexpress, against QEMU: tests/arm/boot/linux_boot as a raw image,
 * 128 MiB of RAM, two CPUs. QEMU gets HypLab's generated device tree with {@code -dtb}, so both
 * put it at the same address (RAM base + half the RAM); the program prints r0-r2 as it was
 * entered, the tree's header, and what CPU1 reports after CPU0 released it through SYS_FLAGS and
 * an SGI. The transcripts must be byte-identical.
 */
class BootProtocolIT {

    static final long MEM = 128L << 20;

    @Test
    void aRawImageIsEnteredAndReleasesItsSecondaryAsOnQemu(@TempDir Path dir) throws Exception {
        Path image = Qemu.armDir().resolve("tests/boot/linux_boot.bin");
        Path dtb = dir.resolve("vexpress-a15.dtb");
        Files.write(dtb, DeviceTreeGenerator.generate(Emulator.board("vexpress-a15"),
                new BootParameters(MEM, "", 0, 0, List.of())));
        Qemu.Run oracle = Qemu.run(image, "vexpress-a15,secure=off", 60, "-smp", "2", "-m", "128", "-dtb", dtb.toString());
        assertEquals(0, oracle.exitCode(), "QEMU did not power off cleanly:\n" + oracle.text());
        assertTrue(oracle.text().contains("cpu1 started: yes"), oracle.text());
        Emulator.Run hyplab = Emulator.run("vexpress-a15", image, MEM, 100_000_000);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(oracle.text(), hyplab.text());
    }
}
