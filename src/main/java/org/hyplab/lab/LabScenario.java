package org.hyplab.lab;

import java.util.List;

/**
 * What a Lab session boots: a board and the guests the teaching hypervisor runs on it (each a
 * guest of {@code hypervisor/guests} by name, optionally with ",cpus=N,memory=MiB" as on the
 * command line).
 */
public record LabScenario(String board, List<String> guests) {

    public LabScenario {
        if (board == null || !board.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a board id, e.g. vexpress-a15, not '" + board + "'");
        }
        guests = List.copyOf(guests);
        if (guests.isEmpty() || guests.size() > 8) {
            throw new IllegalArgumentException("a scenario runs 1 to 8 guests, not " + guests.size());
        }
    }

    /** "vexpress-a15: hello, timer". */
    public String describe() {
        return board + ": " + String.join(", ", guests);
    }
}
