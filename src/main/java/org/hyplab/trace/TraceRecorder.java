package org.hyplab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.hyplab.machine.Machine;

/**
 * A machine's event ring: the newest {@code capacity} events, in the order they happened, and
 * queries over them (the traps, the last walk of an address, ...). It is the source of the trap
 * timeline. Recording only reads the machine, so a run with it attached is the same run,
 * instruction for instruction.
 */
public final class TraceRecorder implements Consumer<MachineEvent> {

    private final MachineEvent[] ring;
    private long count;
    /** No event below this is kept: slots older than a truncation hold events since forgotten. */
    private long floor;

    public TraceRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        ring = new MachineEvent[capacity];
    }

    /** Records every event of the machine from now on, walks included (a {@link Probe} on all its CPUs). */
    public TraceRecorder attachTo(Machine machine) {
        Probe.attach(machine).addSink(this).recordWalks(true);
        return this;
    }

    @Override
    public void accept(MachineEvent event) {
        ring[(int) (count++ % ring.length)] = event;
    }

    /**
     * Forgets the events from number {@code n} on, as when the machine is put back to the
     * moment it had recorded {@code n} (a snapshot restored): replaying records them again.
     */
    public void truncate(long n) {
        if (n < firstKept() || n > count) {
            throw new IllegalArgumentException("events " + firstKept() + ".." + count + " are kept, not " + n);
        }
        floor = firstKept();
        count = n;
    }

    /** How many were recorded in all, kept or since overwritten. */
    public long total() {
        return count;
    }

    /** The sequence number of the oldest event still kept (events are numbered from 0). */
    public long firstKept() {
        return Math.max(floor, Math.max(0, count - ring.length));
    }

    /** The event numbered {@code n}, if it is still kept. */
    public Optional<MachineEvent> get(long n) {
        return n >= firstKept() && n < count ? Optional.of(ring[(int) (n % ring.length)]) : Optional.empty();
    }

    /** The kept events, oldest first. */
    public List<MachineEvent> events() {
        return query(e -> true);
    }

    /** The kept events that match, oldest first. */
    public List<MachineEvent> query(Predicate<? super MachineEvent> filter) {
        List<MachineEvent> events = new ArrayList<>();
        for (long i = firstKept(); i < count; i++) {
            MachineEvent e = ring[(int) (i % ring.length)];
            if (filter.test(e)) {
                events.add(e);
            }
        }
        return events;
    }

    /** The kept exceptions taken to Hyp mode, oldest first. */
    public List<TrapEvent> traps() {
        List<TrapEvent> traps = new ArrayList<>();
        for (MachineEvent e : query(e -> e instanceof TrapEvent)) {
            traps.add((TrapEvent) e);
        }
        return traps;
    }

    /** The newest kept walk of the page holding {@code va} in that regime. */
    public Optional<TlbMissEvent> lastWalk(boolean hyp, int vmid, int va) {
        for (long i = count - 1; i >= firstKept(); i--) {
            if (ring[(int) (i % ring.length)] instanceof TlbMissEvent w && w.hyp() == hyp
                    && (hyp || w.vmid() == vmid) && (w.va() >>> 12) == (va >>> 12)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
