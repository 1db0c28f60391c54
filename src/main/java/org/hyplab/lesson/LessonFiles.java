package org.hyplab.lesson;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentException;
import org.hyplab.content.ContentFolder;
import org.hyplab.content.YamlMap;

/**
 * Reads {@code lessons/*.md}: a front matter block between two {@code ---} lines, then
 * Markdown.
 *
 * <pre>
 * ---
 * title: The tiniest cloud ever
 * summary: What we will rebuild, and how.
 * board: vexpress-a15
 * ---
 * # The tiniest cloud ever
 * ...
 * </pre>
 */
public final class LessonFiles {

    private static final String FENCE = "---";

    private LessonFiles() {
    }

    /**
     * @param boards the ids of the boards that exist; a lesson naming another board is refused,
     *               since it could never run
     */
    public static Catalog<Lesson> load(Path projectRoot, Set<String> boards) {
        return new ContentFolder(projectRoot, "lessons", ".md").load((id, text) -> parse(id, text, boards));
    }

    public static Lesson parse(String id, String text, Set<String> boards) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(FENCE)) {
            throw new ContentException(1, "a lesson starts with a front matter block: a line '---', "
                    + "the fields title, summary and board, and another line '---'");
        }
        int close = 1;
        while (close < lines.length && !lines[close].strip().equals(FENCE)) {
            close++;
        }
        if (close == lines.length) {
            throw new ContentException(1, "the front matter block opened here is never closed by a line '---'");
        }
        String frontMatter = String.join("\n", Arrays.asList(lines).subList(1, close));
        YamlMap yaml = YamlMap.parse(frontMatter, 2).allowOnly("title", "summary", "board");
        String board = yaml.requireText("board");
        if (!boards.contains(board)) {
            throw new ContentException("board '" + board + "' is not a board in boards/ (there are: "
                    + String.join(", ", new TreeSet<>(boards)) + ")");
        }
        String markdown = String.join("\n", Arrays.asList(lines).subList(close + 1, lines.length)).strip();
        return new Lesson(id, yaml.requireText("title"), yaml.requireText("summary"), board, markdown);
    }
}
