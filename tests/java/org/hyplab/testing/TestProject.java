package org.hyplab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A project root for tests: a copy of the repository's own {@code boards/} and
 * {@code lessons/} in a temporary folder, to which a test can add (bad) files.
 */
public final class TestProject {

    private final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    /** The repository checkout, as Maven passes it ({@code hyplab.root}). */
    public static Path repositoryRoot() {
        String root = System.getProperty("hyplab.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    }

    /** A copy of the repository's content folders under {@code dir}. */
    public static TestProject copyOfRepository(Path dir) {
        for (String folder : new String[] {"boards", "lessons"}) {
            Path from = repositoryRoot().resolve(folder);
            Path to = dir.resolve(folder);
            try (Stream<Path> files = Files.list(from)) {
                Files.createDirectories(to);
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TestProject(dir);
    }

    public Path root() {
        return root;
    }

    /** Writes {@code text} to {@code relativePath} (e.g. {@code boards/broken.yaml}). */
    public TestProject with(String relativePath, String text) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
