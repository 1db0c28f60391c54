package org.hyplab.lab;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.hyplab.machine.ConsoleInput;

/**
 * What the user types at a session's console, handed to the machine between rounds. It never
 * blocks the shared worker: with nothing typed it answers "nothing yet", and a machine in which
 * every CPU waits for a key stops until one is typed.
 */
final class SessionInput implements ConsoleInput {

    private final ConcurrentLinkedQueue<Integer> bytes = new ConcurrentLinkedQueue<>();

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xFF);
        }
    }

    boolean isEmpty() {
        return bytes.isEmpty();
    }

    @Override
    public int poll() {
        Integer b = bytes.poll();
        return b == null ? NOTHING_YET : b;
    }

    @Override
    public int await() {
        return poll();
    }
}
