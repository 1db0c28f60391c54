package org.hyplab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.hyplab.cpu.Cpu;
import org.hyplab.mem.Ram;
import org.hyplab.timer.CompareTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshots give back exactly the machine that was saved: from a restored snapshot the machine
 * prints the same bytes, takes the same traps at the same cycles, retires the same instructions
 * and ends in the same state (every object StateGraph reaches, RAM included) as it did from
 * that moment the first time. The hypervisor's scenarios on both boards, bare-metal programs
 * (two CPUs, timers, the GIC, self-modifying code, board and domain resets), and the walk's
 * coverage: what it saves, what it refuses, and that leaving a piece out is seen.
 */
class SnapshotTest {

    static final List<String> BOARDS = List.of("vexpress-a15", "arndale");

    // ---- the hypervisor's scenarios -----------------------------------------------------------------

    /**
     * cloud: five domains on two CPUs (timers, event channels, a hog), while the guests start
     * (2.5 M: they print their first lines, ping and pong exchange events) and later (21 M: the
     * timer guest's first tick, ping shuts down); smp: one domain's two vCPUs (PSCI CPU_ON and
     * CPU_OFF, an SGI). Run, snapshot, run; restore, run again, twice.
     */
    @ParameterizedTest
    @CsvSource({
        "cloud, vexpress-a15, 2500000, 1000000",
        "cloud, arndale, 2500000, 1000000",
        "cloud, vexpress-a15, 21000000, 3000000",
        "cloud, arndale, 21000000, 3000000",
        "smp, vexpress-a15, 1000000, 400000",
        "smp, arndale, 1000000, 400000"})
    void aRestoredScenarioRunsAsItDidTheFirstTime(String scenario, String board, long before, long after) throws Exception {
        SnapshotRig rig = SnapshotRig.scenario(scenario, board);
        assertEquals(Machine.Stop.BUDGET_EXHAUSTED, rig.machine.run(before));
        List<String> saved = rig.state();
        Snapshot snapshot = Snapshot.take(rig.machine);
        assertEquals(before, snapshot.retired());
        assertEquals(saved, rig.state(), "taking a snapshot changes nothing the machine can see");

        SnapshotRig.Stretch first = rig.run(after);
        assertFalse(first.console().isEmpty(), "the stretch compared prints something");
        assertFalse(first.traps().isEmpty(), "the stretch compared takes traps");

        for (int round = 1; round <= 2; round++) {
            snapshot.restoreInto(rig.machine);
            assertEquals(before, rig.machine.retired());
            SnapshotRig.assertSameState(saved, rig.state(), "right after restore " + round);
            rig.run(after).assertSameAs(first, scenario + " on " + board + ", restore " + round);
        }
    }

    /** A timeline: two snapshots, restored newest first, then the older one runs on past the newer one's moment. */
    @ParameterizedTest
    @ValueSource(strings = {"vexpress-a15", "arndale"})
    void twoSnapshotsRestoredInReverseOrder(String board) throws Exception {
        SnapshotRig rig = SnapshotRig.scenario("cloud", board);
        long slice = 1_000_000;
        rig.machine.run(2_200_000);
        Snapshot older = Snapshot.take(rig.machine);
        SnapshotRig.Stretch a = rig.run(slice);
        Snapshot newer = Snapshot.take(rig.machine);
        SnapshotRig.Stretch b = rig.run(slice);

        newer.restoreInto(rig.machine);
        rig.run(slice).assertSameAs(b, "from the newer snapshot");
        older.restoreInto(rig.machine);
        rig.run(slice).assertSameAs(a, "from the older snapshot");
        rig.run(slice).assertSameAs(b, "from the older snapshot, past the newer one's moment");
        newer.restoreInto(rig.machine);
        rig.run(slice).assertSameAs(b, "from the newer snapshot again");
    }

