package org.hyplab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.hyplab.machine.ConsoleInput;

/**
 * Standard input as the console's input. A daemon thread reads it into a queue, so the machine
 * never blocks on a terminal while it has work to do; it blocks only when every CPU waits for
 * the next byte ({@link ConsoleInput#await}). The thread is started on first use, so a run that
 * never looks at its input never touches standard input.
 */
final class StdinConsole implements ConsoleInput {

    private static final int EOF = -1;

    private final InputStream in;
    private final BlockingQueue<Integer> bytes = new ArrayBlockingQueue<>(4096);
    private Thread reader;
    private boolean ended;

    StdinConsole(InputStream in) {
        this.in = in;
    }

    private void start() {
        if (reader != null) {
            return;
        }
        reader = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    bytes.put(b);
                }
            } catch (IOException | InterruptedException e) {
                // input ends here, as at end of file
            }
            try {
                bytes.put(EOF);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "hyplab-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public int poll() {
        if (ended) {
            return END;
        }
        start();
        Integer b = bytes.poll();
        return b == null ? NOTHING_YET : take(b);
    }

    @Override
    public int await() {
        if (ended) {
            return END;
        }
        start();
        try {
            return take(bytes.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
            return END;
        }
    }

    private int take(int b) {
        if (b == EOF) {
            ended = true;
            return END;
        }
        return b;
    }
}
