package org.hyplab.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Mode;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;

import org.junit.jupiter.api.Test;

/**
 * The trap recorder watches without touching: a scenario runs the same, instruction for
 * instruction and byte for byte, with it attached; its ring keeps the newest events.
 */
class TraceRecorderTest {

    record Outcome(long retired, byte[] console, TraceRecorder recorder) {
    }

    private static Outcome run(TraceRecorder recorder) throws Exception {
        BoardDescription board = Emulator.board("vexpress-a15");
        Scenario s = HypervisorScenarios.scenario("trio", "vexpress-a15");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(s.memBytes(), board.cpus(), console::write));
        BootLoader.boot(machine, board, s.memBytes(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()));
        if (recorder != null) {
            recorder.attachTo(machine);
        }
        assertEquals(Machine.Stop.POWERED_OFF, machine.run(100_000_000L));
        return new Outcome(machine.retired(), console.toByteArray(), recorder);
    }

    @Test
    void recordingChangesNothingAndKeepsTheNewest() throws Exception {
        Outcome plain = run(null);
        Outcome all = run(new TraceRecorder(1_000_000));
        Outcome last = run(new TraceRecorder(5));
        assertEquals(plain.retired(), all.retired());
        assertArrayEquals(plain.console(), all.console());
        assertEquals(plain.retired(), last.retired());
        List<TrapEvent> events = all.recorder().traps();
        assertEquals(all.recorder().total(), all.recorder().events().size());
        assertEquals(last.recorder().total(), all.recorder().total());
        List<MachineEvent> allEvents = all.recorder().events();
        assertEquals(allEvents.subList(allEvents.size() - 5, allEvents.size()), last.recorder().events());
        // trio's guests trap from SVC mode (crash also from its Undefined and Abort handlers),
        // each with its domain's VMID, 1-3.
        assertTrue(events.stream().filter(TrapEvent::fromGuest).allMatch(e -> e.from() == Mode.SVC
                || e.from() == Mode.UND || e.from() == Mode.ABT), events.toString());
        assertTrue(events.stream().filter(TrapEvent::fromGuest).allMatch(e -> e.vmid() >= 1 && e.vmid() <= 3));
    }

    /** Truncating forgets the newest events, and never brings back slots the ring had reused. */
    @Test
    void truncatingForgetsTheNewestAndNeverResurrectsOldSlots() {
        TraceRecorder r = new TraceRecorder(10);
        for (int i = 0; i < 15; i++) {
            r.accept(new ConsoleEvent(i, 0, 'a' + i));
        }
        assertEquals(5, r.firstKept());
        r.truncate(8);
        assertEquals(8, r.total());
        assertEquals(5, r.firstKept(), "events 0-4 were overwritten: still gone");
        assertTrue(r.get(4).isEmpty());
        assertEquals(List.of(5L, 6L, 7L), r.events().stream().map(MachineEvent::cycle).toList());
        r.accept(new ConsoleEvent(100, 0, 'z'));
        assertEquals(List.of(5L, 6L, 7L, 100L), r.events().stream().map(MachineEvent::cycle).toList());
        assertThrows(IllegalArgumentException.class, () -> r.truncate(4));
        assertThrows(IllegalArgumentException.class, () -> r.truncate(10));
    }

    @Test
    void aRingHoldsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new TraceRecorder(0));
    }
}
