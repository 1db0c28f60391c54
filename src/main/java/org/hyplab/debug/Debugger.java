package org.hyplab.debug;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.InstructionHook;
import org.hyplab.machine.Machine;
import org.hyplab.mmu.Perm;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.Probe;
import org.hyplab.trace.TraceRecorder;

/**
 * Runs one machine towards a {@link Goal} under the user's breakpoints and watchpoints, and says
 * where each CPU is. It is the narrow control API of the design (ARCHITECTURE.md,
 * "MachineControl"): the Lab and the command line use nothing else to drive a machine.
 *
 * <p>A control runs in slices: {@link #advance} runs at most a budget of instructions and says
 * whether the goal was reached, so a worker can share a thread between machines and stop
 * between slices when the user pauses. Because the machine's run keeps its place inside a round
 * ({@link Machine#run}), a machine stepped in any slices executes exactly what one long run
 * would: stepping never changes what the program does.
 *
 * <p>Not thread-safe: one thread at a time drives it (the session's worker).
 */
public final class Debugger {

    private final Machine machine;
    private final List<Cpu> cpus;
    private final Probe probe;
    private final TraceRecorder recorder;
    private final Images images;
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    private Breakpoint[] armed = new Breakpoint[0];
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    /** Per CPU: the PC at which it last stopped, whose breakpoint is not hit again when it goes on. */
    private final int[] stoppedAt;
    private final boolean[] holdsStop;

    private Goal goal;
    private StopReason pending;
    /** Set once the machine can never run again (powered off, deadlocked, failed). */
    private StopReason finished;

    private final InstructionHook hook = this::stopBefore;

    public Debugger(Machine machine, Images images, int traceCapacity) {
        this.machine = machine;
        this.cpus = machine.cpus();
        this.images = images;
        this.recorder = new TraceRecorder(traceCapacity);
        this.probe = Probe.attach(machine).addSink(recorder).addSink(this::event).recordWalks(true)
                .recordInterrupts(true);
        this.stoppedAt = new int[cpus.size()];
        this.holdsStop = new boolean[cpus.size()];
    }

    public Machine machine() {
        return machine;
    }

    public TraceRecorder recorder() {
        return recorder;
    }

    public Images images() {
        return images;
    }

    /** A byte the console UART sent: the owner of the console's sink passes it on, to be recorded. */
    public void console(int value) {
        probe.console(cpus.get(machine.currentCpu()), value);
    }

    // ---- where the CPUs are ---------------------------------------------------------------------

    public Where where(int cpu) {
        Cpu c = cpus.get(cpu);
        Space space = Space.of(c);
        return Where.of(c, space, machine.isOn(cpu), images.image(space));
    }

    public List<Where> whereAll() {
        List<Where> all = new ArrayList<>();
        for (int i = 0; i < cpus.size(); i++) {
            all.add(where(i));
        }
        return all;
    }

    // ---- breakpoints and watchpoints ------------------------------------------------------------

    public Breakpoint addBreakpoint(Breakpoint bp) {
        if (!breakpoints.contains(bp)) {
            breakpoints.add(bp);
            armed = breakpoints.toArray(Breakpoint[]::new);
        }
        return bp;
    }

