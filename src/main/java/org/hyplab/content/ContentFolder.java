package org.hyplab.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder of content files of one kind, e.g. every {@code *.yaml} in {@code boards/}.
 *
 * <p>Loading never throws: a missing folder, an unreadable or oversized file, text that is
 * not UTF-8 and any {@link ContentException} from the reader each become a
 * {@link LoadProblem}, and the other files are still read.
 */
public final class ContentFolder {

    /** Larger content files are refused: they are hand-written text, never this big. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    /** Turns one file's text into an entry, or throws {@link ContentException}. */
    @FunctionalInterface
    public interface EntryReader<T> {
        /**
         * @param id   the file name without its extension, the entry's identity
         * @param text the whole file, decoded as UTF-8
         */
        T read(String id, String text);
    }

    private final Path root;
    private final String folder;
    private final List<String> extensions;

    /**
     * @param root       the project root, against which problems name files
     * @param folder     the folder below the root, e.g. {@code boards}
     * @param extensions the file name endings to read, e.g. {@code .yaml}, {@code .yml}
     */
    public ContentFolder(Path root, String folder, String... extensions) {
        this.root = root;
        this.folder = folder;
        this.extensions = List.of(extensions);
    }

    public <T> Catalog<T> load(EntryReader<T> reader) {
        List<T> entries = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            problems.add(new LoadProblem(folder + "/", 0, "folder not found under " + root.toAbsolutePath()));
            return new Catalog<>(entries, problems);
        }
        for (Path file : files(dir, problems)) {
            String name = folder + "/" + file.getFileName();
            try {
                String text = readUtf8(file);
                entries.add(reader.read(idOf(file), text));
            } catch (ContentException e) {
                problems.add(new LoadProblem(name, e.line(), e.getMessage()));
            } catch (IOException e) {
                problems.add(new LoadProblem(name, 0, "cannot read the file: " + e.getMessage()));
            } catch (RuntimeException e) {
                // A reader bug must not take the others down; say so plainly.
                problems.add(new LoadProblem(name, 0, "internal error while reading: " + e));
            }
        }
        return new Catalog<>(entries, problems);
    }

    private List<Path> files(Path dir, List<LoadProblem> problems) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> extensions.stream().anyMatch(ext -> p.getFileName().toString().endsWith(ext)))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new LoadProblem(folder + "/", 0, "cannot list the folder: " + e.getMessage()));
            return List.of();
        }
    }

    private String idOf(Path file) {
        String name = file.getFileName().toString();
        for (String ext : extensions) {
            if (name.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private static String readUtf8(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ContentException("file is " + size + " bytes; content files are limited to " + MAX_FILE_BYTES);
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ContentException("not UTF-8 text");
        }
    }
}
