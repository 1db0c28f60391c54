package org.hyplab.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.InstructionHook;
import org.hyplab.cpu.Mode;
import org.hyplab.elf.SymbolTable;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.ReturnEvent;
import org.hyplab.trace.TrapEvent;

/**
 * Which hypervisor functions handled each trap: from the trap until the ERET back to a guest,
 * it follows the CPU through the hypervisor's functions (entering one at its first instruction
 * is a call; arriving back in one further down the stack is a return) and counts the
 * instructions run under each. The handler is then the busiest path: from the first function
 * entered, the callee under which most instructions ran, and its busiest callee ("guest_trap >
 * do_hypercall > console_write"). It needs to see every Hyp instruction: an instruction hook.
 */
public final class HandlerTracker implements InstructionHook {

    /** How many levels below the vector's code the handler names. */
    static final int DEPTH = 3;

    private final Image hypervisor;
    private final Map<Long, Optional<SymbolTable.Symbol>> functionAt = new HashMap<>();
    private final Handling[] current;
    private final Map<TrapEvent, String> handlers = new IdentityHashMap<>();

    /** One trap being handled on one CPU: the call stack now, and instructions per call path. */
    private static final class Handling {
        final TrapEvent trap;
        final List<SymbolTable.Symbol> stack = new ArrayList<>();
        final Map<List<String>, Long> counts = new HashMap<>();
        /** When each call path was first entered, to know a caller's calls in order. */
        final Map<List<String>, Long> order = new HashMap<>();

        Handling(TrapEvent trap) {
            this.trap = trap;
        }
    }

    public HandlerTracker(Image hypervisor, int cpus) {
        this.hypervisor = hypervisor;
        this.current = new Handling[cpus];
    }

    /** The event sink's side: a trap starts a handling, the ERET out of Hyp mode ends it. */
    public void event(MachineEvent e) {
        if (e instanceof TrapEvent t) {
            finish(t.cpu());
            current[t.cpu()] = new Handling(t);
        } else if (e instanceof ReturnEvent r && r.from() == Mode.HYP) {
            finish(r.cpu());
        }
    }

    @Override
    public boolean stopBefore(Cpu cpu) {
        Handling h = current[cpu.index];
        if (h == null) {
            return false;
        }
        long pc = Integer.toUnsignedLong(cpu.pc);
        Optional<SymbolTable.Symbol> f = functionAt.computeIfAbsent(pc, hypervisor::symbol);
        if (f.isPresent()) {
            SymbolTable.Symbol fn = f.get();
            int at = h.stack.lastIndexOf(fn);
            if (pc == fn.address() && (h.stack.isEmpty() || !h.stack.get(h.stack.size() - 1).equals(fn))) {
                h.stack.add(fn);                                        // entered: a call
            } else if (at >= 0 && at < h.stack.size() - 1) {
                h.stack.subList(at + 1, h.stack.size()).clear();        // back in a caller: returns
            }
        }
        List<String> path = new ArrayList<>();
        for (int i = 0; i < h.stack.size() && i <= DEPTH; i++) {
            path.add(h.stack.get(i).name());
            List<String> key = List.copyOf(path);
            if (h.counts.merge(key, 1L, Long::sum) == 1L) {
                h.order.put(key, (long) h.order.size());
            }
        }
        return false;
    }

    private void finish(int cpu) {
        Handling h = current[cpu];
        current[cpu] = null;
        if (h == null || h.counts.isEmpty()) {
            return;
        }
        // From the first function entered (the vector's code): its busiest callee, the
        // dispatcher; then at each level the busiest callee, leaving out a level's last call
        // when there are several: the dispatcher's last call is the way back to the guest
        // (leave_hypervisor), not the handling.
        List<String> path = busiest(h, List.of(h.stack.isEmpty() ? "" : h.stack.get(0).name()), false);
        List<String> names = new ArrayList<>();
        while (path != null && path.size() <= DEPTH + 1) {
            names.add(path.get(path.size() - 1));
            path = busiest(h, path, true);
        }
        handlers.put(h.trap, names.isEmpty() ? h.stack.get(0).name() : String.join(" > ", names));
    }

    /** The callee of {@code parent} under which most instructions ran (without its last call, if asked). */
    private static List<String> busiest(Handling h, List<String> parent, boolean notTheLast) {
        List<List<String>> children = new ArrayList<>();
        for (List<String> p : h.counts.keySet()) {
            if (p.size() == parent.size() + 1 && p.subList(0, parent.size()).equals(parent)) {
                children.add(p);
            }
        }
        if (children.isEmpty()) {
            return null;
        }
        children.sort((a, b) -> Long.compare(h.order.get(a), h.order.get(b)));
        if (notTheLast && children.size() > 1) {
            children.remove(children.size() - 1);
        }
        return children.stream().max((a, b) -> Long.compare(h.counts.get(a), h.counts.get(b))).orElseThrow();
    }

    /** The handler of {@code trap} ("guest_trap > do_hypercall > console_write"), once it returned. */
    public Optional<String> handlerOf(TrapEvent trap) {
        return Optional.ofNullable(handlers.get(trap));
    }
}