    public void removeBreakpoint(Breakpoint bp) {
        breakpoints.remove(bp);
        armed = breakpoints.toArray(Breakpoint[]::new);
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    public Watchpoint addWatchpoint(Watchpoint wp) {
        if (!watchpoints.contains(wp)) {
            watchpoints.add(wp);
            probe.setWatch(this::accessed);   // also empties the micro-TLBs, so the pages are watched from now
        }
        return wp;
    }

    public void removeWatchpoint(Watchpoint wp) {
        watchpoints.remove(wp);
        probe.setWatch(watchpoints.isEmpty() ? null : this::accessed);
    }

    public List<Watchpoint> watchpoints() {
        return List.copyOf(watchpoints);
    }

    // ---- running -----------------------------------------------------------------------------------

    /**
     * The machine was put back to an earlier moment (a snapshot restored) whose events the
     * recorder kept up to {@code events}: the control under way and any end reached are
     * forgotten, and the recorder forgets what came after.
     */
    public void restored(long events) {
        recorder.truncate(events);
        goal = null;
        pending = null;
        finished = null;
        for (int i = 0; i < cpus.size(); i++) {
            stoppedAt[i] = cpus.get(i).pc;   // where each CPU stands again: not a new arrival
            holdsStop[i] = true;
        }
        if (!watchpoints.isEmpty()) {
            // The restored micro-TLBs may map watched pages: set the watch again, which empties them.
            probe.setWatch(this::accessed);
        }
    }

    /** The control to run towards from now on; it replaces one not yet reached. */
    public void start(Goal next) {
        goal = next;
        pending = null;
        next.begin(this);
    }

    /** The control being run, or {@code null} when none (the last was reached). */
    public Goal goal() {
        return goal;
    }

    /**
     * Runs towards the current goal for at most {@code budget} instructions: the reason it
     * stopped, or empty when the budget ran out first (call again to go on).
     */
    public Optional<StopReason> advance(long budget) {
        if (finished != null) {
            goal = null;
            return Optional.of(finished);
        }
        if (goal == null) {
            throw new IllegalStateException("no control to run: start one first");
        }
        machine.setInstructionHook(goal.perInstruction() || (armed.length > 0 && goal.honoursBreakpoints()) ? hook : null);
        Machine.Stop stop;
        try {
            stop = machine.run(budget);
        } catch (RuntimeException | StackOverflowError failure) {
            // An emulator bug, never the guest's doing: the guest's worst is an exception of its
            // own. The machine's state is no longer trustworthy, so it stops for good.
            finished = StopReason.of(StopReason.Kind.HALTED, machine.currentCpu(),
                    "the emulator failed: " + failure + "; this machine is halted (reset it to go on)");
            goal = null;
            return Optional.of(finished);
        }
        StopReason reason = switch (stop) {
            case BUDGET_EXHAUSTED -> null;
            case STOPPED -> pending != null ? pending
                    : StopReason.of(StopReason.Kind.PAUSED, machine.currentCpu(), "stopped");
            case POWERED_OFF -> finished = StopReason.of(StopReason.Kind.POWERED_OFF, -1,
                    "the board powered off: " + machine.powerReason());
            case DEADLOCKED -> finished = StopReason.of(StopReason.Kind.DEADLOCKED, -1,
                    "every CPU waits for an interrupt that nothing can raise");
            case WAITING_FOR_INPUT -> StopReason.of(StopReason.Kind.WAITING_FOR_INPUT, -1,
                    "every CPU waits; only a key typed at the console can wake one");
        };
        if (reason == null) {
            return Optional.empty();
        }
        if (reason.kind() == StopReason.Kind.WAITING_FOR_INPUT) {
            return Optional.of(reason);   // the control goes on once a key is typed
        }
        pending = null;
        goal = null;
        if (reason.cpu() >= 0 && reason.cpu() < cpus.size()) {
            stoppedAt[reason.cpu()] = cpus.get(reason.cpu()).pc;
            holdsStop[reason.cpu()] = true;
        }
        return Optional.of(reason);
    }

    /** Starts {@code control} and runs until it stops, or {@code limit} instructions ran ({@link StopReason.Kind#LIMIT}). */
    public StopReason run(Goal control, long limit) {
        start(control);
        long before = machine.retired();
        while (true) {
            long left = limit - (machine.retired() - before);
            if (left <= 0) {
                goal = null;
                return StopReason.of(StopReason.Kind.LIMIT, -1,
                        control.describe() + ": not reached within " + limit + " instructions");
            }
            Optional<StopReason> r = advance(Math.min(left, 1_000_000));
            if (r.isPresent()) {
                return r.get();
            }
        }
    }

    /** Stops the run from inside it (an event or access an observer waited for). */
    void stop(StopReason reason) {
        if (pending == null) {
            pending = reason;
        }
        machine.requestStop();
    }

    // ---- the hooks -----------------------------------------------------------------------------

    private boolean stopBefore(Cpu cpu) {
        int i = cpu.index;
        boolean skipBreakpoints = holdsStop[i] && stoppedAt[i] == cpu.pc;
        holdsStop[i] = false;
        if (!skipBreakpoints && armed.length > 0 && (goal == null || goal.honoursBreakpoints())) {
            Space space = null;
            for (Breakpoint bp : armed) {
                if (bp.address() == cpu.pc) {
                    if (space == null) {
                        space = Space.of(cpu);
                    }
                    if (bp.space().matches(space)) {
                        pending = new StopReason(StopReason.Kind.BREAKPOINT, i,
                                "breakpoint " + bp.describe() + " on CPU" + i, null);
                        return true;
                    }
                }
            }
        }
        if (goal != null && goal.perInstruction()) {
            StopReason r = goal.before(this, cpu);
            if (r != null) {
                pending = r;
                return true;
            }
        }
        return false;
    }

    private void event(MachineEvent e) {
        if (goal != null && pending == null) {
            StopReason r = goal.event(this, e);
            if (r != null) {
                stop(r);
            }
        }
    }

    private boolean accessed(Cpu cpu, boolean hyp, int va, long pa, int kind) {
        if (kind == Perm.FETCH) {
            return false;
        }
        boolean watched = false;
        Space space = null;
        for (Watchpoint w : watchpoints) {
            long at;
            if (w.physical()) {
                at = pa;
            } else {
                if (space == null) {
                    space = Space.of(cpu);
                }
                if (!w.space().matches(space)) {
                    continue;
                }
                at = va & 0xFFFF_FFFFL;
            }
            if (w.onPage(at)) {
                watched = true;
                if (w.covers(at) && (kind == Perm.WRITE || w.reads()) && pending == null
                        && (goal == null || goal.honoursBreakpoints())) {
                    stop(new StopReason(StopReason.Kind.WATCHPOINT, cpu.index, String.format(
                            "watchpoint %s: CPU%d %s %s %08x (PA %09x) at pc %08x", w.label(), cpu.index,
                            Space.of(cpu).label(), kind == Perm.WRITE ? "wrote" : "read", va, pa, cpu.pc), null));
                }
            }
        }
        return watched;
    }
}
