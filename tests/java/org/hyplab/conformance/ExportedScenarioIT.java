package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Scenario;
import org.hyplab.scenario.ScenarioExport;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of tests/hypervisor/scenarios.yaml, exported for each board as
 * {@code ./hyplab export} writes it, boots on QEMU 7.2 through the export's own {@code qemu.sh}
 * and prints what HypLab prints for the same scenario: the lines of each domain (those that start
 * {@code (dN) }), in order within a domain. The domains are compared as a set, each with its own
 * lines, because two CPUs may interleave the domains differently. The hypervisor's {@code (XEN) }
 * lines are not compared: an Arndale scenario runs on QEMU's vexpress-a15, and they name the board.
 */
class ExportedScenarioIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final long BUDGET = 100_000_000L;
    /** What ./hyplab export gives every board, as its scripts give QEMU. */
    static final long EXPORT_MEM = (long) ScenarioExport.QEMU_MEM_MIB << 20;
    /** QEMU runs two at a time (CI has two cores), each with its time limit. */
    static final ExecutorService QEMU = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        QEMU.shutdownNow();
    }

    record Case(String scenario, String board, Path dir, CompletableFuture<ScriptRun.Result> qemu) {
    }

    @TestFactory
    Stream<DynamicTest> everyExportedScenarioPrintsOnQemuWhatItPrintsOnHypLab(@TempDir Path dir) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String name : HypervisorScenarios.all().keySet()) {
            Scenario onQemu = HypervisorScenarios.scenario(name, ScenarioExport.QEMU_BOARD, EXPORT_MEM);
            for (String board : HypervisorScenarios.BOARDS) {
                Scenario scenario = board.equals(ScenarioExport.QEMU_BOARD) ? onQemu
                        : HypervisorScenarios.scenario(name, board, EXPORT_MEM);
                Path out = dir.resolve(name + "-" + board);
                ScenarioExport.write(scenario, onQemu, HypervisorScenarios.hypervisor(), out);
                cases.add(new Case(name, board, out, CompletableFuture.supplyAsync(() -> runQemu(out), QEMU)));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.scenario() + " exported for " + c.board(), () -> {
            ScriptRun.Result qemu = c.qemu().join();
            assertTrue(qemu.exited(), "qemu.sh did not end within " + TIMEOUT + ":\n" + qemu.output());
            assertEquals(0, qemu.exitCode(), qemu.output());
            Map<Integer, List<String>> onHypLab = HypervisorScenarios.domainLines(onHypLab(c.scenario(), c.board()));
            assertEquals(onHypLab, HypervisorScenarios.domainLines(qemu.output()), qemu.output());
            assertEquals(HypervisorScenarios.guests(c.scenario()).size(), onHypLab.size(), "every domain printed");
        }));
    }

    private static ScriptRun.Result runQemu(Path dir) {
        try {
            return ScriptRun.run(dir.resolve(ScenarioExport.QEMU_SCRIPT), Map.of(), TIMEOUT);
        } catch (Exception e) {
            throw new IllegalStateException("running " + dir.resolve(ScenarioExport.QEMU_SCRIPT) + ": " + e, e);
        }
    }

    /** The same scenario on HypLab, the board's own, with the same 256 MiB as the export. */
    private static String onHypLab(String scenario, String board) throws Exception {
        Scenario s = HypervisorScenarios.scenario(scenario, board, EXPORT_MEM);
        BoardDescription b = s.board();
        Emulator.Run run = Emulator.boot(b.id(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()),
                s.memBytes(), BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        return run.text();
    }
}
