package org.hyplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentException;
import org.hyplab.content.LoadProblem;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonFilesTest {

    private static final Set<String> BOARDS = Set.of("vexpress-a15", "arndale");

    @Test
    void theRepositoryLessonsLoadWithoutProblems() {
        Catalog<Lesson> lessons = LessonFiles.load(TestProject.repositoryRoot(), BOARDS);
        assertEquals(List.of(), lessons.problems());
        Lesson first = lessons.entries().get(0);
        assertEquals("00-the-tiniest-cloud", first.id());
        assertEquals("The tiniest cloud ever", first.title());
        assertEquals("vexpress-a15", first.board());
        assertTrue(first.markdown().startsWith("# The tiniest cloud ever"), first.markdown());
    }

    @Test
    void frontMatterAndBodyAreSplit() {
        Lesson lesson = LessonFiles.parse("l", "---\ntitle: T\nsummary: S\nboard: arndale\n---\n\nBody *text*\n", BOARDS);
        assertEquals(new Lesson("l", "T", "S", "arndale", "Body *text*"), lesson);
    }

    @Test
    void malformedLessonsAreExplained() {
        assertEquals(1, fail("# No front matter\n").line());
        assertTrue(fail("# No front matter\n").getMessage().startsWith("a lesson starts with a front matter block"));
        assertEquals("the front matter block opened here is never closed by a line '---'",
                fail("---\ntitle: T\n").getMessage());
        assertEquals("board 'zynq' is not a board in boards/ (there are: arndale, vexpress-a15)",
                fail("---\ntitle: T\nsummary: S\nboard: zynq\n---\n").getMessage());
        assertEquals("missing field 'summary' (text)", fail("---\ntitle: T\nboard: arndale\n---\n").getMessage());
        // YAML errors point at the line in the lesson file, past the opening '---'.
        ContentException syntax = fail("---\ntitle: T\nsummary: [S\nboard: arndale\n---\n");
        assertTrue(syntax.line() >= 3, "line " + syntax.line());
    }

    @Test
    void aBadLessonDoesNotHideTheGoodOnes(@TempDir Path dir) {
        TestProject project = TestProject.copyOfRepository(dir)
                .with("lessons/99-broken.md", "---\ntitle: Broken\nsummary: S\nboard: nowhere\n---\nText\n");
        Catalog<Lesson> lessons = LessonFiles.load(project.root(), BOARDS);
        assertEquals(List.of("00-the-tiniest-cloud"), lessons.entries().stream().map(Lesson::id).toList());
        assertEquals(List.of(new LoadProblem("lessons/99-broken.md", 0,
                "board 'nowhere' is not a board in boards/ (there are: arndale, vexpress-a15)")), lessons.problems());
    }

    private static ContentException fail(String text) {
        return assertThrows(ContentException.class, () -> LessonFiles.parse("l", text, BOARDS));
    }
}
