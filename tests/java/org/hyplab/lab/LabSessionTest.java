package org.hyplab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.debug.NextTrap;
import org.hyplab.debug.RunFree;
import org.hyplab.debug.Space;
import org.hyplab.debug.StepLine;
import org.hyplab.debug.StopReason;
import org.hyplab.debug.Where;
import org.hyplab.mmu.Explanation;
import org.hyplab.mmu.Perm;
import org.hyplab.mmu.Regime;
import org.hyplab.mmu.WalkEvent;
import org.hyplab.testing.Binutils;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.hyplab.trace.TrapEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lab's flows on real scenarios, without a browser: each control runs on the shared worker
 * and stops where the architecture and the hypervisor's ELF say it must.
 */
class LabSessionTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path ARM = Qemu.armDir();
    private static final Path HYPERVISOR_ELF = ARM.resolve("hypervisor.elf");
    /** Xen's public headers (xen/include/public/xen.h): __HYPERVISOR_console_io. */
    private static final int CONSOLE_IO = 18;
    /** The guest's GIC distributor in Xen's guest memory map (XEN-ABI.md §5, GUEST_GICD_BASE). */
    private static final long GUEST_GICD = 0x0300_1000L;

    private static LabWorker worker;

    @BeforeAll
    static void startWorker() {
        worker = new LabWorker(1);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    static LabSession open(String board, String... guests) throws LabException {
        BoardDescription b = Emulator.board(board);
        return LabSession.open(ROOT, ARM, b, new LabScenario(board, List.of(guests)), worker);
    }

    /**
     * Where the hypervisor runs relative to where it is linked (at 0, as a position-independent
     * executable): HVBAR, which it sets to its vector table, minus nm's address of the table.
     */
    static long hypervisorBias(LabSession s) {
        long hvbar = s.read(d -> Integer.toUnsignedLong(d.machine().cpus().get(0).sys.hvbar));
        return hvbar - Binutils.symbol(HYPERVISOR_ELF, "hyp_vectors");
    }

    /** Waits for the running control to stop; its reason. */
    static StopReason awaitStop(LabSession s) throws InterruptedException {
        for (int i = 0; i < 12_000; i++) {
            SessionStatus st = s.status();
            if (!st.running() && st.stop() != null) {
                return st.stop();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the session did not stop: " + s.status());
    }

    static StopReason run(LabSession s, org.hyplab.debug.Goal goal) throws InterruptedException {
        s.start(goal);
        return awaitStop(s);
    }

    @Test
    void runToTheNextTrapLandsOnHellosHypercall() throws Exception {
        LabSession s = open("vexpress-a15", "hello");
        StopReason r = run(s, NextTrap.any());
        assertEquals(StopReason.Kind.TRAP, r.kind(), r.message());
        TrapEvent t = (TrapEvent) r.event();
        // HSR (ARM ARM B3.13.6): EC 0x12 HVC, IL set, ISS = the immediate, 0xEA1 for Xen (XEN-ABI.md §1).
        assertEquals(0x12, t.ec());
        assertEquals(0xEA1, t.syndrome() & 0xFFFF);
        assertEquals(CONSOLE_IO, t.r12(), "the hypercall number is in r12");
        assertEquals(1, t.vmid());
        assertEquals(Mode.SVC, t.from());
        assertTrue(r.message().contains("console_io"), r.message());
        Where w = s.read(d -> d.where(t.cpu()));
        assertEquals(Mode.HYP, w.mode());
        assertEquals(Space.HYPERVISOR, w.space());
        // The CPU waits at the Hyp trap vector, HVBAR + 0x14 (B1.8.1).
        int hvbar = s.read(d -> d.machine().cpus().get(t.cpu()).sys.hvbar);
        assertEquals(hvbar + 0x14, w.pc());
        // hello's PC at the trap is in its console_write wrapper, as its ELF says.
        Path helloElf = ARM.resolve("guests/hello.elf");
        String caller = s.read(d -> d.images().image(Space.domain(1)).orElseThrow()
                .function(Integer.toUnsignedLong(t.returnAddress())).orElseThrow());
        long start = Binutils.symbol(helloElf, caller.replaceAll("\\+.*", ""));
        assertTrue(Integer.toUnsignedLong(t.returnAddress()) > start, caller);
    }

    @Test
    void stepByLineThroughTheHypercallHandler() throws Exception {
        LabSession s = open("vexpress-a15", "hello");
        StopReason r = run(s, NextTrap.any());
        int cpu = r.cpu();
        long bias = hypervisorBias(s);
        List<String> seen = new ArrayList<>();
        boolean inHypercallC = false;
        for (int i = 0; i < 80 && !(inHypercallC && seen.size() > 3); i++) {
            StopReason step = run(s, new StepLine(cpu, false));
            assertEquals(StopReason.Kind.STEPPED, step.kind(), step.message());
            Where w = s.read(d -> d.where(cpu));
            assertEquals(Space.HYPERVISOR, w.space(), "stepping stays in the hypervisor until it returns: " + w.describe());
            String line = w.source().map(l -> l.file().replaceAll(".*/", "") + ":" + l.line()).orElseThrow();
            assertEquals(Binutils.line(HYPERVISOR_ELF, Integer.toUnsignedLong(w.pc()) - bias), line);
            seen.add(line);
            inHypercallC |= line.startsWith("hypercall.c:");
        }
        assertTrue(inHypercallC, "the steps reach hypercall.c: " + seen);
        assertTrue(seen.stream().distinct().count() == seen.size() || seen.size() > 1, seen.toString());
    }

    @Test
    void aBreakpointOnTheVgicDistributorShowsTheGuestsAccess() throws Exception {
        LabSession s = open("vexpress-a15", "vgic");
        s.addBreakpoint(Space.HYPERVISOR, "vgic_dist_write");
        StopReason r = run(s, new RunFree());
        assertEquals(StopReason.Kind.BREAKPOINT, r.kind(), r.message());
        long entry = Binutils.symbol(HYPERVISOR_ELF, "vgic_dist_write") + hypervisorBias(s);
        Where w = s.read(d -> d.where(r.cpu()));
        assertEquals(entry, Integer.toUnsignedLong(w.pc()));
        // The trap that led here: the guest's store to its distributor, a data abort from a
        // lower level (EC 0x24) with a valid syndrome (ISV) and WnR set (B3.13.6).
        TrapEvent abort = s.read(d -> {
            List<TrapEvent> traps = d.recorder().traps();
            return traps.get(traps.size() - 1);
        });
        assertEquals(0x24, abort.ec());
        assertEquals(1, abort.syndrome() >>> 24 & 1, "ISV");
        assertEquals(1, abort.syndrome() >>> 6 & 1, "WnR: a write");
        Cpu c = s.read(d -> d.machine().cpus().get(r.cpu()));
        long ipa = s.read(d -> (Integer.toUnsignedLong(c.sys.hpfar) >>> 4 << 12) | (c.sys.hdfar & 0xFFF));
        assertTrue(ipa >= GUEST_GICD && ipa < GUEST_GICD + 0x1000, Long.toHexString(ipa));
        assertEquals(ipa, abort.faultIpa(), "the trace keeps the fault's address");
        // In words: the access size from ISS.SAS [23:22] and the register from ISS.SRT [19:16].
        String size = List.of("byte", "halfword", "word").get(abort.syndrome() >>> 22 & 3);
        int srt = abort.syndrome() >>> 16 & 0xF;
        String register = srt == 13 ? "sp" : srt == 14 ? "lr" : "r" + srt;
        assertEquals("data abort: " + size + " write of " + register + ", translation fault, level 3",
                org.hyplab.trace.TrapTimeline.what(abort));
    }

    @Test
    void thePageTablesOfAGuestWithItsMmuOnShowBothStages() throws Exception {
        LabSession s = open("vexpress-a15", "mmu");
        // Trap after trap from the guest, until it has turned its stage 1 on (SCTLR.M, B4.1.130).
        Optional<Explanation> found = Optional.empty();
        for (int i = 0; i < 200 && found.isEmpty(); i++) {
            StopReason r = run(s, new NextTrap(-1, Space.domain(1)));
            assertEquals(StopReason.Kind.TRAP, r.kind(), r.message());
            TrapEvent t = (TrapEvent) r.event();
            found = s.read(d -> {
                Cpu c = d.machine().cpus().get(t.cpu());
                if ((c.sys.sctlr & 1) == 0) {
                    return Optional.empty();
                }
                return Optional.of(c.mmu.explain(Regime.PL10, Integer.toUnsignedLong(t.returnAddress()), Perm.READ, true));
            });
        }
        Explanation e = found.orElseThrow(() -> new AssertionError("the mmu guest never trapped with its MMU on"));
        assertTrue(e.allowed(), String.join("\n", e.lines()));
        assertTrue(e.steps().stream().anyMatch(st -> st instanceof WalkEvent.Read rd && rd.stage() == 1), String.join("\n", e.lines()));
        assertTrue(e.steps().stream().anyMatch(st -> st instanceof WalkEvent.Read rd && rd.stage() == 2), String.join("\n", e.lines()));
    }

    /**
     * The timer guest's tick: the hypervisor puts virtual interrupt 27 (the virtual timer's PPI,
     * ARM ARM B8.2.2 / the board's device tree) into a list register, and the guest takes it at
     * its IRQ vector while the list register holds it pending (IHI 0048B 5.3, GICH_LRn).
     */
    @Test
    void theTimersInterruptTravelsIntoAListRegister() throws Exception {
        LabSession s = open("vexpress-a15", "timer");
        StopReason r;
        do {
            r = run(s, new org.hyplab.debug.NextInterrupt());
            assertEquals(StopReason.Kind.INTERRUPT, r.kind(), r.message());
        } while (!(r.event() instanceof org.hyplab.trace.GuestExceptionEvent g && g.vmid() == 1));
        int cpu = r.cpu();
        org.hyplab.gic.VirtualInterfaceState v = s.read(d -> d.machine().gic().inspect()).virtualInterfaces().get(cpu);
        assertTrue(v.listRegisters().stream().anyMatch(lr -> lr.virtualId() == 27
                && lr.state() == org.hyplab.gic.ListRegisterState.State.PENDING), v.describe().toString());
        // The trace has the hypervisor's write of that list register, before the guest took it.
        List<org.hyplab.trace.ListRegisterEvent> writes = s.read(d -> d.recorder().query(
                e -> e instanceof org.hyplab.trace.ListRegisterEvent lr && lr.iface() == cpu && lr.virtualId() == 27
                        && lr.state() == 1)).stream().map(e -> (org.hyplab.trace.ListRegisterEvent) e).toList();
        assertFalse(writes.isEmpty());
        assertTrue(writes.get(writes.size() - 1).cycle() <= r.event().cycle());
    }

    @Test
    void twoSessionsShareTheWorkerAndEachPausesWhenAsked() throws Exception {
        String spin = ARM.resolve("tests/hypervisor/spin.zImage").toString();
        LabSession a = open("vexpress-a15", spin);
        LabSession b = open("arndale", spin);
        a.start(new RunFree());
        b.start(new RunFree());
        long a0 = a.status().retired(), b0 = b.status().retired();
        for (int i = 0; i < 2000 && (a.status().retired() < a0 + 5_000_000 || b.status().retired() < b0 + 5_000_000); i++) {
            Thread.sleep(5);
        }
        assertTrue(a.status().retired() >= a0 + 5_000_000, "a runs: " + a.status());
        assertTrue(b.status().retired() >= b0 + 5_000_000, "b runs while a runs: " + b.status());
        a.pause();
        assertEquals(StopReason.Kind.PAUSED, awaitStop(a).kind());
        long aStopped = a.status().retired();
        long bBefore = b.read(d -> d.machine().retired());
        Thread.sleep(200);
        assertEquals(aStopped, (long) a.read(d -> d.machine().retired()), "a paused stays put");
        assertTrue(b.read(d -> d.machine().retired()) > bBefore, "b runs on: " + b.status());
        b.pause();
        assertEquals(StopReason.Kind.PAUSED, awaitStop(b).kind());
        // Each has its own console.
        assertTrue(a.uartConsole().contains("(d1)") && b.uartConsole().contains("(d1)"));
        assertFalse(a.splitConsoles().get("d1").isEmpty());
    }

    /**
     * A timeline row clicked: the machine goes back to a checkpoint and replays to that trap, and
     * stands exactly as it did when the trap was first taken (the same event, registers and
     * console).
     */
    @Test
    void goingBackToATrapShowsTheMachineAsItWasThen() throws Exception {
        LabSession s = open("vexpress-a15", "hello");
        // Stop at hello's third console_io, note the machine, then run to the end.
        TrapEvent third = null;
        for (int i = 0; i < 3; i++) {
            third = (TrapEvent) run(s, new NextTrap(0x12, Space.domain(1))).event();
        }
        TrapEvent wanted = third;
        int[] registers = s.read(d -> d.machine().cpus().get(wanted.cpu()).r.clone());
        String consoleThen = s.uartConsole();
        assertEquals(StopReason.Kind.POWERED_OFF, run(s, new RunFree()).kind());
        long n = s.read(d -> {
            for (long i = d.recorder().firstKept(); i < d.recorder().total(); i++) {
                if (d.recorder().get(i).orElseThrow().equals(wanted)) {
                    return i;
                }
            }
            throw new AssertionError("the trap is in the trace");
        });
        // A breakpoint on the way does not stop the replay.
        s.addBreakpoint(Space.HYPERVISOR, "do_hypercall");
        s.goToEvent(n);
        StopReason back = awaitStop(s);
        assertEquals(StopReason.Kind.TRAP, back.kind(), back.message());
        assertTrue(back.message().startsWith("back at event #" + n), back.message());
        assertEquals(wanted, back.event());
        assertEquals(n + 1, s.status().events(), "the trace ends at that trap again");
        assertTrue(java.util.Arrays.equals(registers, s.read(d -> d.machine().cpus().get(wanted.cpu()).r.clone())));
        assertEquals(consoleThen, s.uartConsole());
        // And it can run on from there, to the same end (through the breakpoint, now honoured).
        assertEquals(StopReason.Kind.BREAKPOINT, run(s, new RunFree()).kind());
        s.removeBreakpoint(s.read(d -> d.breakpoints().get(0)));
        assertEquals(StopReason.Kind.POWERED_OFF, run(s, new RunFree()).kind());
        assertThrows(LabException.class, () -> s.goToEvent(1_000_000_000L));
    }

    /** Console input goes where the hypervisor says (input.c), and CTRL-a three times moves it on. */
    @Test
    void consoleInputFollowsTheHypervisorsFocus() throws Exception {
        String spin = ARM.resolve("tests/hypervisor/spin.zImage").toString();
        LabSession s = open("vexpress-a15", spin, spin);
        s.start(new RunFree());
        for (int i = 0; i < 2000 && s.inputFocus().isEmpty(); i++) {
            Thread.sleep(5);
        }
        assertEquals("hypervisor", s.inputFocus());
        s.switchInput();
        for (int i = 0; i < 2000 && !s.inputFocus().equals("d1"); i++) {
            Thread.sleep(5);
        }
        assertEquals("d1", s.inputFocus());
        s.switchInput();
        for (int i = 0; i < 2000 && !s.inputFocus().equals("d2"); i++) {
            Thread.sleep(5);
        }
        assertEquals("d2", s.inputFocus());
        s.pause();
        awaitStop(s);
    }

    /**
     * Keys typed are logged with the machine's time: going back before them and replaying to a
     * later event types them again at the same times, so the replay is the same run (the
     * hypervisor answers 'd' with its list of vCPUs, hypervisor/input.c).
     */
    @Test
    void goingBackReplaysWhatWasTyped() throws Exception {
        String spin = ARM.resolve("tests/hypervisor/spin.zImage").toString();
        LabSession s = open("vexpress-a15", spin);
        s.start(new RunFree());
        for (int i = 0; i < 2000 && !s.inputFocus().equals("hypervisor"); i++) {
            Thread.sleep(5);
        }
        s.type("d");
        for (int i = 0; i < 2000 && !s.uartConsole().contains("d1 vCPU 0: "); i++) {
            Thread.sleep(5);
        }
        s.pause();
        awaitStop(s);
        String console = s.uartConsole();
        assertEquals(1, console.split("d1 vCPU 0: ", -1).length - 1, console);
        long last = s.status().events() - 1;
        MachineEventHolder wanted = new MachineEventHolder(s.read(d -> d.recorder().get(last).orElseThrow()));
        s.goToEvent(last);
        StopReason back = awaitStop(s);
        assertTrue(back.message().startsWith("back at event #" + last), back.message());
        assertEquals(wanted.event(), back.event());
        assertTrue(console.startsWith(s.uartConsole()), "the console as it was then");
        assertEquals(1, s.uartConsole().split("d1 vCPU 0: ", -1).length - 1, "the key was answered once");
    }

    private record MachineEventHolder(org.hyplab.trace.MachineEvent event) {
    }

    /** A closed session stops running, and later controls do nothing. */
    @Test
    void aClosedSessionStopsAndTakesNoMoreControls() throws Exception {
        String spin = ARM.resolve("tests/hypervisor/spin.zImage").toString();
        LabSession s = open("vexpress-a15", spin);
        s.start(new RunFree());
        Thread.sleep(50);
        s.close();
        Thread.sleep(50);
        long after = s.read(d -> d.machine().retired());
        s.start(new RunFree());
        Thread.sleep(100);
        assertEquals(after, (long) s.read(d -> d.machine().retired()), "no slice runs after close");
        assertTrue(s.isClosed());
        assertThrows(LabException.class, () -> s.goToEvent(0));
    }

    /** A status listener that fails does not stop the session. */
    @Test
    void aFailingListenerStopsNothing() throws Exception {
        LabSession s = open("vexpress-a15", "hello");
        s.addListener(st -> {
            throw new IllegalStateException("a broken view");
        });
        assertEquals(StopReason.Kind.TRAP, run(s, NextTrap.any()).kind());
        assertEquals(StopReason.Kind.POWERED_OFF, run(s, new RunFree()).kind());
    }

    @Test
    void aScenarioThatCannotBootSaysWhy() {
        LabException e = assertThrows(LabException.class, () -> open("vexpress-a15", "no-such-guest"));
        assertTrue(e.getMessage().contains("no-such-guest"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabScenario("vexpress-a15", List.of()));
        assertThrows(IllegalArgumentException.class, () -> LabScenario.ofCatalog("vexpress-a15", List.of("/etc/passwd")));
        assertThrows(IllegalArgumentException.class, () -> LabScenario.ofCatalog("vexpress-a15", List.of("hello,bootargs=x")));
        assertEquals(List.of("hello,cpus=2"), LabScenario.ofCatalog("arndale", List.of("hello,cpus=2")).guests());
        // A name that is also a file of the server's working directory (the launcher, hyplab) is
        // still only a name: unknown, whether or not such a file exists.
        LabException file = assertThrows(LabException.class, () -> LabSession.open(ROOT, ARM, Emulator.board("vexpress-a15"),
                LabScenario.ofCatalog("vexpress-a15", List.of("hyplab")), worker));
        LabException none = assertThrows(LabException.class, () -> LabSession.open(ROOT, ARM, Emulator.board("vexpress-a15"),
                LabScenario.ofCatalog("vexpress-a15", List.of("hyplab-no-such-file")), worker));
        assertEquals(file.getMessage().replace("hyplab", "X"), none.getMessage().replace("hyplab-no-such-file", "X"));
    }

    @Test
    void aBreakpointOnNothingSaysWhy() throws Exception {
        LabSession s = open("vexpress-a15", "hello");
        LabException e = assertThrows(LabException.class, () -> s.addBreakpoint(Space.HYPERVISOR, "no_such_function"));
        assertTrue(e.getMessage().contains("no_such_function"), e.getMessage());
        for (String bad : List.of("vgic.c:99999999999", "vgic.c:0", ":", "", "0xZZ", "x".repeat(5000))) {
            assertThrows(LabException.class, () -> s.addBreakpoint(Space.HYPERVISOR, bad), bad);
        }
        assertTrue(s.read(d -> d.breakpoints()).isEmpty());
    }
}
