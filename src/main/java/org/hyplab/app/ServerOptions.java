package org.hyplab.app;

import java.nio.file.Path;

/**
 * The command line of {@code ./hyplab serve}.
 *
 * @param port    the HTTP port (0 to 65535; 0 picks a free one)
 * @param host    the address to listen on ({@code 0.0.0.0}: every interface)
 * @param dataDir where the database lives
 * @param root    the project root holding {@code boards/} and {@code lessons/}
 */
public record ServerOptions(int port, String host, Path dataDir, Path root) {

    public static final int DEFAULT_PORT = 8080;

    /** Thrown for a command line that cannot be used; its message is meant for the user. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static ServerOptions parse(String... args) throws UsageException {
        int port = DEFAULT_PORT;
        String host = "0.0.0.0";
        Path root = Path.of("").toAbsolutePath();
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(valueOf(args, ++i, arg));
                case "--host" -> host = valueOf(args, ++i, arg);
                case "--data" -> dataDir = Path.of(valueOf(args, ++i, arg));
                case "--root" -> root = Path.of(valueOf(args, ++i, arg)).toAbsolutePath();
                default -> throw new UsageException("unknown option '" + arg + "' (serve takes --port N, --data DIR, --host ADDR)");
            }
        }
        if (dataDir == null) {
            dataDir = root.resolve("data");
        }
        return new ServerOptions(port, host, dataDir.toAbsolutePath().normalize(), root.normalize());
    }

    private static String valueOf(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--port must be a number from 0 to 65535, not '" + text + "'");
    }
}
