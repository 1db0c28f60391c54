package org.hyplab.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;

import com.github.mvysny.vaadinboot.VaadinBoot;

/**
 * The HypLab server: {@code ./hyplab serve [--port N] [--data DIR] [--host ADDR]}.
 *
 * <p>Start-up order: options, database (migrated by Flyway), content catalogs, web server.
 * Content problems are printed and shown on the Lab page but never stop the server; a
 * database or port that cannot be had does, with a message saying which and why.
 */
public final class HypLab {

    /** Exit codes: a usage error is 2, like the launcher's; anything that stops start-up is 1. */
    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** Start-up cannot go on; the message is for the user, the code for the shell. */
    private static final class StartupFailure extends Exception {
        final int exitCode;

        StartupFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private HypLab() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            serve(args);
        } catch (StartupFailure e) {
            System.err.println("hyplab serve: " + e.getMessage());
            System.exit(e.exitCode);
        }
    }

    private static void serve(String[] args) throws StartupFailure, InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (ServerOptions.UsageException e) {
            throw new StartupFailure(e.getMessage(), EXIT_USAGE);
        }

        BuildInfo build = BuildInfo.load();
        Database database = openDatabase(options, build);
        VaadinBoot boot;
        int port;
        try {
            AppContext context = AppContext.load(build, options.root(), database);
            context.problems().forEach(p -> System.err.println("hyplab: warning: " + p.describe()));
            System.out.printf("hyplab: %d boards, %d lessons from %s%n",
                    context.boards().entries().size(), context.lessons().entries().size(), options.root());
            AppContext.install(context);

            port = options.port() != 0 ? options.port() : freePort();
            boot = new VaadinBoot();
            boot.listenOn(options.host()).withPort(port).openBrowserInDevMode(false);
            boot.start();
        } catch (Exception e) {
            database.close();
            throw new StartupFailure("cannot start the web server on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), EXIT_STARTUP_FAILED);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("hyplab: stopping");
            boot.stop("shutdown requested");
            database.close();
            stopped.countDown();
        }, "hyplab-shutdown"));

        System.out.printf("hyplab: HypLab %s is serving http://localhost:%d/ (data in %s). Press Ctrl-C to stop.%n",
                build.version(), port, options.dataDir());
        System.out.flush();
        stopped.await();
    }

    private static Database openDatabase(ServerOptions options, BuildInfo build) throws StartupFailure {
        try {
            Database database = Database.open(options.dataDir());
            database.recordServerStart(build.version(), OffsetDateTime.now());
            return database;
        } catch (Database.OpenException e) {
            throw new StartupFailure(e.getMessage(), EXIT_STARTUP_FAILED);
        } catch (Exception e) {
            throw new StartupFailure("cannot write to the database in " + options.dataDir() + ": " + e.getMessage(),
                    EXIT_STARTUP_FAILED);
        }
    }

    /**
     * A port the system has free right now, for {@code --port 0}: Vaadin Boot wants a fixed port,
     * so ask the kernel for an ephemeral one and hand it over (the short race is acceptable for
     * tests and throw-away servers, the only users of port 0).
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
