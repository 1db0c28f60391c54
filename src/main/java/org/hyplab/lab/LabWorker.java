package org.hyplab.lab;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every session's running machine shares. A running session gets one slice at a
 * time (a few milliseconds of instructions) and then goes to the back of the queue, so one
 * user's "run" never starves another's, and a pause is seen at the next slice boundary.
 *
 * <p>The slices are sized by the wall clock, which is allowed here and only here: splitting a
 * run anywhere executes exactly the same instructions ({@link org.hyplab.machine.Machine#run}),
 * so how long a slice is never changes what the machine does.
 */
public final class LabWorker implements AutoCloseable {

    /** How long one slice should take: small enough for a pause to answer well within 100 ms. */
    static final long SLICE_NANOS = 10_000_000L;

    private final ExecutorService pool;

    public LabWorker(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lab-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);   // the UI's threads answer first
            return t;
        });
    }

    /** One thread fewer than the cores, at least one: a core stays free for the server. */
    public static LabWorker forThisMachine() {
        return new LabWorker(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** Runs the session's next slice, and queues it again while it has more to run. */
    void schedule(LabSession session) {
        try {
            pool.execute(() -> {
                if (session.slice()) {
                    schedule(session);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the server is stopping: the session's machine simply stays where it is
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
