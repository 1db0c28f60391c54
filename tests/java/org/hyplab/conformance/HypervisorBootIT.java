package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Domain;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios of the teaching hypervisor, as tests/hypervisor/scenarios.yaml lists them: the image
 * boots on both boards, finds each board in its device tree, brings up the second CPU, runs the
 * guests it was given as dom0less domains (one each, in order; {@link Scenario} places them) and
 * powers off. The console must equal the reviewed transcript tests/hypervisor/SCENARIO-BOARD.txt
 * (see the README there) domain by domain (HypervisorScenarios.byDomain: two CPUs interleave
 * the domains' lines by timing); on the Versatile Express, QEMU given the same device tree and
 * the guests with {@code -device loader} must print the same, compared the same way.
 */
class HypervisorBootIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final long BUDGET = 100_000_000L;
    static final long VEXPRESS_MEM = HypervisorScenarios.MEMORY.get("vexpress-a15");

    private static Emulator.Run onHypLab(String scenario, String board) throws Exception {
        Scenario s = HypervisorScenarios.scenario(scenario, board);
        Emulator.Run run = Emulator.boot(board, s.bootRequest("hypervisor", Files.readAllBytes(IMAGE)),
                s.memBytes(), BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(HypervisorScenarios.byDomain(HypervisorScenarios.golden(scenario, board)),
                HypervisorScenarios.byDomain(run.text()), scenario + " on " + board + ":\n" + run.text());
        return run;
    }

    private static void onQemuAsOnHypLab(String scenario, Path dir) throws Exception {
        Emulator.Run hyplab = onHypLab(scenario, "vexpress-a15");
        Scenario s = HypervisorScenarios.scenario(scenario, "vexpress-a15");
        List<String> options = new ArrayList<>(List.of("-smp", "2", "-m", "256"));
        for (Domain d : s.domains()) {
            Path module = Files.write(dir.resolve(scenario + "-d" + d.id()), d.guest().kernel().bytes());
            options.addAll(List.of("-device", "loader,file=" + module + ",addr=0x" + Long.toHexString(d.moduleAddress())
                    + ",force-raw=on"));
        }
        Path dtb = Files.write(dir.resolve(scenario + ".dtb"), s.deviceTree());
        options.addAll(List.of("-dtb", dtb.toString()));
        Qemu.Run qemu = Qemu.run(IMAGE, "vexpress-a15,secure=off", 60, options.toArray(String[]::new));
        assertEquals(0, qemu.exitCode(), qemu.text());
        assertEquals(HypervisorScenarios.byDomain(hyplab.text()), HypervisorScenarios.byDomain(qemu.text()),
                scenario + " on QEMU:\n" + qemu.text());
    }

    /** Every scenario on the Versatile Express, on HypLab and on QEMU alike. */
    @TestFactory
    Stream<DynamicTest> everyScenarioOnTheVersatileExpressAsOnQemu(@TempDir Path dir) {
        return HypervisorScenarios.all().keySet().stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> onQemuAsOnHypLab(name, dir)));
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioOnTheArndale() {
        return HypervisorScenarios.all().keySet().stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> onHypLab(name, "arndale")));
    }

    /** Boots one guest file (with its options) alone on 'board' and returns the run. */
    private static Emulator.Run alone(String board, org.hyplab.scenario.Guest guest) throws Exception {
        Scenario s = Scenario.of(Emulator.board(board), HypervisorScenarios.MEMORY.get(board), List.of(guest));
        Emulator.Run run = Emulator.boot(board, s.bootRequest("hypervisor", Files.readAllBytes(IMAGE)), s.memBytes(), BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        return run;
    }

    private static org.hyplab.scenario.Guest file(String path) {
        return org.hyplab.scenario.GuestCatalog.file(Qemu.armDir().resolve(path));
    }

    /**
     * A guest kernel may be an ELF file (the hypervisor loads its PT_LOAD segments at their
     * physical addresses and enters it at e_entry): hello.elf, the ELF its zImage was cut from,
     * prints what hello.zImage prints, on both boards.
     */
    @Test
    void anElfGuestRunsAsItsZImageDoes() throws Exception {
        for (String board : List.of("vexpress-a15", "arndale")) {
            Emulator.Run run = alone(board, file("guests/hello.elf"));
            assertEquals(HypervisorScenarios.domainLines(HypervisorScenarios.golden("hello", board)),
                    HypervisorScenarios.domainLines(run.text()), run.text());
        }
    }

    /**
     * PSCI SYSTEM_RESET restarts the domain from its kernel (hypervisor/psci.c, domain_reboot),
     * not the board; RAM keeps what the guest left there (tests/arm/hypervisor/reset.c). Real
     * Xen 4.17 without a toolstack would only pause the domain (XEN-ABI.md §7).
     */
    @Test
    void psciSystemResetRestartsTheDomain() throws Exception {
        for (String board : List.of("vexpress-a15", "arndale")) {
            Emulator.Run run = alone(board, file("tests/hypervisor/reset.zImage"));
            assertEquals(List.of("(d1) reset: first boot; leaving a mark at 40d00000 and asking for SYSTEM_RESET",
                    "(XEN) d1: rebooting",
                    "(d1) reset: booted again, and my mark is still there; SYSTEM_OFF",
                    "(XEN) d1: shut down (PSCI SYSTEM_OFF)"),
                    HypervisorScenarios.byDomain(run.text()).get("d1").stream()
                            .filter(l -> !l.contains("RAM at") && !l.contains("kernel entry")).toList(), run.text());
        }
    }

    /**
     * A virtual timer set to the end of time never fires, also while its vCPU sleeps and the
     * hypervisor keeps its deadline (tests/arm/hypervisor/timer_never.c): the physical timer,
     * due in 10 ms, wakes the guest. (Before the fix, CVAL + CNTVOFF wrapped into the past and
     * interrupt 27 woke it at once.)
     */
    @Test
    void aVirtualTimerAtTheEndOfTimeNeverFires() throws Exception {
        for (String board : List.of("vexpress-a15", "arndale")) {
            Emulator.Run run = alone(board, file("tests/hypervisor/timer_never.zImage"));
            assertEquals(List.of("(d1) timer_never: woken by interrupt 30"), HypervisorScenarios.domainLines(run.text()).get(1),
                    run.text());
        }
    }

    /**
     * A vCPU woken from SCHEDOP_poll by something else and then switched off stays off when the
     * event it once polled arrives (tests/arm/hypervisor/poll_off.c, two vCPUs; before the fix
     * the stale poll brought it back).
     */
    @Test
    void anOldPollDoesNotWakeASwitchedOffVcpu() throws Exception {
        for (String board : List.of("vexpress-a15", "arndale")) {
            Emulator.Run run = alone(board, file("tests/hypervisor/poll_off.zImage").withCpus(2));
            assertEquals(List.of("(d1) poll_off: vCPU 1 stayed off after the event"),
                    HypervisorScenarios.domainLines(run.text()).get(1), run.text());
        }
    }

    /** Virtualization hides the board: each guest's own lines are the same on both. */
    @Test
    void theGuestsSeeNoDifferenceBetweenTheBoards() {
        // Each domain's own lines; two CPUs may interleave the domains differently on each board.
        for (String scenario : HypervisorScenarios.all().keySet()) {
            assertEquals(HypervisorScenarios.domainLines(HypervisorScenarios.golden(scenario, "vexpress-a15")),
                    HypervisorScenarios.domainLines(HypervisorScenarios.golden(scenario, "arndale")), scenario);
        }
        assertEquals(List.of("(d1) Hello from a guest of the tiniest cloud!", "(d1) I run in SVC mode, below the hypervisor.",
                "(d1) My device tree is at 40e00000, and it is one (magic d00dfeed)."),
                guestLines(HypervisorScenarios.golden("hello", "arndale")));
    }

    /**
     * The device tree a domain gets describes the virtual machine as Xen 4.17's dom0less domU
     * tree does (XEN-ABI.md §6.1): dtc must read it, and it must say what the guest has.
     */
    @Test
    void theGuestsDeviceTreeIsTheOneXenWouldGive(@TempDir Path dir) throws Exception {
        BootLoader.Request request = HypervisorScenarios.scenario("hello", "vexpress-a15")
                .bootRequest("hypervisor", Files.readAllBytes(IMAGE));
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
