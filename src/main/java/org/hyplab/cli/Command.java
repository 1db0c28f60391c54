package org.hyplab.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code ./hyplab} command that runs on the JVM (e.g. {@code disasm}, {@code run}). */
public interface Command {

    /** Exit codes every command shares; a command may define more of its own. */
    int EXIT_OK = 0;
    int EXIT_FAILED = 1;
    int EXIT_USAGE = 2;

    /** The command's name on the command line. */
    String name();

    /** One line for {@code ./hyplab help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param out  where results go
     * @param err  where diagnostics go
     * @return the process exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err);

    /** Thrown for arguments that cannot be used; {@link Main} prints it and exits with 2. */
    final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