    /**
     * Early in the boot, then the hypervisor builds five domains (kernels copied, device trees,
     * stage-2 tables...) and they run: a restore brings back every word of RAM as it was, and
     * no word written since.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vexpress-a15", "arndale"})
    void memoryWrittenAfterASnapshotComesBackAsItWas(String board) throws Exception {
        SnapshotRig rig = SnapshotRig.scenario("cloud", board);
        rig.machine.run(300_000);
        Map<Long, Integer> before = rig.nonZeroWords();
        Snapshot snapshot = Snapshot.take(rig.machine);
        rig.machine.run(8_000_000);
        Map<Long, Integer> after = rig.nonZeroWords();
        int changed = 0;
        for (Map.Entry<Long, Integer> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed++;
            }
        }
        assertTrue(changed > 5_000, "the run wrote " + changed + " words: too few to test anything");

        snapshot.restoreInto(rig.machine);
        Map<Long, Integer> restored = rig.nonZeroWords();
        assertEquals(before.size(), restored.size(), "non-zero words");
        assertEquals(before, restored);
        // And through the bus, as a CPU reads them: a word the run wrote, back to its old value.
        long written = after.keySet().stream().filter(a -> !before.containsKey(a)).findFirst().orElseThrow();
        assertEquals(0, rig.machine.bus().read32(written));
    }

    /**
     * PSCI SYSTEM_RESET from a guest: the hypervisor restarts the domain, RAM keeping what the
     * guest left (tests/arm/hypervisor/reset.c). Snapshots before and after the reset, restored
     * after the machine powered off.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vexpress-a15", "arndale"})
    void snapshotsAcrossADomainReset(String board) throws Exception {
        SnapshotRig rig = SnapshotRig.guest("tests/hypervisor/reset.zImage", board);
        long slice = 20_000;
        while (!rig.console.toString().contains("(d1) reset: first boot")) {
            assertEquals(Machine.Stop.BUDGET_EXHAUSTED, rig.machine.run(slice));
        }
        Snapshot beforeReset = Snapshot.take(rig.machine);
        SnapshotRig.Mark beforeMark = rig.mark();
        while (!rig.console.toString().contains("(XEN) d1: rebooting")) {
            assertEquals(Machine.Stop.BUDGET_EXHAUSTED, rig.machine.run(slice));
        }
        Snapshot afterReset = Snapshot.take(rig.machine);
        SnapshotRig.Mark afterMark = rig.mark();
        SnapshotRig.Stretch end = rig.runToEnd(slice, 50_000_000);
        assertEquals(Machine.Stop.POWERED_OFF, end.stop());
        SnapshotRig.Stretch fromBefore = rig.since(beforeMark, end.stop());
        SnapshotRig.Stretch fromAfter = rig.since(afterMark, end.stop());
        assertTrue(fromBefore.console().contains("booted again, and my mark is still there"), fromBefore.console());

        beforeReset.restoreInto(rig.machine);
        rig.runToEnd(slice, 50_000_000).assertSameAs(fromBefore, "from before the reset");
        afterReset.restoreInto(rig.machine);
        rig.runToEnd(slice, 50_000_000).assertSameAs(fromAfter, "from after the reset");
    }

    // ---- bare-metal programs --------------------------------------------------------------------

    /**
     * A timeline of snapshots, one every eighth of the program, each restored (newest first) and
     * run to the program's end: the same end every time. reboot resets the board twice (devices,
     * RAM images written again); self_modifying rewrites code it has run, so decoded instructions
     * must follow RAM back; sgi_smp and the Arndale's smp run two CPUs; timer, mct and the GIC
     * programs wait for and take timer interrupts.
     */
    @ParameterizedTest
    @CsvSource({
        "vexpress-a15, smp/sgi_smp.elf, 0",
        "vexpress-a15, vmsa/timer.elf, 0",
        "vexpress-a15, gic/gic_phys.elf, 0",
        "vexpress-a15, gic/gic_virt.elf, 0",
        "vexpress-a15, vexpress/reboot.elf, 0",
        "vexpress-a15, directed/self_modifying.elf, 0",
        "vexpress-a15, directed/memory.elf, 0",
        "vexpress-a15, vmsa/stage2.elf, 0",
        "arndale, arndale/smp.elf, 20000",
        "arndale, arndale/mct.elf, 0"})
    void aProgramRunsToTheSameEndFromEverySnapshotOfATimeline(String board, String program, long minSlice) throws Exception {
        SnapshotRig probe = SnapshotRig.program(program, board);
        SnapshotRig.Stretch whole = probe.runToEnd(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(Machine.Stop.POWERED_OFF, whole.stop(), whole.console());
        // Slices shorter than Machine.QUANTUM end every run() within CPU0's turn, and CPU1 never
        // runs: arndale/smp, whose CPU0 waits for CPU1, needs longer ones.
        long slice = Math.max(minSlice, Math.max(1, whole.retired() / 8));

        SnapshotRig rig = SnapshotRig.program(program, board);
        List<Snapshot> snapshots = new ArrayList<>();
        List<SnapshotRig.Mark> marks = new ArrayList<>();
        List<List<String>> states = new ArrayList<>();
        Machine.Stop stop;
        do {
            assertTrue(snapshots.size() < 32, "the program ends in slices as it does in one run");
            snapshots.add(Snapshot.take(rig.machine));
            marks.add(rig.mark());
            states.add(rig.state());
            stop = rig.machine.run(slice);
        } while (stop == Machine.Stop.BUDGET_EXHAUSTED);
        List<SnapshotRig.Stretch> ends = new ArrayList<>();
        for (SnapshotRig.Mark mark : marks) {
            ends.add(rig.since(mark, stop));   // from each snapshot to the end
        }
        assertEquals(whole.console(), ends.get(0).console(), "slices print what one run prints");

        for (int i = snapshots.size() - 1; i >= 0; i--) {
            SnapshotRig.Stretch expected = ends.get(i);
            snapshots.get(i).restoreInto(rig.machine);
            SnapshotRig.assertSameState(states.get(i), rig.state(), program + ": restored snapshot " + i);
            rig.runToEnd(slice, Long.MAX_VALUE).assertSameAs(expected, program + " from snapshot " + i);
        }
    }

    // ---- what the walk covers -----------------------------------------------------------------------

    /**
     * Every device of both boards is reached, and what a snapshot does with each field is
     * listed; the explicit rules all name fields that exist. A field or object of a kind the
     * rules do not know stops the walk with its name, so a new device cannot be left out.
     */
    @Test
    void theWalkCoversEveryPartOfBothBoards() throws Exception {
        Set<String> survey = new TreeSet<>();
        for (String board : BOARDS) {
            SnapshotRig rig = SnapshotRig.scenario("cloud", board);
            rig.machine.run(3_000_000);
            survey.addAll(StateGraph.survey(rig.machine));
        }
        for (String field : List.of(
                "org.hyplab.cpu.Cpu#pc: saved", "org.hyplab.cpu.Cpu#r: final array, its elements saved",
                "org.hyplab.cpu.SystemRegisters#vttbr: saved", "org.hyplab.cpu.PerformanceMonitors#ccnt: saved",
                "org.hyplab.timer.CompareTimer#cval: saved", "org.hyplab.timer.GenericTimer#cntvoff: saved",
                "org.hyplab.gic.Distributor#ctlr: saved", "org.hyplab.gic.VirtualInterface#hcr: saved",
                "org.hyplab.gic.CpuInterface#pmr: saved", "org.hyplab.mmu.Tlb#entries: final collection, its contents saved",
                "org.hyplab.mmu.MicroTlb#readTag: final array, its elements saved",
                "org.hyplab.dev.Pl011#imsc: saved", "org.hyplab.dev.Sp804$Timer#load: saved",
                "org.hyplab.dev.VexpressSysRegs#nvFlags: saved", "org.hyplab.dev.exynos.Mct$Local#tcntb: saved",
                "org.hyplab.dev.exynos.Pmu#registers: final collection, its contents saved",
                "org.hyplab.machine.Machine#observed: saved", "org.hyplab.machine.Machine#coreOff: saved, walked",
                "org.hyplab.mem.Ram: pages shared copy-on-write", "java.util.HashMap: contents through its public API",
                "org.hyplab.cpu.Cpu#exceptionListener: outside the machine, left alone",
                "org.hyplab.dev.Pl011#transmit: outside the machine, left alone",
                "org.hyplab.cpu.Cpu#fetchPage: cache, made to agree after a restore")) {
            assertTrue(survey.contains(field), field + " is not in the survey:\n" + String.join("\n", survey));
        }
        assertTrue(survey.stream().anyMatch(l -> l.startsWith("org.hyplab.dev.exynos.ExynosUart#")), "the Exynos UART");
        for (String rule : union(StateRules.CACHES, StateRules.CONSTANT)) {
            assertTrue(survey.stream().anyMatch(l -> l.startsWith(rule + ":")), rule + " names no field the walk meets");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Stand-ins for a future device with a field of a kind the rules do not know. */
    static final class WithRandom {
        final Random random = new Random(1);
    }

    static final class WithObject {
        Object anything = new StringBuilder();
    }

    static final class WithMutableKey {
        final Map<int[], Integer> map = new HashMap<>(Map.of(new int[1], 1));
    }

    static final class WithList {
        final List<Integer> list = new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    @Test
    void fieldsOfUnknownKindsAreRefusedByName() {
        IllegalStateException random = assertThrows(IllegalStateException.class, () -> StateGraph.capture(new WithRandom()));
        assertTrue(random.getMessage().contains("SnapshotTest$WithRandom#random is a java.util.Random"), random.getMessage());
        IllegalStateException object = assertThrows(IllegalStateException.class, () -> StateGraph.capture(new WithObject()));
        assertTrue(object.getMessage().contains("SnapshotTest$WithObject#anything is a java.lang.Object"), object.getMessage());
        IllegalStateException key = assertThrows(IllegalStateException.class, () -> StateGraph.capture(new WithMutableKey()));
        assertTrue(key.getMessage().contains("map key of class [I is mutable"), key.getMessage());
        // A declared type the rules know, holding an object of a class they do not: refused when met.
        IllegalStateException list = assertThrows(IllegalStateException.class, () -> StateGraph.capture(new WithList()));
        assertTrue(list.getMessage().contains("SnapshotTest$WithList#list: a java.util.concurrent.CopyOnWriteArrayList"),
                list.getMessage());
    }

    /**
     * The comparisons above can fail: restoring everything but one piece of state (the generic
     * timers' comparators, the CPUs' own fields, RAM) gives another run
     * than the full restore, which gives the original one. Without the comparators, the trap
     * trace itself differs: the timer guest's tick is taken at another cycle, or not at all.
     */
    @Test
    void leavingOutAnyOnePieceOfStateIsSeen() throws Exception {
        SnapshotRig rig = SnapshotRig.scenario("cloud", "vexpress-a15");
        rig.machine.run(21_000_000);   // the timer guest's first tick comes at 23.3 M
        Snapshot snapshot = Snapshot.take(rig.machine);
        SnapshotRig.Stretch reference = rig.run(3_000_000);
        Map<String, Predicate<Object>> pieces = new java.util.LinkedHashMap<>();
        pieces.put("the generic timers' comparators", o -> o instanceof CompareTimer);
        pieces.put("the CPUs' fields", o -> o instanceof Cpu);
        pieces.put("RAM", o -> o instanceof Ram);
        for (Map.Entry<String, Predicate<Object>> piece : pieces.entrySet()) {
            snapshot.restoreInto(rig.machine, piece.getValue());
            SnapshotRig.Stretch partial = null;
            try {
                partial = rig.run(3_000_000);
            } catch (RuntimeException crashed) {
                // the emulator refused the inconsistent state: different, and loudly
            }
            if (partial != null) {
                assertNotEquals(reference.observed(), partial.observed(),
                        "restoring all but " + piece.getKey() + " changed nothing the run shows");
                if (piece.getValue().test(rig.machine.cpus().get(0).timer.virtual())) {
                    assertNotEquals(reference.traps(), partial.traps(), "without " + piece.getKey() + " the trace differs");
                }
            }
            snapshot.restoreInto(rig.machine);
            rig.run(3_000_000).assertSameAs(reference, "the full restore after leaving out " + piece.getKey());
        }
    }

    // ---- the API's edges ------------------------------------------------------------------------------

    @Test
    void aSnapshotRestoresOnlyIntoItsMachineAndNotOnceReleased() throws Exception {
        SnapshotRig a = SnapshotRig.program("smp/sgi_smp.elf", "vexpress-a15");
        SnapshotRig b = SnapshotRig.program("smp/sgi_smp.elf", "vexpress-a15");
        a.machine.run(100_000);
        Snapshot snapshot = Snapshot.take(a.machine);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> snapshot.restoreInto(b.machine));
        assertEquals("a snapshot restores only into the machine it was taken of", other.getMessage());
        assertTrue(snapshot.ramPages() > 0);
        snapshot.release();
        snapshot.release();
        assertThrows(IllegalStateException.class, () -> snapshot.restoreInto(a.machine));
    }
}
