package org.hyplab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.mem.Ram;
import org.hyplab.scenario.Guest;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.hyplab.trace.TrapEvent;
import org.hyplab.trace.Probe;
import org.hyplab.trace.TraceRecorder;

/**
 * A booted machine for the snapshot tests, with its console captured and a trap recorder
 * attached, and what a stretch of running it did: everything a run from a restored snapshot
 * must give again.
 */
final class SnapshotRig {

    /** RAM for bare-metal programs on the Versatile Express (the hypervisor's scenarios use their own). */
    static final long VEXPRESS_MEM = 256L << 20;

    final Machine machine;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final TraceRecorder traps = new TraceRecorder(1 << 20);

    private SnapshotRig(String boardId, long memBytes, BootLoader.Request request) throws LoadException {
        BoardDescription board = Emulator.board(boardId);
        machine = BoardAssembler.build(board, new BoardAssembler.Options(memBytes, board.cpus(), console::write));
        BootLoader.boot(machine, board, memBytes, request);
        Probe.attach(machine).addSink(e -> {
            if (e instanceof TrapEvent) {
                traps.accept(e);
            }
        });
    }

    /** The teaching hypervisor with a scenario of tests/hypervisor/scenarios.yaml. */
    static SnapshotRig scenario(String name, String board) throws LoadException {
        Scenario s = HypervisorScenarios.scenario(name, board);
        return new SnapshotRig(board, s.memBytes(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()));
    }

    /** The teaching hypervisor with one guest kernel file of target/arm (a test guest). */
    static SnapshotRig guest(String path, String board) throws LoadException {
        Guest guest = org.hyplab.scenario.GuestCatalog.file(Qemu.armDir().resolve(path));
        Scenario s = Scenario.of(Emulator.board(board), HypervisorScenarios.MEMORY.get(board), List.of(guest));
        return new SnapshotRig(board, s.memBytes(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()));
    }

    /** A bare-metal program of target/arm/tests, started on every CPU as {@code ./hyplab run} does. */
    static SnapshotRig program(String path, String board) throws IOException, LoadException {
        Path elf = Qemu.armDir().resolve("tests").resolve(path);
        long mem = board.equals("arndale") ? HypervisorScenarios.MEMORY.get(board) : VEXPRESS_MEM;
        return new SnapshotRig(board, mem, BootLoader.Request.kernelOnly(elf.toString(), Files.readAllBytes(elf)));
    }

    /** Where a stretch starts: the console's and the recorder's positions. */
    record Mark(int consoleBytes, long trapCount) {
    }

    Mark mark() {
        return new Mark(console.size(), traps.total());
    }

    /**
     * What the machine did since {@code from}, and the state it is in now.
     *
     * @param console   the bytes printed
     * @param traps     the exceptions taken to Hyp mode, in order, with their cycle, CPU, syndrome...
     * @param retired   the machine's instruction count at the end
     * @param ramHash   every RAM's content hash
     * @param registers every CPU's registers, all modes' banked copies included
     * @param state     the whole reachable state, one line per object (StateGraph.dump)
     */
    record Stretch(Machine.Stop stop, String console, List<TrapEvent> traps, long retired, long ramHash,
                   List<String> registers, List<String> state) {

        /** What a run shows from outside: everything but the state dump. */
        List<Object> observed() {
            return List.of(stop, console, traps, retired, ramHash, registers);
        }

        /** Fails naming the first thing that differs (the state dump is long: only its first differing line). */
        void assertSameAs(Stretch expected, String what) {
            assertEquals(expected.stop, stop, what + ": why the run stopped");
            assertEquals(expected.retired, retired, what + ": instructions retired");
            assertEquals(expected.console, console, what + ": console");
            assertEquals(expected.traps.size(), traps.size(), what + ": number of traps");
            assertEquals(expected.traps, traps, what + ": traps");
            assertEquals(expected.registers, registers, what + ": registers");
            assertEquals(expected.ramHash, ramHash, what + ": RAM");
            assertSameState(expected.state, state, what);
        }
    }

    static void assertSameState(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(what + ": machine state differs at object " + i + ":\nexpected " + clip(expected.get(i))
                        + "\nactual   " + clip(actual.get(i)));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": objects in the machine");
    }

    private static String clip(String line) {
        return line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
    }

    /** One {@link Machine#run} of {@code budget} instructions. */
    Stretch run(long budget) {
        Mark from = mark();
        Machine.Stop stop = machine.run(budget);
        return since(from, stop);
    }

    /** Runs slices of {@code slice} instructions until the machine stops otherwise (at most {@code limit} in all). */
    Stretch runToEnd(long slice, long limit) {
        Mark from = mark();
        Machine.Stop stop;
        long start = machine.retired();
        do {
            stop = machine.run(slice);
        } while (stop == Machine.Stop.BUDGET_EXHAUSTED && machine.retired() - start < limit);
        return since(from, stop);
    }

    Stretch since(Mark from, Machine.Stop stop) {
        byte[] all = console.toByteArray();
        String printed = new String(all, from.consoleBytes(), all.length - from.consoleBytes(), StandardCharsets.ISO_8859_1);
        List<TrapEvent> events = traps.traps();
        List<TrapEvent> taken = events.subList(events.size() - (int) (traps.total() - from.trapCount()), events.size());
        return new Stretch(stop, printed, List.copyOf(taken), machine.retired(), ramHash(), registers(), state());
    }

    List<String> state() {
        return StateGraph.dump(machine);
    }

    List<Ram> rams() {
        return StateGraph.reach(machine).stream().filter(o -> o instanceof Ram).map(o -> (Ram) o).toList();
    }

    long ramHash() {
        long h = 0;
        for (Ram r : rams()) {
            h = h * 31 + r.contentHash();
        }
        return h;
    }

    List<String> registers() {
        List<String> out = new ArrayList<>();
        for (Cpu c : machine.cpus()) {
            StringBuilder b = new StringBuilder();
            b.append(String.format("cpu%d pc=%08x cpsr=%08x elr_hyp=%08x cycles=%d retired=%d r=%s", c.index, c.pc,
                    c.cpsr(), c.elrHyp, c.cycles(), c.retired, Arrays.toString(c.r)));
            for (Mode m : Mode.values()) {
                b.append(String.format(" %s:sp=%08x,lr=%08x,spsr=%08x", m, c.bankedRegister(m, 13), c.bankedRegister(m, 14),
                        c.spsrOf(m)));
            }
            b.append(String.format(" hcr=%08x vttbr=%016x sctlr=%08x", c.sys.hcr, c.sys.vttbr, c.sys.sctlr));
            out.add(b.toString());
        }
        return out;
    }

    /** Every non-zero word of RAM, by physical address (for the memory test). */
    java.util.Map<Long, Integer> nonZeroWords() {
        java.util.Map<Long, Integer> words = new java.util.HashMap<>();
        for (Ram r : rams()) {
            for (int p = 0; p < r.pageCount(); p++) {
                if (!r.allocated(p)) {
                    continue;
                }
                for (long off = (long) p * Ram.PAGE_SIZE; off < (long) (p + 1) * Ram.PAGE_SIZE; off += 4) {
                    int w = r.readWord(off);
                    if (w != 0) {
                        words.put(r.base() + off, w);
                    }
                }
            }
        }
        return words;
    }
}
