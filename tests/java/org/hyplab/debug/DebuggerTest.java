package org.hyplab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.mem.Ram;
import org.hyplab.testing.Binutils;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.hyplab.trace.TrapEvent;
import org.junit.jupiter.api.Test;

/**
 * Every control of the debugger on a bare-metal program, tests/arm/debug/steps.c: where each
 * stops is checked against GNU binutils (nm for symbols, addr2line for lines, objdump for the
 * HVC) and against what the program computes, never against the debugger's own output.
 */
class DebuggerTest {

    private static final Path ELF = Qemu.armDir().resolve("tests/debug/steps.elf");
    private static final Path SOURCE = Path.of("tests/arm/debug/steps.c");
    private static final long LIMIT = 10_000_000;

    /** A debugger on steps.elf on the Versatile Express (both CPUs), and what it printed. */
    record Rig(Debugger debugger, ByteArrayOutputStream console) {

        Cpu cpu0() {
            return debugger.machine().cpus().get(0);
        }

        String text() {
            return console.toString(StandardCharsets.ISO_8859_1);
        }

        int word(long pa) {
            Ram ram = debugger.machine().bus().ramAt(pa);
            return ram.readWord(pa - ram.base());
        }
    }

    static Rig rig(Path elf) throws Exception {
        BoardDescription board = Emulator.board("vexpress-a15");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Debugger[] holder = new Debugger[1];
        Machine m = BoardAssembler.build(board, new BoardAssembler.Options(256L << 20, board.cpus(), b -> {
            console.write(b);
            holder[0].console(b);
        }));
        BootLoader.boot(m, board, 256L << 20, BootLoader.Request.kernelOnly(elf.toString(), Files.readAllBytes(elf)));
        holder[0] = new Debugger(m, Images.single(Image.load("steps", elf)), 100_000);
        return new Rig(holder[0], console);
    }

    private static String fileLine(Where w) {
        return w.source().map(l -> l.file().replaceAll(".*/", "") + ":" + l.line()).orElse("?");
    }

    @Test
    void aBreakpointOnAFunctionStopsAtEachCallWithItsArgument() throws Exception {
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        List<Long> at = d.images().image(Space.MACHINE).orElseThrow().resolve("square");
        assertEquals(List.of(Binutils.symbol(ELF, "square")), at);
        d.addBreakpoint(new Breakpoint(Space.ANY, (int) (long) at.get(0), "square"));
        for (int call = 1; call <= 4; call++) {
            StopReason r = d.run(new RunFree(), LIMIT);
            assertEquals(StopReason.Kind.BREAKPOINT, r.kind(), r.message());
            assertEquals(0, r.cpu());
            assertEquals(at.get(0).intValue(), rig.cpu0().pc);
            assertEquals(call, rig.cpu0().r[0], "sum_of_squares(4) calls square(i) for i = 1..4");
        }
        StopReason end = d.run(new RunFree(), LIMIT);
        assertEquals(StopReason.Kind.POWERED_OFF, end.kind(), end.message());
        assertTrue(rig.text().contains("sum=0000001e"), rig.text());
        assertFalse(end.canContinue());
    }

    @Test
    void stepOutReturnsToTheCallerWithTheResult() throws Exception {
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        d.addBreakpoint(new Breakpoint(Space.ANY, (int) Binutils.symbol(ELF, "square"), "square"));
        for (int call = 1; call <= 2; call++) {
            assertEquals(StopReason.Kind.BREAKPOINT, d.run(new RunFree(), LIMIT).kind());
            StopReason out = d.run(new StepOut(0), LIMIT);
            assertEquals(StopReason.Kind.STEPPED, out.kind(), out.message());
            Where w = d.where(0);
            assertTrue(w.function().orElseThrow().startsWith("sum_of_squares+"), w.describe());
            assertEquals(call * call, rig.cpu0().r[0], "square's result in r0 (AAPCS)");
            assertEquals(Binutils.line(ELF, Integer.toUnsignedLong(w.pc())), fileLine(w));
        }
    }

