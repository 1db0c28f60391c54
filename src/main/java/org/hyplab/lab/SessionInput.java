package org.hyplab.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

import org.hyplab.machine.ConsoleInput;

/**
 * What the user types at a session's console, handed to the machine between rounds. It never
 * blocks the shared worker: with nothing typed it answers "nothing yet", and a machine in which
 * every CPU waits for a key stops until one is typed.
 *
 * <p>It logs each byte with the machine's time when the machine took it, so that going back to
 * an earlier moment ({@link #rewind}) types the same bytes again at the same times: the replay
 * is the same run. Bytes typed meanwhile wait until the replayed ones are used up.
 */
final class SessionInput implements ConsoleInput {

    private record Taken(long time, int value) {
    }

    private final ConcurrentLinkedQueue<Integer> typed = new ConcurrentLinkedQueue<>();
    private final LongSupplier time;
    // Touched only by the machine's thread (poll) and under the session's lock (rewind).
    private final List<Taken> log = new ArrayList<>();
    private final Deque<Taken> replay = new ArrayDeque<>();

    /** @param time the machine's time, read without side effects */
    SessionInput(LongSupplier time) {
        this.time = time;
    }

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            typed.add(b & 0xFF);
        }
    }

    /** Whether the machine could take a byte now: one typed, or one to replay at this time. */
    synchronized boolean ready() {
        Taken next = replay.peekFirst();
        return next != null ? next.time() <= time.getAsLong() : !typed.isEmpty();
    }

    /**
     * The machine waits for input and a replayed byte is due later: the replay left the run
     * it repeats (it cannot reach that time waiting), so the rest of it is dropped.
     */
    synchronized void waiting() {
        Taken next = replay.peekFirst();
        if (next != null && next.time() > time.getAsLong()) {
            replay.clear();
        }
    }

    /** The machine went back to time {@code t}: the bytes it took from then on are to be taken again, at the same times. */
    synchronized void rewind(long t) {
        List<Taken> again = new ArrayList<>();
        while (!log.isEmpty() && log.get(log.size() - 1).time() >= t) {
            again.add(0, log.remove(log.size() - 1));
        }
        for (int i = again.size() - 1; i >= 0; i--) {
            replay.addFirst(again.get(i));
        }
    }

    @Override
    public synchronized int poll() {
        long now = time.getAsLong();
        Taken next = replay.peekFirst();
        if (next != null) {
            if (next.time() > now) {
                return NOTHING_YET;   // not yet the time it was taken at
            }
            replay.removeFirst();
            log.add(next);
            return next.value();
        }
        Integer b = typed.poll();
        if (b == null) {
            return NOTHING_YET;
        }
        log.add(new Taken(now, b));
        return b;
    }

    @Override
    public int await() {
        return poll();
    }
}
