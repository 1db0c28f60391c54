package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code ./hyplab bench --only boot}: the hypervisor's boot bench reaches every guest's first
 * line on both boards and reports what it measured. The figures themselves are not asserted
 * (they are the bench's output, read by people); that every domain spoke is, because the bench
 * stops as soon as they all have.
 */
class BenchCommandTest {

    @Test
    void theBootBenchBootsTheCloudOnBothBoards() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--only", "boot", "--runs", "1", "--warmup", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        List<String> results = text.lines().filter(l -> l.startsWith("HypLab: ")).toList();
        assertEquals(2, results.size(), text);
        Pattern figures = Pattern.compile("HypLab: ([0-9,]+) instructions on both CPUs, median ([0-9.]+) s of emulation .*");
        for (String line : results) {
            Matcher m = figures.matcher(line);
            assertTrue(m.matches(), line);
            // The hypervisor alone boots and powers off in about 0.74 M instructions (./hyplab run
            // --board vexpress-a15 --hypervisor); five domains to their first lines take more.
            assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 1_000_000L, line);
        }
        assertTrue(text.contains("on the vexpress-a15 (256 MiB)") && text.contains("on the arndale (1024 MiB)"), text);
    }

    /**
     * {@code --only snapshot}: the cloud booted on both boards, snapshots taken and restored; the
     * figures are printed for each board and added up (not asserted: they are read by people).
     */
    @Test
    void theSnapshotBenchTakesAndRestoresTheBootedCloudOnBothBoards() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--only", "snapshot", "--runs", "2", "--warmup", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        Pattern figures = Pattern.compile("HypLab snapshot: take median ([0-9.]+) ms, restore median ([0-9.]+) ms .*");
        assertEquals(2, text.lines().filter(l -> figures.matcher(l).matches()).count(), text);
        Pattern pages = Pattern.compile("snapshot: the cloud's mix booted on the (vexpress-a15|arndale) \\(\\d+ MiB\\) .*: ([0-9,]+) RAM pages .*");
        List<String> boards = text.lines().map(pages::matcher).filter(Matcher::matches).map(m -> {
            assertTrue(Long.parseLong(m.group(2).replace(",", "")) > 100, m.group());   // five domains' kernels at least
            return m.group(1);
        }).toList();
        assertEquals(List.of("vexpress-a15", "arndale"), boards, text);
        assertTrue(text.contains("Both boards: take "), text);
    }

    /**
     * {@code --only observe}: each workload under each way of watching, with its MIPS; the
     * recorder and the debugger heard events on the hypervisor's workload (figures not asserted).
     */
    @Test
    void theObservationBenchRunsEveryWayOfWatching() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--only", "observe", "--runs", "1", "--warmup", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        for (String mode : List.of("nothing attached", "trace recorder", "Lab debugger, running free",
                "Lab debugger with a breakpoint")) {
            assertEquals(3, text.lines().filter(l -> l.trim().startsWith(mode + " ") && l.contains(" MIPS ")).count(), text);
        }
        assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("trace recorder") && l.contains(" events")), text);
    }

    /** {@code --only lab}: a pause answered, and both sessions advanced. */
    @Test
    void theLabBenchPausesARunningSession() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--only", "lab", "--runs", "1", "--warmup", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err);
        assertTrue(text.contains("pause answered in: median "), text);
        Matcher share = Pattern.compile("the slower ran ([0-9]+)% of the faster's").matcher(text);
        assertTrue(share.find(), text);
        assertTrue(Integer.parseInt(share.group(1)) > 0, "both sessions ran: " + text);
    }

    @Test
    void onlyTakesAKnownBench() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"bench", "--only", "speed"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals("hyplab bench: --only takes mips, boot, snapshot, observe or lab, not 'speed'",
                err.toString(StandardCharsets.UTF_8).strip());
    }
}
