package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hyplab.scenario.Guest;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;
import org.hyplab.scenario.ScenarioExport;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.hyplab.testing.ScriptRun;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Xen compatibility: each guest of tests/hypervisor/scenarios.yaml, alone, boots unmodified
 * as a dom0less domU of real Xen 4.17 (Debian's xen-hypervisor-4.17-armhf, which
 * {@code ./hyplab setup} and {@code ./hyplab test} fetch) through the {@code xen.sh} that
 * {@code ./hyplab export} writes, on QEMU 7.2 vexpress-a15, and prints the lines it prints in the
 * reviewed HypLab transcript of the first scenario that has it (that domain's lines, renumbered
 * d1).
 *
 * <p>Normalisation: Xen prints a guest's console_io output as {@code (d1) text} (after
 * {@code (XEN) } when Xen's own line was unfinished) and its vpl011 output as
 * {@code (XEN) DOM1: text} (vpl011.c, the in-Xen backend); HypLab's hypervisor prints both as
 * {@code (d1) text}. Both Xen forms become {@code (d1) text}; every other line is left out.
 *
 * <p>Xen never powers the board off, so a run is stopped 3 s after the expected number of lines
 * has appeared (or at the time limit). A domain that crashed on HypLab (its transcript says
 * {@code (XEN) dN: crashed}) is compared only up to its death: HypLab kills it, Xen injects an
 * abort into the guest, which may go on printing.
 *
 * <p>No Xen, no pass: without the package the test fails and says how to get it. Skip it on
 * purpose with {@code -Dhyplab.realxen=skip}; {@code -Dhyplab.xen=FILE} names another Xen 4.17
 * zImage.
 */
@DisabledIfSystemProperty(named = "hyplab.realxen", matches = "skip", disabledReason = "-Dhyplab.realxen=skip")
class RealXenIT {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final Duration GRACE = Duration.ofSeconds(3);
    static final ExecutorService QEMU = Executors.newFixedThreadPool(2);

    /**
     * Guests whose output cannot match Xen 4.17 yet: the reason, and how many of their first lines
     * do match. The test checks both, so an entry must go when the guest matches. None today:
     * vuart, which read the flag register after writing and saw TXFE clear on Xen 4.17 (its
     * vpl011 with the backend in Xen clears TXFE on every write), now reads it first.
     */
    record Difference(String reason, int linesThatMatch) {
    }

    static final Map<String, Difference> KNOWN_DIFFERENCES = Map.of();

    /**
     * Guests that cannot run alone, or whose output is not meant to match Xen's; each with the
     * reason and the test that covers it instead.
     */
    static final Map<String, String> NOT_ALONE = Map.of(
            "pingpong", "it needs its peer domain; HypervisorPvIT boots the pair on real Xen 4.17",
            "fuzz", "it checks exception entry against the ARM ARM (Xen 4.17's injected data abort LR differs) and "
                    + "counts what random calls return, which depends on what each hypervisor implements; "
                    + "HypervisorFuzzIT checks it on HypLab");

    private static final Pattern CONSOLE_IO = Pattern.compile("^(?:\\(XEN\\) )?\\(d([0-9]+)\\) (.*)$");
    private static final Pattern VPL011 = Pattern.compile("^\\(XEN\\) DOM([0-9]+): (.*)$");

    @AfterAll
    static void stop() {
        QEMU.shutdownNow();
    }

