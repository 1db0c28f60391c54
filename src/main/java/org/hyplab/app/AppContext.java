package org.hyplab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BoardFiles;
import org.hyplab.content.Catalog;
import org.hyplab.content.LoadProblem;
import org.hyplab.lesson.Lesson;
import org.hyplab.lesson.LessonFiles;

/**
 * Everything the server's views read: the build, the project root, the board and lesson catalogs,
 * the database.
 *
 * <p>Vaadin Boot gives us no dependency injection, so {@link HypLab#main} installs one context
 * for the process and views ask for it with {@link #current()}; tests install their own.
 */
public record AppContext(BuildInfo build, Path root, Catalog<BoardDescription> boards, Catalog<Lesson> lessons,
                         Database database) {

    private static volatile AppContext current;

    /** Reads {@code boards/} and {@code lessons/} under {@code root}; bad files become problems. */
    public static AppContext load(BuildInfo build, Path root, Database database) {
        Catalog<BoardDescription> boards = BoardFiles.load(root);
        Catalog<Lesson> lessons = LessonFiles.load(root,
                boards.entries().stream().map(BoardDescription::id).collect(Collectors.toSet()));
        return new AppContext(build, root, boards, lessons, database);
    }

    /** Where the ARM build is (the hypervisor, the guests): {@code target/arm}, or {@code -Dhyplab.arm.dir} as for the CLI. */
    public Path armDir() {
        String dir = System.getProperty("hyplab.arm.dir");
        return dir != null ? Path.of(dir) : root.resolve("target/arm");
    }

    /** Every content file that could not be used, boards first. */
    public List<LoadProblem> problems() {
        return Stream.concat(boards.problems().stream(), lessons.problems().stream()).toList();
    }

    public static void install(AppContext context) {
        current = Objects.requireNonNull(context);
    }

    public static AppContext current() {
        AppContext context = current;
        if (context == null) {
            throw new IllegalStateException("no AppContext installed: start the server through org.hyplab.app.HypLab");
        }
        return context;
    }
}
