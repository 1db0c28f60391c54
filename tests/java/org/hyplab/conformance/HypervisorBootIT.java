package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching hypervisor boots on both boards from one image, finds each board in its device
 * tree, brings up the second CPU, runs the guests it was given as boot modules and powers off.
 * Its console must equal the reviewed transcript in tests/hypervisor/ (see the README there);
 * on the Versatile Express, QEMU given HypLab's device tree (and the guests with
 * {@code -device loader}) must print the same.
 */
class HypervisorBootIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final Path HELLO = Qemu.armDir().resolve("guests/hello.zImage");
    static final long BUDGET = 100_000_000L;
    static final long VEXPRESS_MEM = 256L << 20, ARNDALE_MEM = 1L << 30;
    /** Where the guest kernel goes: RAM + 64 MiB on either board, clear of the image and the tree. */
    static final long VEXPRESS_MODULE = 0x8400_0000L, ARNDALE_MODULE = 0x4400_0000L;

    private static String golden(String name) throws Exception {
        return Files.readString(GOLDEN.resolve(name), StandardCharsets.ISO_8859_1);
    }

    @Test
    void onTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        long mem = VEXPRESS_MEM;
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

    /** Runs the hypervisor with the hello guest as its one boot module. */
    private static Emulator.Run withHello(String board, long mem, long moduleAt) throws Exception {
        byte[] image = Files.readAllBytes(IMAGE);
        BootLoader.Module hello = new BootLoader.Module("hello", Files.readAllBytes(HELLO), moduleAt);
        return Emulator.boot(board, new BootLoader.Request("hypervisor", image, null, null, List.of(hello), null, ""),
                mem, BUDGET);
    }

    @Test
    void theHelloGuestOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        Emulator.Run hyplab = withHello("vexpress-a15", VEXPRESS_MEM, VEXPRESS_MODULE);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(golden("hello-vexpress-a15.txt"), hyplab.text().replace("\r\n", "\n"));

        Path dtb = dir.resolve("vexpress-a15.dtb");
        Files.write(dtb, DeviceTreeGenerator.generate(Emulator.board("vexpress-a15"), new BootParameters(VEXPRESS_MEM,
                "", 0, 0, List.of(new BootParameters.Module(VEXPRESS_MODULE, Files.size(HELLO))))));
        Qemu.Run qemu = Qemu.run(IMAGE, "vexpress-a15,secure=off", 60, "-smp", "2", "-m", "256", "-dtb", dtb.toString(),
                "-device", "loader,file=" + HELLO + ",addr=0x" + Long.toHexString(VEXPRESS_MODULE));
        assertEquals(0, qemu.exitCode(), qemu.text());
        assertEquals(hyplab.text(), qemu.text());
    }

    @Test
    void theHelloGuestOnTheArndale() throws Exception {
        Emulator.Run hyplab = withHello("arndale", ARNDALE_MEM, ARNDALE_MODULE);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(golden("hello-arndale.txt"), hyplab.text().replace("\r\n", "\n"));
    }

    /** Virtualization hides the board: the guest's own lines are the same on both. */
    @Test
    void theGuestSeesNoDifferenceBetweenTheBoards() throws Exception {
        assertEquals(guestLines(golden("hello-vexpress-a15.txt")), guestLines(golden("hello-arndale.txt")));
        assertEquals(List.of("(d1) Hello from a guest of the tiniest cloud!", "(d1) I run in SVC mode, below the hypervisor."),
                guestLines(golden("hello-arndale.txt")));
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }

    @Test
    void onTheArndale() throws Exception {
        Emulator.Run hyplab = Emulator.run("arndale", IMAGE, ARNDALE_MEM, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, hyplab.stop(), hyplab.text());
        assertEquals(golden("boot-arndale.txt"), hyplab.text().replace("\r\n", "\n"));
    }
}
