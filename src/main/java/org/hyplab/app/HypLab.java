package org.hyplab.app;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;

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

    private HypLab() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (ServerOptions.UsageException e) {
            System.err.println("hyplab serve: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }

        BuildInfo build = BuildInfo.load();
        Database database;
        try {
            database = Database.open(options.dataDir());
            database.recordServerStart(build.version(), OffsetDateTime.now());
        } catch (Exception e) {
            System.err.println("hyplab serve: " + e.getMessage());
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }

        AppContext context = AppContext.load(build, options.root(), database);
        context.problems().forEach(p -> System.err.println("hyplab: warning: " + p.describe()));
        out.printf("hyplab: %d boards, %d lessons from %s%n",
                context.boards().entries().size(), context.lessons().entries().size(), options.root());
        AppContext.install(context);

        int[] boundPort = {options.port()};
        VaadinBoot boot = new VaadinBoot() {
            @Override
            protected void onStarted(WebAppContext webApp) {
                // With --port 0 Jetty picks the port: read back the one it bound.
                for (Connector c : webApp.getServer().getConnectors()) {
                    if (c instanceof NetworkConnector nc && nc.getLocalPort() > 0) {
                        boundPort[0] = nc.getLocalPort();
                    }
                }
            }
        };
        boot.listenOn(options.host()).withPort(options.port()).openBrowserInDevMode(false);
        try {
            boot.start();
        } catch (Exception e) {
            System.err.println("hyplab serve: cannot start the web server on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage());
            database.close();
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("hyplab: stopping");
            boot.stop("shutdown requested");
            database.close();
            stopped.countDown();
        }, "hyplab-shutdown"));

        out.printf("hyplab: HypLab %s is serving http://localhost:%d/ (data in %s). Press Ctrl-C to stop.%n",
                build.version(), boundPort[0], options.dataDir());
        out.flush();
        stopped.await();
    }
}
