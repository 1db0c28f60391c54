package org.hyplab.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;

import org.hyplab.app.AppContext;
import org.hyplab.app.BuildInfo;
import org.hyplab.app.Database;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;

/** The Lab home page rendered server-side (Karibu): what it lists comes from the files. */
class LabHomeViewTest {

    @TempDir
    Path dir;

    private Database database;

    private void open(TestProject project) throws Exception {
        database = Database.open(dir.resolve("data"));
        AppContext.install(AppContext.load(new BuildInfo("9.9.9-test"), project.root(), database));
        MockVaadin.setup(new Routes().autoDiscoverViews("org.hyplab.ui"));
        UI.getCurrent().navigate(LabHomeView.class);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void listsTheBoardsAndLessonsFromTheFiles() throws Exception {
        // A complete board file (a copy of the vexpress one) that differs in what the card shows.
        String extraBoard = Files.readString(TestProject.repositoryRoot().resolve("boards/vexpress-a15.yaml"))
                .replace("name: Versatile Express A15x2", "name: Extra board")
                .replace("cpu: Cortex-A15", "cpu: Cortex-A7").replace("cpus: 2", "cpus: 4");
        open(TestProject.copyOfRepository(dir.resolve("project")).with("boards/zz-extra.yaml", extraBoard));

        List<Card> boards = _find(Card.class);
        assertEquals(List.of("Arndale (Exynos 5250)", "Versatile Express A15x2", "Extra board"),
                boards.stream().map(Card::getTitleAsText).toList());
        Card extra = _get(Card.class, spec -> spec.withId("board-zz-extra"));
        BoardDiagram diagram = (BoardDiagram) extra.getMedia();
        assertEquals(4, diagram.cpus());
        assertEquals("Cortex-A7", diagram.cpu());

        ListItem lesson = _get(ListItem.class, spec -> spec.withId("lesson-00-the-tiniest-cloud"));
        assertEquals("The tiniest cloud ever", _get(lesson, Span.class, spec -> spec.withClasses("lesson-title")).getText());
        assertEquals("on Versatile Express A15x2", _get(lesson, Span.class, spec -> spec.withClasses("lesson-board")).getText());

        assertEquals("version 9.9.9-test", _get(Span.class, spec -> spec.withId("build-version")).getText());
        assertTrue(_get(Span.class, spec -> spec.withId("database-info")).getText().contains("schema version 1"));
        _assertNone(Div.class, spec -> spec.withId("content-problems"));
    }

    @Test
    void malformedFilesAreNamedOnThePageWhichStillLists(@TempDir Path projectDir) throws Exception {
        open(TestProject.copyOfRepository(projectDir)
                .with("boards/broken.yaml", "name: [unclosed\n")
                .with("lessons/01-orphan.md", "---\ntitle: T\nsummary: S\nboard: zynq\n---\n"));

        Div problems = _get(Div.class, spec -> spec.withId("content-problems"));
        List<String> items = _find(problems, ListItem.class).stream().map(ListItem::getText).toList();
        assertEquals(2, items.size(), items.toString());
        assertTrue(items.get(0).startsWith("boards/broken.yaml:"), items.get(0));
        assertTrue(items.get(0).contains("not valid YAML"), items.get(0));
        assertEquals("lessons/01-orphan.md: board 'zynq' is not a board in boards/ (there are: arndale, vexpress-a15)",
                items.get(1));

        assertEquals(2, _find(Card.class).size());
        _get(ListItem.class, spec -> spec.withId("lesson-00-the-tiniest-cloud"));
        _assertNone(ListItem.class, spec -> spec.withId("lesson-01-orphan"));
    }
}
