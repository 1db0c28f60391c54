package org.hyplab.trace;

import java.util.ArrayList;
import java.util.List;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionListener;
import org.hyplab.cpu.Mode;
import org.hyplab.machine.Machine;

/**
 * Records every exception taken to Hyp mode on a machine's CPUs, the newest {@code capacity}
 * of them, in the order taken: the source of the trap timeline. It only reads registers, so a
 * run with it attached is the same run, instruction for instruction.
 */
public final class TrapRecorder implements ExceptionListener {

    private final TrapEvent[] ring;
    private long count;

    public TrapRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        ring = new TrapEvent[capacity];
    }

    /** Listens on every CPU of the machine. */
    public TrapRecorder attachTo(Machine machine) {
        for (Cpu cpu : machine.cpus()) {
            cpu.exceptionListener = this;
        }
        return this;
    }

    @Override
    public void taken(Cpu cpu, Mode from, Mode to, int vector, int returnAddress, int syndrome) {
        if (to != Mode.HYP) {
            return;                     // a guest's own exception: the hypervisor never sees it
        }
        int vmid = (int) (cpu.sys.vttbr >>> 48) & 0xFF;
        ring[(int) (count++ % ring.length)] = new TrapEvent(cpu.cycles(), cpu.index, from, vmid, cpu.sys.vmpidr & 0xFF,
                vector, returnAddress, syndrome, cpu.r[0], cpu.r[12]);
    }

    /** How many were taken in all, recorded or since overwritten. */
    public long total() {
        return count;
    }

    /** The recorded events, oldest first. */
    public List<TrapEvent> events() {
        List<TrapEvent> events = new ArrayList<>();
        long first = Math.max(0, count - ring.length);
        for (long i = first; i < count; i++) {
            events.add(ring[(int) (i % ring.length)]);
        }
        return events;
    }
}