    /** Where Xen is: -Dhyplab.xen, else where scripts/setup.sh puts it. */
    static Path xen() {
        String property = System.getProperty("hyplab.xen");
        if (property != null) {
            return Path.of(property);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hyplab/xen-4.17/xen-4.17-armhf");
    }

    /** What a guest prints in the reviewed transcript of the first scenario that boots it. */
    record Expected(String guest, String scenario, List<String> lines, boolean crashed) {
    }

    static Expected expected(String guest) {
        for (Map.Entry<String, List<String>> s : HypervisorScenarios.all().entrySet()) {
            int index = s.getValue().indexOf(guest);
            if (index >= 0) {
                int id = index + 1;
                String golden = HypervisorScenarios.golden(s.getKey(), "vexpress-a15");
                List<String> lines = HypervisorScenarios.domainLines(golden).getOrDefault(id, List.of()).stream()
                        .map(l -> "(d1) " + l.substring(("(d" + id + ") ").length())).toList();
                return new Expected(guest, s.getKey(), lines, golden.lines().anyMatch(("(XEN) d" + id + ": crashed")::equals));
            }
        }
        throw new AssertionError(guest + " is in no scenario");
    }

    /** Xen's console with its two forms of guest output as {@code (dN) text}; nothing else. */
    static List<String> guestLines(String console) {
        List<String> lines = new ArrayList<>();
        for (String line : console.replace("\r", "").split("\n")) {
            Matcher m = CONSOLE_IO.matcher(line);
            if (!m.matches()) {
                m = VPL011.matcher(line);
            }
            if (m.matches()) {
                lines.add("(d" + m.group(1) + ") " + m.group(2));
            }
        }
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> everyGuestBootsAloneOnRealXen(@TempDir Path dir) throws Exception {
        Path xen = xen();
        assertTrue(Files.isRegularFile(xen), "real Xen 4.17 is not at " + xen + " (./hyplab setup fetches Debian's "
                + "xen-hypervisor-4.17-armhf into ~/.cache/hyplab/xen-4.17/, with network to Debian's mirrors); -Dhyplab.xen=FILE names "
                + "another copy, -Dhyplab.realxen=skip skips this test");
        Set<String> guests = new LinkedHashSet<>();
        HypervisorScenarios.all().values().forEach(guests::addAll);
        GuestCatalog catalog = GuestCatalog.of(TestProject.repositoryRoot(), Qemu.armDir());
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : guests) {
            if (NOT_ALONE.containsKey(catalog.parse(name).name())) {
                continue;
            }
            Expected expected;
            try {
                expected = expected(name);
            } catch (AssertionError e) {   // e.g. its transcript is missing: that guest fails, the others run
                tests.add(DynamicTest.dynamicTest(name + " on Xen 4.17", () -> {
                    throw e;
                }));
                continue;
            }
            Guest guest = catalog.parse(name);   // an entry as the command line writes it
            Scenario alone = Scenario.of(Emulator.board(ScenarioExport.QEMU_BOARD),
                    (long) ScenarioExport.QEMU_MEM_MIB << 20, List.of(guest));
            Path out = dir.resolve(name);
            ScenarioExport.write(alone, alone, HypervisorScenarios.hypervisor(), out);
            CompletableFuture<ScriptRun.Result> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return ScriptRun.run(out.resolve(ScenarioExport.XEN_SCRIPT), Map.of("XEN", xen.toString()), TIMEOUT,
                            console -> guestLines(console).size() >= expected.lines().size(), GRACE);
                } catch (Exception e) {
                    throw new IllegalStateException("running xen.sh for " + name + ": " + e, e);
                }
            }, QEMU);
            tests.add(DynamicTest.dynamicTest(name + " on Xen 4.17", () -> check(expected, run.join())));
        }
        return tests.stream();
    }

    private static void check(Expected expected, ScriptRun.Result xen) {
        String console = xen.output();
        assertFalse(xen.exited(), "Xen's QEMU ended by itself (exit " + xen.exitCode() + "):\n" + console);
        assertTrue(console.contains("(XEN) Xen dom0less mode detected"), console);
        List<String> lines = guestLines(console);
        if (expected.crashed() && lines.size() > expected.lines().size()) {
            lines = lines.subList(0, expected.lines().size());   // up to the domain's death on HypLab
        }
        Difference known = KNOWN_DIFFERENCES.get(expected.guest());
        if (known == null) {
            assertEquals(expected.lines(), lines, expected.guest() + " (as in " + expected.scenario() + "-vexpress-a15.txt)"
                    + " on Xen 4.17:\n" + console);
            return;
        }
        int n = known.linesThatMatch();
        assertTrue(lines.size() >= n, expected.guest() + " on Xen 4.17:\n" + console);
        assertEquals(expected.lines().subList(0, n), lines.subList(0, n), console);
        assertNotEquals(expected.lines(), lines, expected.guest() + " now prints on Xen 4.17 what it prints on HypLab: "
                + "take it out of KNOWN_DIFFERENCES (" + known.reason() + ")");
    }
}
