package org.hyplab.ui.lab;

import java.util.ArrayList;
import java.util.List;

import org.hyplab.trace.GicTraceEvent;
import org.hyplab.trace.ListRegisterEvent;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TimerEvent;
import org.hyplab.trace.TraceRecorder;

/**
 * The way the last interrupt of a CPU went, from the trace: the newest GIC step or list-register
 * write concerning that CPU names the interrupt; its steps before that (pending, acknowledged, in
 * a list register, taken by the guest, ended) and the timer firings among them are the path.
 */
final class InterruptPath {

    /** The most steps shown: one interrupt's round trip through both interfaces fits. */
    static final int STEPS = 16;

    private InterruptPath() {
    }

    /** The path of CPU {@code cpu}'s last interrupt, oldest first; empty when none moved. */
    static List<MachineEvent> last(TraceRecorder recorder, int cpu) {
        List<MachineEvent> events = recorder.query(e -> e instanceof GicTraceEvent || e instanceof ListRegisterEvent
                || e instanceof TimerEvent && e.cpu() == cpu);
        int id = -1;
        for (int i = events.size() - 1; i >= 0 && id < 0; i--) {
            id = idOf(events.get(i), cpu);
        }
        if (id < 0) {
            return List.of();
        }
        List<MachineEvent> path = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && path.size() < STEPS; i--) {
            MachineEvent e = events.get(i);
            if (idOf(e, cpu) == id || e instanceof TimerEvent) {
                path.addFirst(e);
            }
        }
        // A timer firing belongs to the path only if the interrupt's steps follow it.
        while (!path.isEmpty() && path.getLast() instanceof TimerEvent) {
            path.removeLast();
        }
        return path;
    }

    /** The interrupt a path follows, -1 for an empty one. */
    static int id(List<MachineEvent> path) {
        for (MachineEvent e : path.reversed()) {
            if (e instanceof GicTraceEvent g && g.id() >= 0) {
                return g.id();
            }
            if (e instanceof ListRegisterEvent l) {
                return l.virtualId();
            }
        }
        return -1;
    }

    /** The interrupt an event moves on CPU {@code cpu}'s interfaces (an SPI's distributor steps count for all), or -1. */
    private static int idOf(MachineEvent e, int cpu) {
        if (e instanceof GicTraceEvent g && g.id() >= 0 && (g.iface() == cpu || g.iface() < 0)) {
            return g.id();
        }
        if (e instanceof ListRegisterEvent l && l.iface() == cpu && l.state() != 0) {
            return l.virtualId();
        }
        return -1;
    }
}
