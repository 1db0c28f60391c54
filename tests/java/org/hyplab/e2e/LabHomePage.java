package org.hyplab.e2e;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Page object for the Lab home page, so tests read like what a student sees. */
final class LabHomePage {

    private final Page page;

    LabHomePage(Page page) {
        this.page = page;
    }

    static LabHomePage open(Page page, String url) {
        page.navigate(url);
        // Vaadin renders after its bootstrap request: wait for the view, not just the load event.
        page.locator(".lab-home").waitFor();
        return new LabHomePage(page);
    }

    String version() {
        return page.locator("#build-version").innerText();
    }

    /** The card of a board, by its id (the file name in boards/). */
    Locator board(String id) {
        return page.locator("#board-" + id);
    }

    /** The ids of the boards shown, in page order. */
    List<String> boardIds() {
        return page.locator("#boards vaadin-card").all().stream()
                .map(card -> card.getAttribute("id").substring("board-".length()))
                .toList();
    }

    /** The cores drawn by the board's diagram, a Lit component inside its shadow DOM. */
    int drawnCores(String boardId) {
        Locator cores = board(boardId).locator("hyplab-board-diagram .core");
        cores.first().waitFor();
        return cores.count();
    }

    List<String> lessonTitles() {
        return page.locator("#lessons .lesson-title").allInnerTexts();
    }

    List<String> problems() {
        return page.locator("#content-problems li").allInnerTexts();
    }

    boolean hasProblems() {
        return page.locator("#content-problems").count() > 0;
    }
}
