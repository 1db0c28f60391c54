package org.hyplab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionListener;
import org.hyplab.cpu.Mode;
import org.hyplab.gic.Gic;
import org.hyplab.gic.GicEvent;
import org.hyplab.gic.GicListener;
import org.hyplab.machine.Machine;
import org.hyplab.mmu.MmuFault;
import org.hyplab.mmu.TlbEntry;
import org.hyplab.mmu.TranslationObserver;

/**
 * The one place where observers plug into a machine: it listens on every CPU (exceptions taken
 * and returned from, its MMU's TLB-miss walks and watched accesses), turns what it hears into
 * {@link MachineEvent}s and hands them to its sinks. A machine without a probe runs with no
 * listener at all: the exception paths cost one null check, the instruction loop nothing.
 */
public final class Probe {

    /**
     * Decides which data accesses matter to a debugger (its watchpoints). Asked on the MMU's
     * slow path only; a page it watches is kept out of the micro-TLBs, so every access to that
     * page is asked about.
     */
    public interface AccessWatch {

        /** Whether the page of {@code va} is watched in this regime; note a hit if the access matches. */
        boolean accessed(Cpu cpu, boolean hyp, int va, long pa, int kind);
    }

    private final Machine machine;
    private final List<Cpu> cpus;
    private final List<Consumer<MachineEvent>> sinks = new ArrayList<>();
    private AccessWatch watch;
    private boolean walks;

    private Probe(Machine machine) {
        this.machine = machine;
        this.cpus = machine.cpus();
        for (Cpu cpu : cpus) {
            cpu.exceptionListener = new Tap(cpu);
        }
    }

    /** Listens on every CPU of {@code machine}, in place of any listener set before. */
    public static Probe attach(Machine machine) {
        return new Probe(machine);
    }

    /** Hands every event from now on to {@code sink} too. */
    public Probe addSink(Consumer<MachineEvent> sink) {
        sinks.add(sink);
        return this;
    }

    /**
     * Whether TLB-miss walks are events too. Off by default: they are the most frequent events,
     * and telling of them needs the MMU's slow path to call out.
     */
    public Probe recordWalks(boolean on) {
        walks = on;
        updateMmus();
        return this;
    }

    /**
     * Whether the GIC's steps (pending, acknowledge, EOI, list registers, maintenance) and the
     * generic timers' firing are events too. Off by default: a GIC line changes often.
     */
    public Probe recordInterrupts(boolean on) {
        Gic gic = machine.gic();
        if (gic != null) {
            gic.setListener(on ? new GicTap() : null);
        }
        for (Cpu cpu : cpus) {
            cpu.timer.setListener(cpu.index, on ? (c, kind, compare) -> emit(new TimerEvent(now(), c, kind, compare)) : null);
        }
        return this;
    }

    /** The running CPU's time: when a GIC or timer event happened. */
    private long now() {
        return cpus.get(machine.currentCpu()).cycles();
    }

    /** The GIC's listener: its steps become events. */
    private final class GicTap implements GicListener {

        @Override
        public void event(GicEvent kind, int cpu, int id, int value) {
            emit(new GicTraceEvent(now(), machine.currentCpu(), kind, cpu, id, value));
        }

        @Override
        public void listRegisterWritten(int cpu, int index, int oldValue, int newValue) {
            emit(new ListRegisterEvent(now(), machine.currentCpu(), cpu, index, oldValue, newValue));
        }
    }

    /** Sets (or with {@code null} removes) the watch on data accesses. */
    public void setWatch(AccessWatch watch) {
        this.watch = watch;
        updateMmus();
    }

    /** Stops listening: the machine runs as if never observed. */
    public void detach() {
        recordInterrupts(false);
        for (Cpu cpu : cpus) {
            cpu.exceptionListener = null;
            cpu.mmu.setObserver(null);
        }
        sinks.clear();
        watch = null;
    }

    /** A byte the console UART sent, from the console's sink: recorded as a {@link ConsoleEvent}. */
    public void console(Cpu cpu, int value) {
        emit(new ConsoleEvent(cpu.cycles(), cpu.index, value));
    }

    private void updateMmus() {
        for (Cpu cpu : cpus) {
            cpu.mmu.setObserver(walks || watch != null ? (Tap) cpu.exceptionListener : null);
        }
    }

    private void emit(MachineEvent event) {
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(event);
        }
    }

    private static int vmid(Cpu cpu) {
        return (int) (cpu.sys.vttbr >>> 48) & 0xFF;
    }

    /** One CPU's listener: knows which CPU it hears, which the MMU's callbacks do not say. */
    private final class Tap implements ExceptionListener, TranslationObserver {

        private final Cpu cpu;

        Tap(Cpu cpu) {
            this.cpu = cpu;
        }

        @Override
        public void taken(Cpu c, Mode from, Mode to, int vector, int returnAddress, int syndrome) {
            if (to == Mode.HYP) {
                emit(new TrapEvent(c.cycles(), c.index, from, vmid(c), c.sys.vmpidr & 0xFF, vector, returnAddress,
                        syndrome, c.r[0], c.r[12], c.sys.hdfar, c.sys.hifar, c.sys.hpfar));
            } else {
                emit(new GuestExceptionEvent(c.cycles(), c.index, from, to, vmid(c), c.sys.vmpidr & 0xFF, vector,
                        returnAddress));
            }
        }

        @Override
        public void returned(Cpu c, Mode from, Mode to, int address) {
            emit(new ReturnEvent(c.cycles(), c.index, from, to, vmid(c), c.sys.vmpidr & 0xFF, address));
        }

        @Override
        public void walked(boolean hyp, int va, int kind, TlbEntry entry) {
            if (walks) {
                emit(new TlbMissEvent(cpu.cycles(), cpu.index, hyp, vmid(cpu), va, kind, entry.pa(va), null));
            }
        }

        @Override
        public void walkFaulted(boolean hyp, int va, int kind, MmuFault fault) {
            if (walks) {
                emit(new TlbMissEvent(cpu.cycles(), cpu.index, hyp, vmid(cpu), va, kind, -1, fault.getMessage()));
            }
        }

        @Override
        public boolean accessed(boolean hyp, int va, long pa, int kind) {
            return watch != null && watch.accessed(cpu, hyp, va, pa, kind);
        }
    }
}
