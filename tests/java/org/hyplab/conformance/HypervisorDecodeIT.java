package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching hypervisor emulates the loads and stores whose data abort carries no syndrome
 * (HSR.ISS.ISV = 0) by decoding the instruction (hypervisor/decode.c). Scenario {@code decode}:
 * the guest tests/arm/hypervisor/decode.c runs each form against the emulated UART and prints
 * what it wrote, loaded and wrote back; it ends with an LDM, which the hypervisor must refuse.
 * Scenario {@code refuse}: four guests (tests/arm/hypervisor/refuse_*.c), one domain each, run
 * one access the decoder must refuse: each domain dies with the reason, the others go on.
 * The console must equal the transcript tests/hypervisor/SCENARIO-BOARD.txt, written by hand
 * from the ARM ARM (the README there says why each line is right), on both boards; on the
 * Versatile Express QEMU, whose syndromes decide which accesses reach the decoder there, must
 * print the same lines, each domain's in the same order ({@link #byDomain}).
 */
class HypervisorDecodeIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 100_000_000L;
    static final long VEXPRESS_MEM = 256L << 20, ARNDALE_MEM = 1L << 30;
    /** Guest kernels from RAM + 64 MiB on, 1 MiB apart: clear of the image and the device tree. */
    static final Map<String, Long> FIRST_MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    /** The scenarios: the guests of tests/arm/hypervisor/, one domain each, in this order. */
    static final Map<String, List<String>> SCENARIOS = Map.of(
            "decode", List.of("decode"),
            "refuse", List.of("refuse_pc", "refuse_wback", "refuse_page", "refuse_ldrex"));

    private static String golden(String scenario, String board) throws Exception {
        return Files.readString(GOLDEN.resolve(scenario + "-" + board + ".txt"), StandardCharsets.ISO_8859_1);
    }

    private static Path zImage(String guest) {
        return Qemu.armDir().resolve("tests/hypervisor/" + guest + ".zImage");
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

    private static Emulator.Run onHypLab(String scenario, String board, long mem) throws Exception {
        BootLoader.Request request = new BootLoader.Request("hypervisor", Files.readAllBytes(IMAGE), null, null,
                modules(scenario, board), null, "");
        Emulator.Run run = Emulator.boot(board, request, mem, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(HypervisorScenarios.byDomain(golden(scenario, board)), HypervisorScenarios.byDomain(run.text()),
                scenario + " on " + board + ":\n" + run.text());
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
        assertEquals(HypervisorScenarios.byDomain(hyplab.text()), HypervisorScenarios.byDomain(qemu.text()), scenario + " on QEMU:\n" + qemu.text());
    }

    @Test
    void everyFormOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        onQemuAsOnHypLab("decode", dir);
    }

    @Test
    void refusalsOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        onQemuAsOnHypLab("refuse", dir);
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
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }
}
