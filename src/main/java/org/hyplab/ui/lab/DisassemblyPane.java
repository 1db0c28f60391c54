package org.hyplab.ui.lab;

import java.util.OptionalInt;

import org.hyplab.cpu.Cpu;
import org.hyplab.debug.Image;
import org.hyplab.debug.Peek;
import org.hyplab.disasm.A32Disassembler;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** The instructions around a CPU's PC, disassembled as objdump prints them, the PC's marked. */
final class DisassemblyPane extends Div {

    static final int BEFORE = 8, AFTER = 16;

    private final Div rows = new Div();

    DisassemblyPane() {
        setId("lab-disasm");
        addClassName("lab-disasm");
        Span title = new Span("Disassembly");
        title.addClassName("pane-title");
        add(title, rows);
    }

    /** Reads the code around {@code cpu}'s PC; call inside {@code LabSession.read}. */
    void show(Cpu cpu, Image image) {
        rows.removeAll();
        int pc = cpu.pc;
        if (cpu.thumb()) {
            rows.add(new Div("Thumb code: not disassembled here"));
        }
        for (int i = -BEFORE; i < AFTER; i++) {
            int at = pc + 4 * i;
            OptionalInt word = Peek.word(cpu, at);
            String fn = image == null ? "" : image.function(Integer.toUnsignedLong(at)).orElse("");
            String text = word.isPresent()
                    ? String.format("%08x:  %08x   %s", at, word.getAsInt(), A32Disassembler.disassemble(word.getAsInt(), at))
                    : String.format("%08x:  (not readable: unmapped or not RAM)", at);
            Div row = new Div(text);
            row.addClassName("asm-line");
            if (!fn.isEmpty() && !fn.contains("+")) {
                row.getElement().setAttribute("data-label", fn);
                rows.add(label(fn));
            }
            if (i == 0) {
                row.addClassName("current");
            }
            rows.add(row);
        }
    }

    private static Div label(String fn) {
        Div d = new Div("<" + fn + ">:");
        d.addClassName("asm-label");
        return d;
    }

    void clear() {
        rows.removeAll();
    }
}
