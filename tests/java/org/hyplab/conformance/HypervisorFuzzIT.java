package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;

/**
 * The teaching hypervisor survives a guest that fuzzes it (issue 6): {@code guests/fuzz} makes
 * thousands of random hypercalls, PSCI calls, undefined HVCs and MMIO accesses to the vGIC
 * distributor and the vpl011 as d1, then {@code hello} runs as d2, on both boards.
 *
 * <p>What the fuzz's hypercalls return changes as hypercalls, PSCI and the vGIC are
 * implemented, so this test does not compare its counts with fixed numbers. It checks what
 * must hold whatever is implemented: the hypervisor never panicked or faulted in Hyp mode; d1
 * finished (every exception it took was one it expected, each count adds up to the number of
 * operations it was built to make, HVCs with a wrong immediate were all undefined instructions
 * as Xen makes them, XEN-ABI.md §1) and shut itself down; d2 printed hello's lines and shut down;
 * the board powered off. The domains may run in turn (today) or side by side (with the
 * scheduler), so lines are looked for, not their order. The injected exceptions are checked against the ARM ARM by the fuzz
 * itself before it starts (LR, SPSR, CPSR, DFSR, DFAR; see fuzz.c), and it says so. Finally, the
 * emulator is deterministic: a second run prints exactly the same. (The two boards are not
 * compared: their timers tick at different rates, so the domains' time slices differ, and once
 * the fuzz's event channel and grant calls to d2 succeed, what they return depends on whether
 * d2 is still alive.)
 */
class HypervisorFuzzIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    /** About 100 million instructions are enough today; room for a hypervisor that does more. */
    static final long BUDGET = 600_000_000L;
    static final Map<String, Long> MEMORY = Map.of("vexpress-a15", 256L << 20, "arndale", 1L << 30);
    static final Map<String, Long> FIRST_MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    /** What fuzz.c is built to make (its HYPERCALLS, PSCI_CALLS, BAD_HVCS, MMIO_ACCESSES). */
    static final int HYPERCALLS = 4000, PSCI_CALLS = 400, BAD_HVCS = 200, MMIO_ACCESSES = 1600;

    private static String run(String board) throws Exception {
        long at = FIRST_MODULE.get(board);
        List<BootLoader.Module> modules = List.of(
                new BootLoader.Module("fuzz", Files.readAllBytes(Qemu.armDir().resolve("guests/fuzz.zImage")), at),
                new BootLoader.Module("hello", Files.readAllBytes(Qemu.armDir().resolve("guests/hello.zImage")), at + (1 << 20)));
        BootLoader.Request request = new BootLoader.Request("hypervisor", Files.readAllBytes(IMAGE), null, null, modules, null, "");
        Emulator.Run run = Emulator.boot(board, request, MEMORY.get(board), BUDGET);
        String text = run.text().replace("\r\n", "\n");
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), text);
        return text;
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static int sum(String counts) {
        Matcher m = Pattern.compile("(?:ok|-E[A-Z]+|other|returned|undefined|completed|aborted) (\\d+)").matcher(counts);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
        }
        return total;
    }

    private static void survived(String board, String text) {
        for (String line : lines(text, "(XEN)")) {
            assertFalse(line.contains("panic") || line.contains("Hyp mode at") || line.contains("crashed")
                    || line.contains("shut down (crash)") || line.contains("cannot emulate"), board + ": " + line + "\n" + text);
        }
        assertTrue(text.contains("(d1) fuzz: injected exceptions enter as the ARM ARM says (LR, SPSR, CPSR, DFSR, DFAR)\n"), text);
        assertTrue(text.contains("(d1) fuzz: 4000 hypercalls, 400 PSCI calls, 200 other HVCs, 1600 MMIO accesses, seed 2f6b1a3d\n"), text);
        assertTrue(text.contains("(d1) fuzz: finished, every exception where one was expected\n"), text);
        // The domains may run one after the other or side by side: each line on its own.
        for (String line : List.of("(XEN) d1: shut down (poweroff)", "(d2) Hello from a guest of the tiniest cloud!",
                "(d2) I run in SVC mode, below the hypervisor.",
                "(d2) My device tree is at 40e00000, and it is one (magic d00dfeed).", "(XEN) d2: shut down (poweroff)")) {
            assertTrue(text.lines().anyMatch(line::equals), board + ": no line \"" + line + "\"\n" + text);
        }

        // Each count adds up: every hypercall counted once under its number, every result once.
        int hypercalls = 0;
        for (String line : lines(text, "(d1) fuzz:   ")) {
            Matcher named = Pattern.compile("\\(d1\\) fuzz:   [a-z_]+ \\(\\d+\\): (\\d+)(.*)").matcher(line);
            if (named.matches()) {
                assertEquals(Integer.parseInt(named.group(1)), sum(named.group(2)), line);
                hypercalls += Integer.parseInt(named.group(1));
            } else if (line.startsWith("(d1) fuzz:   other numbers")) {
                hypercalls += sum(line);
            } else if (line.startsWith("(d1) fuzz:   PSCI/SMCCC: ")) {
                String[] parts = line.split(";");
                assertEquals(PSCI_CALLS, sum(parts[0]), line);
                assertEquals(BAD_HVCS, sum(parts[1]), line);
                assertTrue(parts[1].endsWith("undefined " + BAD_HVCS + ", returned 0"), line);
            }
        }
        assertEquals(HYPERCALLS, hypercalls, text);
        int mmio = lines(text, "(d1) fuzz:   MMIO to ").stream().mapToInt(HypervisorFuzzIT::sum).sum();
        assertEquals(MMIO_ACCESSES, mmio, text);
        assertEquals(3, lines(text, "(d1) fuzz:   MMIO to ").size(), text);
    }

    @Test
    void theFuzzAndHelloOnBothBoards() throws Exception {
        String vexpress = run("vexpress-a15");
        survived("vexpress-a15", vexpress);
        String arndale = run("arndale");
        survived("arndale", arndale);
        assertEquals(vexpress, run("vexpress-a15"), "a second run on the same board");
    }
}
