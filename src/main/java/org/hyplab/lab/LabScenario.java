package org.hyplab.lab;

import java.util.List;

/**
 * What a Lab session boots: a board and the guests the teaching hypervisor runs on it (each a
 * guest of {@code hypervisor/guests} by name, optionally with ",cpus=N,memory=MiB" as on the
 * command line), or with {@code files} also a kernel file (never from a user's request).
 */
public record LabScenario(String board, List<String> guests, boolean files) {

    public LabScenario {
        if (board == null || !board.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a board id, e.g. vexpress-a15, not '" + board + "'");
        }
        guests = List.copyOf(guests);
        if (guests.isEmpty() || guests.size() > 8) {
            throw new IllegalArgumentException("a scenario runs 1 to 8 guests, not " + guests.size());
        }
    }

    /** A scenario from the server's own code (tests, benches): a guest may also be a kernel file. */
    public LabScenario(String board, List<String> guests) {
        this(board, guests, true);
    }

    /**
     * A scenario a user asked for: every guest must be a catalog name, with at most the
     * cpus= and memory= options, never a file (a user names no file on the server).
     */
    public static LabScenario ofCatalog(String board, List<String> guests) {
        for (String g : guests) {
            if (g == null || !g.matches("[A-Za-z0-9_-]{1,40}(,(cpus|memory)=[0-9]{1,4}){0,2}")) {
                throw new IllegalArgumentException("a guest is a name from hypervisor/guests, not '" + g + "'");
            }
        }
        return new LabScenario(board, guests, false);
    }

    /** "vexpress-a15: hello, timer". */
    public String describe() {
        return board + ": " + String.join(", ", guests);
    }
}
