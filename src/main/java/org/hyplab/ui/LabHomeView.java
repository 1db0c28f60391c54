package org.hyplab.ui;

import java.util.List;

import org.hyplab.app.AppContext;
import org.hyplab.board.BoardDescription;
import org.hyplab.content.Catalog;
import org.hyplab.content.LoadProblem;
import org.hyplab.lesson.Lesson;

import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The Lab home page: the boards in {@code boards/}, the lessons in {@code lessons/}, any content
 * file that could not be read, and which build and database are serving.
 */
@Route("")
@PageTitle("HypLab")
public class LabHomeView extends Div {

    public LabHomeView() {
        AppContext app = AppContext.current();
        addClassName("lab-home");
        add(header(app));
        if (!app.problems().isEmpty()) {
            add(problems(app.problems()));
        }
        add(boards(app.boards().entries()), lessons(app.lessons().entries(), app.boards()), footer(app));
    }

    private Header header(AppContext app) {
        Span version = new Span("version " + app.build().version());
        version.setId("build-version");
        version.addClassName("version");
        Anchor lab = new Anchor("lab", "Open the Lab");
        lab.setId("open-lab");
        lab.addClassName("open-lab");
        return new Header(new H1("HypLab"), version,
                new Paragraph("A teaching sandbox for ARM virtualization: rebuild “the tiniest cloud ever”, "
                        + "Xen on two ARM boards, and watch every trap, page-table walk and interrupt."), lab);
    }

    /** Names each content file that could not be read and its fault. */
    private Div problems(List<LoadProblem> problems) {
        Div box = new Div();
        box.setId("content-problems");
        box.addClassName("problems");
        box.add(new Paragraph(problems.size() == 1
                ? "One content file could not be read; it is left out:"
                : problems.size() + " content files could not be read; they are left out:"));
        UnorderedList list = new UnorderedList();
        problems.forEach(p -> list.add(new ListItem(p.describe())));
        box.add(list);
        return box;
    }

    private Section boards(List<BoardDescription> boards) {
        Div cards = new Div();
        cards.setId("boards");
        cards.addClassName("cards");
        for (BoardDescription board : boards) {
            Card card = new Card();
            card.setId("board-" + board.id());
            card.setTitle(board.name());
            card.setSubtitle(board.cpus() + " × " + board.cpu());
            card.setMedia(new BoardDiagram(board));
            card.add(new Paragraph(board.summary()));
            Paragraph compatible = new Paragraph("compatible: " + String.join(", ", board.compatible()));
            compatible.addClassName("mono");
            card.add(compatible);
            board.qemuMachine().ifPresent(m -> card.addToFooter(new Span("QEMU model: -M " + m)));
            cards.add(card);
        }
        if (boards.isEmpty()) {
            cards.add(new Paragraph("No boards: add a description to boards/."));
        }
        return new Section(new H2("Boards"), cards);
    }

    private Section lessons(List<Lesson> lessons, Catalog<BoardDescription> boards) {
        OrderedList list = new OrderedList();
        list.setId("lessons");
        for (Lesson lesson : lessons) {
            ListItem item = new ListItem();
            item.setId("lesson-" + lesson.id());
            Span title = new Span(lesson.title());
            title.addClassName("lesson-title");
            String boardName = boards.find(BoardDescription::id, lesson.board())
                    .map(BoardDescription::name).orElse(lesson.board());
            Span board = new Span("on " + boardName);
            board.addClassName("lesson-board");
            item.add(title, board, new Paragraph(lesson.summary()));
            list.add(item);
        }
        Section section = new Section(new H2("Lessons"), list);
        if (lessons.isEmpty()) {
            section.add(new Paragraph("No lessons: add one to lessons/."));
        }
        return section;
    }

    private Footer footer(AppContext app) {
        Span db = new Span("Database: schema version " + app.database().schemaVersion()
                + " in " + app.database().dataDir());
        db.setId("database-info");
        return new Footer(db);
    }
}
