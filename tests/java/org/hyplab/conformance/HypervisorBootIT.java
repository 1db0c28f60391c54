package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
 * The teaching hypervisor boots on both boards from one image, finds each board in its device
 * tree, brings up the second CPU and powers off. Its console must equal the reviewed transcript
 * in tests/hypervisor/ (see the README there); on the Versatile Express, QEMU given HypLab's
 * device tree must print the same.
 */
class HypervisorBootIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 100_000_000L;

    private static String golden(String name) throws Exception {
        return Files.readString(GOLDEN.resolve(name), StandardCharsets.ISO_8859_1);
    }

    @Test
    void onTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        long mem = 256L << 20;
        Emulator.Run hyplab = Emulator.run("vexpress-a15", IMAGE, mem, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(golden("boot-vexpress-a15.txt"), hyplab.text().replace("\r\n", "\n"));

        Path dtb = dir.resolve("vexpress-a15.dtb");
        Files.write(dtb, DeviceTreeGenerator.generate(Emulator.board("vexpress-a15"),
                new BootParameters(mem, "", 0, 0, List.of())));
        Qemu.Run qemu = Qemu.run(IMAGE, "vexpress-a15,secure=off", 60, "-smp", "2", "-m", "256", "-dtb", dtb.toString());
        assertEquals(0, qemu.exitCode(), qemu.text());
        assertEquals(hyplab.text(), qemu.text());
    }

    @Test
    void onTheArndale() throws Exception {
        Emulator.Run hyplab = Emulator.run("arndale", IMAGE, 1L << 30, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(golden("boot-arndale.txt"), hyplab.text().replace("\r\n", "\n"));
    }
}
