package org.hyplab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFolderTest {

    @TempDir
    Path root;

    /** Each entry is "id=text" so the test sees what the reader was given. */
    private Catalog<String> load() {
        return new ContentFolder(root, "things", ".txt").load((id, text) -> {
            if (text.startsWith("bad")) {
                throw new ContentException(2, "this one is bad");
            }
            if (text.startsWith("bug")) {
                throw new IllegalStateException("reader bug");
            }
            return id + "=" + text;
        });
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(root.resolve("things"));
        Files.writeString(root.resolve("things").resolve(name), text);
    }

    @Test
    void readsMatchingFilesInNameOrderAndIgnoresOthers() throws IOException {
        write("b.txt", "second");
        write("a.txt", "first");
        write("notes.md", "not a .txt");
        write(".hidden.txt", "editor backup");
        Catalog<String> catalog = load();
        assertEquals(List.of("a=first", "b=second"), catalog.entries());
        assertEquals(List.of(), catalog.problems());
    }

    @Test
    void oneBadFileIsAProblemAndTheOthersStillLoad() throws IOException {
        write("a.txt", "good");
        write("b.txt", "bad content");
        write("c.txt", "bug in the reader");
        write("d.txt", "good too");
        Catalog<String> catalog = load();
        assertEquals(List.of("a=good", "d=good too"), catalog.entries());
        assertEquals(List.of(
                new LoadProblem("things/b.txt", 2, "this one is bad"),
                new LoadProblem("things/c.txt", 0, "internal error while reading: java.lang.IllegalStateException: reader bug")),
                catalog.problems());
        assertEquals("things/b.txt:2: this one is bad", catalog.problems().get(0).describe());
    }

    @Test
    void textThatIsNotUtf8IsAProblem() throws IOException {
        Files.createDirectories(root.resolve("things"));
        Files.write(root.resolve("things/latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Catalog<String> catalog = load();
        assertEquals(List.of(), catalog.entries());
        assertEquals(List.of(new LoadProblem("things/latin1.txt", 0, "not UTF-8 text")), catalog.problems());
    }

    @Test
    void oversizedFileIsRefusedWithoutReadingIt() throws IOException {
        write("huge.txt", "x".repeat((int) ContentFolder.MAX_FILE_BYTES + 1));
        Catalog<String> catalog = load();
        assertEquals(List.of(), catalog.entries());
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.problems().get(0).message().contains("limited to " + ContentFolder.MAX_FILE_BYTES),
                catalog.problems().get(0).message());
    }

    @Test
    void missingFolderIsAProblemNotAnError() {
        Catalog<String> catalog = load();
        assertEquals(List.of(), catalog.entries());
        assertEquals("things/", catalog.problems().get(0).file());
        assertTrue(catalog.problems().get(0).message().startsWith("folder not found"));
    }
}
