package org.hyplab.cli;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BoardFiles;
import org.hyplab.content.Catalog;

/**
 * The boards a command can name: {@code boards/*.yaml} under the project root, which the
 * launcher passes as {@code -Dhyplab.root} (the working directory when it is not set, as in
 * tests run by Maven from the project root).
 */
final class Boards {

    private Boards() {
    }

    static Path root() {
        return Path.of(System.getProperty("hyplab.root", "")).toAbsolutePath();
    }

    /** The board called {@code id}; a usage error listing the boards there are if none is. */
    static BoardDescription find(String id) {
        Catalog<BoardDescription> boards = BoardFiles.load(root());
        return boards.find(BoardDescription::id, id).orElseThrow(() -> {
            String known = boards.entries().stream().map(BoardDescription::id).sorted()
                    .collect(Collectors.joining(", "));
            String problems = boards.problems().isEmpty() ? "" : " (" + boards.problems().size()
                    + " board file(s) could not be read: " + boards.problems().get(0).describe() + ")";
            return new Command.UsageException("unknown board '" + id + "'; the boards are: " + known + problems);
        });
    }
}
