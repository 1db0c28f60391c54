package org.hyplab.machine;

import java.util.List;
import java.util.function.Predicate;

import org.hyplab.cpu.Cpu;

/**
 * The whole state of a {@link Machine} at one moment, between two calls of {@link Machine#run}:
 * its CPUs, devices and RAM. {@link #restoreInto} puts the machine back in that state, in place
 * (the same objects, with their saved values written back), so running it again executes the
 * same instructions, prints the same bytes and takes the same traps as it did from that moment
 * the first time. A snapshot can be restored any number of times, and several can be held at
 * once (a timeline).
 *
 * <p>What is saved is found by walking the machine's objects ({@link StateGraph}, rules in
 * {@link StateRules}); RAM is not copied but shared copy-on-write ({@link org.hyplab.mem.Ram#share}),
 * so a snapshot costs the references to the machine's pages and a copy of its other state, and
 * each page is copied once when it is next written. Left as they are: where the console's bytes
 * go, where typed bytes come from (bytes the UART already received are state, and restored), and
 * listeners such as a {@link org.hyplab.trace.TrapRecorder}.
 */
public final class Snapshot {

    private final Machine machine;
    private final long retired;
    private final List<StateGraph.Saved> saved;
    private boolean released;

    private Snapshot(Machine machine, long retired, List<StateGraph.Saved> saved) {
        this.machine = machine;
        this.retired = retired;
        this.saved = saved;
    }

    /**
     * Saves {@code machine} as it is now. Call it between two {@link Machine#run} calls, on the
     * thread that runs the machine: from inside a run (a listener) the CPUs are mid-instruction.
     */
    public static Snapshot take(Machine machine) {
        if (machine.running()) {
            throw new IllegalStateException("a snapshot is taken between runs, not from inside one");
        }
        return new Snapshot(machine, machine.retired(), StateGraph.capture(machine));
    }

    /** The machine's {@link Machine#retired} when the snapshot was taken. */
    public long retired() {
        return retired;
    }

    /** Puts {@code into}, the machine this snapshot was taken of, back in the saved state. */
    public void restoreInto(Machine into) {
        if (into.running()) {
            throw new IllegalStateException("a snapshot is restored between runs, not from inside one");
        }
        restoreInto(into, o -> false);
    }

    /**
     * {@link #restoreInto(Machine)}, but objects {@code leaveAlone} accepts keep their current
     * state: for tests that show a piece of state matters.
     */
    void restoreInto(Machine into, Predicate<Object> leaveAlone) {
        if (into != machine) {
            throw new IllegalArgumentException("a snapshot restores only into the machine it was taken of");
        }
        if (released) {
            throw new IllegalStateException("this snapshot was released");
        }
        for (StateGraph.Saved s : saved) {
            if (!leaveAlone.test(s.target())) {
                s.restore();
            }
        }
        // The decoded instructions were made to agree by Ram.restore; the fetch page is a
        // shortcut into them through a translation, which the restored micro-TLB will give again.
        for (Cpu cpu : into.cpus()) {
            cpu.forgetFetchPage();
        }
    }

    /**
     * This snapshot will not be restored again: its RAM pages stop being shared once no other
     * snapshot of the machine holds any. Restoring it afterwards throws. Releasing is optional:
     * an unreleased snapshot that is dropped costs nothing but one copy of each page the machine
     * writes next, and its memory once the garbage collector takes it.
     */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        for (StateGraph.Saved s : saved) {
            if (s instanceof StateGraph.SavedRam r) {
                r.target().release(r.pages());
            }
        }
    }

    /** RAM pages this snapshot holds (those ever written); the rest of RAM reads as zero. */
    public int ramPages() {
        int n = 0;
        for (StateGraph.Saved s : saved) {
            if (s instanceof StateGraph.SavedRam r) {
                n += r.pages().allocated();
            }
        }
        return n;
    }

    /** How many objects' states are saved besides RAM (for the bench). */
    public int objects() {
        return saved.size();
    }
}
