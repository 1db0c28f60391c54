package org.hyplab.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a shell script that an export wrote ({@code qemu.sh}, {@code xen.sh}) with its console
 * captured. A run that does not end by itself (Xen never powers the board off) is stopped: a
 * while after its output is {@code enough}, or at the time limit.
 */
public final class ScriptRun {

    /**
     * @param exited   whether the script ended by itself (else the test stopped it)
     * @param exitCode its exit code when it did
     * @param output   what it printed, stdout and stderr
     * @param timedOut whether it was stopped at the time limit before its output was enough
     */
    public record Result(boolean exited, int exitCode, String output, boolean timedOut) {
    }

    private ScriptRun() {
    }

    /** Runs {@code sh script} to its end, at most {@code timeout}. */
    public static Result run(Path script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        return run(script, env, timeout, output -> false, Duration.ZERO);
    }

    public static Result run(Path script, Map<String, String> env, Duration timeout, Predicate<String> enough,
                             Duration grace) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output));
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        long stopAt = Long.MAX_VALUE;
        boolean timedOut = false;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (stopAt == Long.MAX_VALUE && enough.test(output.toString())) {
                stopAt = now + grace.toNanos();
            }
            if (now >= stopAt || now >= deadline) {
                timedOut = now >= deadline && stopAt == Long.MAX_VALUE;
                break;
            }
        }
        boolean exited = !process.isAlive();
        if (!exited) {
            process.destroy();   // the script exec'd QEMU: this is QEMU, which ends on SIGTERM
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        reader.join();
        return new Result(exited, exited ? process.exitValue() : -1, output.toString(), timedOut);
    }

    private static void copy(InputStream in, StringBuffer to) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                to.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            to.append("[reading the script's output failed: ").append(e).append(']');
        }
    }
}
