package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios of the teaching hypervisor: the image boots on both boards, finds each board in its
 * device tree, brings up the second CPU, runs the guests it was given as boot modules (one
 * domain each, in order) and powers off. The console must equal the reviewed transcript
 * tests/hypervisor/SCENARIO-BOARD.txt (see the README there); on the Versatile Express, QEMU
 * given HypLab's device tree and the guests with {@code -device loader} must print the same.
 */
class HypervisorBootIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 100_000_000L;
    static final long VEXPRESS_MEM = 256L << 20, ARNDALE_MEM = 1L << 30;
    /** Guest kernels go from RAM + 64 MiB on, 1 MiB apart: clear of the image and the tree. */
    static final Map<String, Long> FIRST_MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    /** The scenarios: each a list of guests, started in this order. */
    static final Map<String, List<String>> SCENARIOS = Map.of(
            "boot", List.of(),
            "hello", List.of("hello"),
            "mmu", List.of("mmu"),
            "trio", List.of("crash", "vuart", "hello"));

    private static String golden(String scenario, String board) throws Exception {
        return Files.readString(GOLDEN.resolve(scenario + "-" + board + ".txt"), StandardCharsets.ISO_8859_1);
    }

    private static List<BootLoader.Module> modules(String scenario, String board) throws Exception {
        List<BootLoader.Module> modules = new ArrayList<>();
        long at = FIRST_MODULE.get(board);
        for (String guest : SCENARIOS.get(scenario)) {
            modules.add(new BootLoader.Module(guest, Files.readAllBytes(zImage(guest)), at));
            at += 1 << 20;
        }
        return modules;
    }

    private static Path zImage(String guest) {
        return Qemu.armDir().resolve("guests/" + guest + ".zImage");
    }

    private static Emulator.Run onHypLab(String scenario, String board, long mem) throws Exception {
        BootLoader.Request request = new BootLoader.Request("hypervisor", Files.readAllBytes(IMAGE), null, null,
                modules(scenario, board), null, "");
        Emulator.Run run = Emulator.boot(board, request, mem, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(golden(scenario, board), run.text().replace("\r\n", "\n"), scenario + " on " + board);
        return run;
    }

    private static void onQemuAsOnHypLab(String scenario, Path dir) throws Exception {
        Emulator.Run hyplab = onHypLab(scenario, "vexpress-a15", VEXPRESS_MEM);
        List<BootParameters.Module> described = new ArrayList<>();
        List<String> options = new ArrayList<>(List.of("-smp", "2", "-m", "256"));
        for (BootLoader.Module m : modules(scenario, "vexpress-a15")) {
            described.add(new BootParameters.Module(m.address(), m.data().length));
            options.addAll(List.of("-device", "loader,file=" + zImage(m.name()) + ",addr=0x" + Long.toHexString(m.address())));
        }
        Path dtb = dir.resolve(scenario + ".dtb");
        Files.write(dtb, DeviceTreeGenerator.generate(Emulator.board("vexpress-a15"),
                new BootParameters(VEXPRESS_MEM, "", 0, 0, described)));
        options.addAll(List.of("-dtb", dtb.toString()));
        Qemu.Run qemu = Qemu.run(IMAGE, "vexpress-a15,secure=off", 60, options.toArray(String[]::new));
        assertEquals(0, qemu.exitCode(), qemu.text());
        assertEquals(hyplab.text(), qemu.text(), scenario + " on QEMU");
    }

    @Test
    void bootOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        onQemuAsOnHypLab("boot", dir);
    }

    @Test
    void helloOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        onQemuAsOnHypLab("hello", dir);
    }

    /** A guest that crashes, one that writes the emulated UART, and hello after them. */
    @Test
    void trioOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        onQemuAsOnHypLab("trio", dir);
    }

    @Test
    void everyScenarioOnTheArndale() throws Exception {
        for (String scenario : SCENARIOS.keySet()) {
            onHypLab(scenario, "arndale", ARNDALE_MEM);
        }
    }

    /** Virtualization hides the board: the guests' own lines are the same on both. */
    @Test
    void theGuestsSeeNoDifferenceBetweenTheBoards() throws Exception {
        for (String scenario : SCENARIOS.keySet()) {
            assertEquals(guestLines(golden(scenario, "vexpress-a15")), guestLines(golden(scenario, "arndale")), scenario);
        }
        assertEquals(List.of("(d1) Hello from a guest of the tiniest cloud!", "(d1) I run in SVC mode, below the hypervisor.",
                "(d1) My device tree is at 40e00000, and it is one (magic d00dfeed)."), guestLines(golden("hello", "arndale")));
    }

    /**
     * The device tree a domain gets describes the virtual machine as Xen 4.17's dom0less domU
     * tree does (XEN-ABI.md §6.1): dtc must read it, and it must say what the guest has.
     */
    @Test
    void theGuestsDeviceTreeIsTheOneXenWouldGive(@TempDir Path dir) throws Exception {
        BootLoader.Request request = new BootLoader.Request("hypervisor", Files.readAllBytes(IMAGE), null, null,
                modules("hello", "vexpress-a15"), null, "");
        Emulator.Finished done = Emulator.bootMachine("vexpress-a15", request, VEXPRESS_MEM, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, done.run().stop(), done.run().text());
        // d1's RAM is the top 16 MiB of the machine's; its tree is in the top 2 MiB of that.
        long treeAt = 0x8000_0000L + VEXPRESS_MEM - (2L << 20);
        byte[] header = new byte[8];
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) done.machine().bus().read8(treeAt + i);
        }
        int size = java.nio.ByteBuffer.wrap(header).getInt(4);
        assertEquals(0xd00dfeed, java.nio.ByteBuffer.wrap(header).getInt(0));
        byte[] blob = new byte[size];
        for (int i = 0; i < size; i++) {
            blob[i] = (byte) done.machine().bus().read8(treeAt + i);
        }
        Path dtb = Files.write(dir.resolve("d1.dtb"), blob);
        Process dtc = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", dtb.toString()).redirectErrorStream(true).start();
        String dts = new String(dtc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dtc.waitFor(), dts);
        for (String expected : List.of(
                "memory@40000000 {", "reg = <0x00 0x40000000 0x00 0x1000000>;",
                "compatible = \"arm,gic-400\";", "reg = <0x00 0x3001000 0x00 0x1000 0x00 0x3002000 0x00 0x2000>;",
                "compatible = \"arm,armv7-timer\";", "interrupts = <0x01 0x0d 0xf08 0x01 0x0e 0xf08 0x01 0x0b 0xf08>;",
                "sbsa-uart@22000000 {", "compatible = \"arm,sbsa-uart\";", "interrupts = <0x00 0x00 0xf04>;",
                "method = \"hvc\";", "compatible = \"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci\";")) {
            assertTrue(dts.contains(expected), expected + " missing from\n" + dts);
        }
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }
}