    @Test
    void stepLineGoesIntoCallsAndNextGoesOverThem() throws Exception {
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        int callLine = Binutils.markedLine(SOURCE, "main call");
        List<Long> at = d.images().image(Space.MACHINE).orElseThrow().resolve("steps.c:" + callLine);
        assertFalse(at.isEmpty(), "the line table has the call's line");
        for (long a : at) {
            assertEquals("steps.c:" + callLine, Binutils.line(ELF, a));
        }
        Breakpoint bp = d.addBreakpoint(new Breakpoint(Space.ANY, (int) (long) at.get(0), "main call"));
        assertEquals(StopReason.Kind.BREAKPOINT, d.run(new RunFree(), LIMIT).kind());
        d.removeBreakpoint(bp);

        // "step" from the call's line enters sum_of_squares at a line of its own.
        Rig into = rig;
        StopReason r = d.run(new StepLine(0, false), LIMIT);
        assertEquals(StopReason.Kind.STEPPED, r.kind(), r.message());
        Where w = d.where(0);
        assertTrue(w.function().orElseThrow().startsWith("sum_of_squares"), w.describe());
        assertEquals(Binutils.line(ELF, Integer.toUnsignedLong(w.pc())), fileLine(w));

        // "next" from the same line on a fresh machine never stops inside a callee, and each
        // stop is at the start of a line addr2line agrees with.
        Rig over = rig(ELF);
        Debugger o = over.debugger();
        o.addBreakpoint(new Breakpoint(Space.ANY, (int) (long) at.get(0), "main call"));
        assertEquals(StopReason.Kind.BREAKPOINT, o.run(new RunFree(), LIMIT).kind());
        o.removeBreakpoint(o.breakpoints().get(0));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StopReason n = o.run(new StepLine(0, true), LIMIT);
            assertEquals(StopReason.Kind.STEPPED, n.kind(), n.message());
            Where nw = o.where(0);
            assertTrue(nw.function().orElseThrow().startsWith("main"), nw.describe());
            assertEquals(Binutils.line(ELF, Integer.toUnsignedLong(nw.pc())), fileLine(nw));
            lines.add(fileLine(nw));
        }
        assertTrue(lines.contains("steps.c:" + Binutils.markedLine(SOURCE, "main print")), lines.toString());
        assertTrue(over.text().contains("sum=0000001e"), "next ran the calls: " + over.text() + " " + lines);
        assertTrue(into.text().isEmpty(), "step stopped before main printed");
    }

    @Test
    void aWatchpointStopsAfterEachAccess() throws Exception {
        long counter = Binutils.symbol(ELF, "counter");
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        d.addWatchpoint(new Watchpoint(null, counter, 4, false, "counter"));
        // The start-up code zeroes .bss (counter with it); then bump() writes 1 and 2.
        List<String> writes = new ArrayList<>();
        StopReason r;
        while ((r = d.run(new RunFree(), LIMIT)).kind() == StopReason.Kind.WATCHPOINT) {
            writes.add(d.where(0).function().orElseThrow().replaceAll("\\+.*", "") + "=" + rig.word(counter));
        }
        assertEquals(StopReason.Kind.POWERED_OFF, r.kind(), r.message());
        assertEquals(List.of("_start=0", "bump=1", "bump=2"), writes);

        // Reads too, by virtual address: bump() reads before each write, and main reads it to print it.
        Rig reads = rig(ELF);
        Debugger w = reads.debugger();
        w.addWatchpoint(new Watchpoint(Space.ANY, counter, 4, true, "counter"));
        List<String> functions = new ArrayList<>();
        StopReason s;
        while ((s = w.run(new RunFree(), LIMIT)).kind() == StopReason.Kind.WATCHPOINT) {
            functions.add(w.where(0).function().orElseThrow().replaceAll("\\+.*", "")
                    + (s.message().contains(" wrote ") ? " wrote" : " read"));
        }
        assertEquals(StopReason.Kind.POWERED_OFF, s.kind());
        assertEquals(List.of("_start wrote", "bump read", "bump wrote", "bump read", "bump wrote", "main read"), functions);
    }

    /**
     * A snapshot from before a watchpoint was set brings back micro-TLB entries for the watched
     * page: the debugger must set its watch again after a restore, or the accesses are missed.
     */
    @Test
    void aWatchpointHoldsAcrossARestore() throws Exception {
        long counter = Binutils.symbol(ELF, "counter");
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        Breakpoint main = d.addBreakpoint(new Breakpoint(Space.ANY, (int) Binutils.symbol(ELF, "main"), "main"));
        assertEquals(StopReason.Kind.BREAKPOINT, d.run(new RunFree(), LIMIT).kind());
        d.removeBreakpoint(main);
        org.hyplab.machine.Snapshot before = org.hyplab.machine.Snapshot.take(d.machine());
        long events = d.recorder().total();
        d.addWatchpoint(new Watchpoint(null, counter, 4, false, "counter"));
        before.restoreInto(d.machine());
        d.restored(events);
        List<Integer> values = new ArrayList<>();
        StopReason r;
        while ((r = d.run(new RunFree(), LIMIT)).kind() == StopReason.Kind.WATCHPOINT) {
            values.add(rig.word(counter));
        }
        assertEquals(StopReason.Kind.POWERED_OFF, r.kind(), r.message());
        assertEquals(List.of(1, 2), values, "both of bump()'s stores stop");
    }

    @Test
    void runToTheNextTrapStopsAtTheHypVectorWithTheSyndrome() throws Exception {
        Rig rig = rig(ELF);
        Debugger d = rig.debugger();
        StopReason r = d.run(NextTrap.any(), LIMIT);
        assertEquals(StopReason.Kind.TRAP, r.kind(), r.message());
        Cpu cpu = rig.cpu0();
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(Binutils.symbol(ELF, "hyp_vectors") + 0x14, Integer.toUnsignedLong(cpu.pc), "the Hyp trap vector (B1.8.1)");
        // HSR (B3.13.6): EC 0x12 HVC, IL 1 (a 32-bit instruction), ISS imm16 0x42.
        assertEquals(0x12 << 26 | 1 << 25 | 0x42, cpu.sys.hsr);
        long hvc = Binutils.firstInstruction(ELF, "hvc");
        assertEquals(hvc + 4, Integer.toUnsignedLong(cpu.elrHyp), "HVC's preferred return is the next instruction");
        TrapEvent t = (TrapEvent) r.event();
        assertEquals(Mode.SVC, t.from());
        assertEquals(0x12, t.ec());

        // A filter on another class lets the HVC pass.
        Rig other = rig(ELF);
        StopReason none = other.debugger().run(new NextTrap(0x01, Space.ANY), LIMIT);
        assertEquals(StopReason.Kind.POWERED_OFF, none.kind(), none.message());
        assertTrue(other.text().contains("traps=00000001"), other.text());
    }

    /**
     * tests/arm/gic/gic_phys.c takes its interrupts in Hyp mode (it never leaves it): "run to
     * interrupt" stops at the Hyp IRQ vector, HVBAR + 0x18 (ARM ARM B1.8.1), with the GIC's CPU
     * interface signalling an IRQ to that CPU (IHI 0048B 3.2), and CPSR.I set by the entry
     * (B1.8.3: an IRQ taken to Hyp mode masks IRQs).
     */
    @Test
    void runToInterruptStopsAtTheIrqVector() throws Exception {
        Rig rig = rig(Qemu.armDir().resolve("tests/gic/gic_phys.elf"));
        Debugger d = rig.debugger();
        StopReason r = d.run(new NextInterrupt(), LIMIT);
        assertEquals(StopReason.Kind.INTERRUPT, r.kind(), r.message());
        Cpu cpu = d.machine().cpus().get(r.cpu());
        assertEquals(Mode.HYP, cpu.mode());
        assertEquals(cpu.sys.hvbar + 0x18, cpu.pc);
        assertTrue((cpu.cpsr() & 0x80) != 0, "IRQs masked on entry");
        assertTrue(d.machine().gic().inspect().cpuInterfaces().get(r.cpu()).irq(), "the CPU interface signals an IRQ");
        TrapEvent t = (TrapEvent) r.event();
        assertEquals(TrapEvent.VECTOR_IRQ, t.vector());
    }

    @Test
    void stepsAreTheRunItself() throws Exception {
        Rig plain = rig(ELF);
        assertEquals(StopReason.Kind.POWERED_OFF, plain.debugger().run(new RunFree(), LIMIT).kind());
        Rig stepped = rig(ELF);
        Debugger d = stepped.debugger();
        StopReason r;
        int steps = 0;
        do {
            long before = stepped.cpu0().retired;
            r = d.run(new StepInstruction(0), LIMIT);
            if (r.kind() == StopReason.Kind.STEPPED && !r.message().contains("interrupt")) {
                assertEquals(before + 1, stepped.cpu0().retired, "one instruction per step");
            }
            steps++;
        } while (r.kind() == StopReason.Kind.STEPPED);
        assertEquals(StopReason.Kind.POWERED_OFF, r.kind());
        assertEquals(plain.text(), stepped.text());
        assertEquals(plain.debugger().machine().retired(), d.machine().retired());
        assertEquals(plain.debugger().recorder().events(), d.recorder().events());
        assertTrue(steps > 700, "steps.elf runs ~780 instructions on CPU0: " + steps);
    }

    /** The same controls on the same program give the same trace, whatever mix of them. */
    @Test
    void theSameControlsGiveTheSameTrace() throws Exception {
        List<String> first = script(rig(ELF));
        List<String> second = script(rig(ELF));
        assertEquals(first, second);
        assertTrue(first.size() > 20, first.toString());
    }

    private static List<String> script(Rig rig) {
        Debugger d = rig.debugger();
        Random random = new Random(42);
        List<String> log = new ArrayList<>();
        d.addBreakpoint(new Breakpoint(Space.ANY, (int) Binutils.symbol(ELF, "bump"), "bump"));
        for (int i = 0; i < 60; i++) {
            Goal g = switch (random.nextInt(12)) {
                case 0 -> new StepInstruction(0);
                case 1 -> new StepLine(0, false);
                case 2 -> new StepLine(0, true);
                case 3 -> new StepOut(0);
                case 4 -> NextTrap.any();
                default -> new StepInstruction(0);
            };
            StopReason r = d.run(g, LIMIT);
            log.add(g.describe() + " -> " + r.kind() + " " + d.where(0).describe() + " @" + d.machine().retired());
            if (!r.canContinue()) {
                break;
            }
        }
        log.add(rig.text());
        log.add(d.recorder().events().toString());
        return log;
    }
}
