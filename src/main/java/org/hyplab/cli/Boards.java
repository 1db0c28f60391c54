package org.hyplab.cli;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BoardFiles;
import org.hyplab.content.Catalog;
import org.hyplab.content.LoadProblem;

/** The boards a command can name: {@code boards/*.yaml} under the project root. */
final class Boards {

    private Boards() {
    }

    /** {@code -Dhyplab.root} (the launcher sets it), else {@code HYPLAB_ROOT}, else the current folder. */
    static Path root() {
        String root = System.getProperty("hyplab.root");
        if (root == null) {
            root = System.getenv("HYPLAB_ROOT");
        }
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    }

    /**
     * The board called {@code id} under {@code root}. A usage error otherwise: why its file does
     * not read, if it exists, or else which boards there are.
     */
    static BoardDescription find(Path root, String id) {
        Catalog<BoardDescription> boards = BoardFiles.load(root);
        return boards.find(BoardDescription::id, id).orElseThrow(() -> {
            for (LoadProblem p : boards.problems()) {
                if (p.file().equals("boards/" + id + ".yaml") || p.file().equals("boards/" + id + ".yml")) {
                    return new Command.UsageException(p.describe());
                }
            }
            return new Command.UsageException("unknown board '" + id + "' (boards: " + boards.entries().stream()
                    .map(BoardDescription::id).sorted().collect(Collectors.joining(", ")) + ")");
        });
    }
}
