package org.hyplab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code target/hyplab.jar} + {@code target/lib/}) started the way
 * {@code ./hyplab serve} starts it, in its own JVM, on a free port.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("is serving http://localhost:(\\d+)/");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile int port = -1;

    private ServerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server with these arguments (e.g. {@code --root R --data D}) on port 0. */
    public static ServerProcess launch(String... args) throws IOException {
        String jar = requireProperty("hyplab.app.jar");
        String lib = requireProperty("hyplab.app.lib");
        // The same class path as ./hyplab serve: web root folder, app jar, libraries.
        String webroot = TestProject.repositoryRoot().resolve("src/main/webroot").toString();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", webroot + ":" + jar + ":" + lib + "/*", "org.hyplab.app.HypLab"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new ServerProcess(builder.start());
    }

    /** Starts a server on a free port and waits until it says it is serving. */
    public static ServerProcess start(Path root, Path data) throws IOException, InterruptedException {
        ServerProcess server = launch("--root", root.toString(), "--data", data.toString(),
                "--port", "0", "--host", "127.0.0.1");
        server.awaitServing();
        return server;
    }

    public void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (port < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not start within " + START_TIMEOUT + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    public String url() {
        return "http://localhost:" + port + "/";
    }

    /** Everything the server printed so far (stdout and stderr). */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Waits for the process to end and for the last of its output; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the server did not exit within " + timeout + ":\n" + output());
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /**
     * Asks the server to stop the way Ctrl-C or a service manager does: a signal that runs the
     * JVM's shutdown hooks. SIGTERM rather than SIGINT, because a shell starts background jobs
     * with SIGINT ignored and the JVM then keeps ignoring it. Returns the exit code.
     */
    public int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();   // unlike Process.destroy(), leaves its output readable
        return awaitExit(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            output.add("[reading the server output failed: " + e + "]");
        }
    }

    private static String requireProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (./hyplab test)");
        }
        return value;
    }
}
