package org.hyplab.ui;

import org.hyplab.board.BoardDescription;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/** A small block diagram of a board: its CPU cores and their model (Lit: hyplab-board-diagram.ts). */
@Tag("hyplab-board-diagram")
@JsModule("./components/hyplab-board-diagram.ts")
public class BoardDiagram extends Component {

    public BoardDiagram(BoardDescription board) {
        getElement().setProperty("cpus", board.cpus());
        getElement().setProperty("cpu", board.cpu());
        getElement().setAttribute("aria-label", board.cpus() + " × " + board.cpu());
    }

    public int cpus() {
        return getElement().getProperty("cpus", 0);
    }

    public String cpu() {
        return getElement().getProperty("cpu", "");
    }
}
