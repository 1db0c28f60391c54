package org.hyplab.cli;

import java.util.List;

import org.hyplab.cli.Command.UsageException;

/** What the commands' option parsing shares: an option's value, and a positive number. */
final class Options {

    private Options() {
    }

    /** The value after {@code option} (at {@code i}), or a usage error if the arguments end. */
    static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** {@code text} as a positive whole number ("1_000_000" allowed), or a usage error naming {@code option}. */
    static long positive(String text, String option) {
        try {
            long n = Long.parseLong(text.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a positive whole number, not '" + text + "'");
    }
}
