package org.hyplab.ui.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import org.hyplab.elf.SourceLine;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * The source of the code a CPU runs (the hypervisor's C or a guest's), with the current line
 * marked and the breakpoints in the gutter: a click on a line's gutter toggles one there.
 */
final class SourcePane extends Div {

    /** A file longer than this shows a window around the current line. */
    private static final int WINDOW = 400;

    private final Path root;
    private final Span title = new Span("No source: boot a scenario.");
    private final Div lines = new Div();
    private final Map<String, List<String>> cache = new HashMap<>();
    private final Map<Integer, Div> shown = new HashMap<>();
    private final BiConsumer<String, Integer> toggle;
    private String file = "";
    private int first = 1;
    private int current = -1;

    /** {@code toggle} gets the file (as the line table names it) and the line clicked. */
    SourcePane(Path root, BiConsumer<String, Integer> toggle) {
        this.root = root;
        this.toggle = toggle;
        setId("lab-source");
        addClassName("lab-source");
        title.setId("lab-source-file");
        title.addClassName("pane-title");
        lines.addClassName("src-lines");
        add(title, lines);
    }

    /** The file the pane shows, as the line table names it; empty when none. */
    String file() {
        return file;
    }

    int currentLine() {
        return current;
    }

    /** Shows {@code line} (or says there is no line information) with these breakpoint lines marked. */
    void show(Optional<SourceLine> line, String where, Set<Integer> breakpoints) {
        if (line.isEmpty()) {
            file = "";
            current = -1;
            title.setText("No line information for " + where);
            lines.removeAll();
            shown.clear();
            return;
        }
        SourceLine l = line.get();
        List<String> text = read(l.file());
        int from = text.size() > WINDOW ? Math.max(1, l.line() - WINDOW / 2) : 1;
        if (!l.file().equals(file) || from != first || shown.isEmpty() && !text.isEmpty()) {
            file = l.file();
            first = from;
            render(text, from, Math.min(text.size(), from + WINDOW - 1));
        }
        title.setText(display(l.file()) + ":" + l.line());
        Div old = shown.get(current);
        if (old != null) {
            old.removeClassName("current");
        }
        current = l.line();
        Div now = shown.get(current);
        if (now != null) {
            now.addClassName("current");
            now.scrollIntoView();
        }
        shown.forEach((n, div) -> div.setClassName("bp", breakpoints.contains(n)));
    }

    private void render(List<String> text, int from, int to) {
        lines.removeAll();
        shown.clear();
        if (text.isEmpty()) {
            lines.add(new Div("(the source file " + display(file) + " cannot be read here)"));
            return;
        }
        for (int n = from; n <= to; n++) {
            int number = n;
            Div row = new Div();
            row.addClassName("src-line");
            row.getElement().setAttribute("data-line", Integer.toString(n));
            Span gutter = new Span();
            gutter.addClassName("gutter");
            gutter.getElement().setAttribute("title", "toggle a breakpoint on line " + n);
            gutter.addClickListener(e -> toggle.accept(file, number));
            Span num = new Span(Integer.toString(n));
            num.addClassName("num");
            Span code = new Span(text.get(n - 1));
            code.addClassName("code");
            row.add(gutter, num, code);
            lines.add(row);
            shown.put(n, row);
        }
    }

    /** The path relative to the project root where it lies inside it ("hypervisor/hypercall.c"). */
    String display(String path) {
        Path p = resolve(path);
        if (p != null && p.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
            return root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        }
        return path;
    }

    private List<String> read(String path) {
        return cache.computeIfAbsent(path, k -> {
            Path p = resolve(k);
            try {
                return p == null ? List.of() : Files.readAllLines(p);
            } catch (IOException e) {
                return List.of();
            }
        });
    }

    /**
     * Finds a source file as the compiler recorded it: as it is, or under the project root
     * (the build may have run in another checkout of the same project).
     */
    private Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() && Files.isRegularFile(p)) {
            return p;
        }
        Path under = p.isAbsolute() ? null : root.resolve(p);
        if (under != null && Files.isRegularFile(under)) {
            return under;
        }
        // The last components, from "hypervisor/" or "tests/" on, under this root.
        String s = p.toString();
        for (String anchor : new String[] {"/hypervisor/", "/tests/"}) {
            int at = s.lastIndexOf(anchor);
            if (at >= 0) {
                Path q = root.resolve(s.substring(at + 1));
                if (Files.isRegularFile(q)) {
                    return q;
                }
            }
        }
        Path inHypervisor = root.resolve("hypervisor").resolve(p.isAbsolute() ? p.getFileName() : p);
        return Files.isRegularFile(inHypervisor) ? inHypervisor : null;
    }
}
