package org.hyplab.ui.lab;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.RegisterExplainer;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * One CPU's registers: the current mode's, the banked copies of the other modes, and the Hyp and
 * virtualization registers with each field explained (RegisterExplainer). A value that changed
 * since the last stop is highlighted.
 */
final class RegistersPane extends Div {

    private final Div core = new Div();
    private final Div banked = new Div();
    private final Div system = new Div();
    private final Map<String, Boolean> open = new HashMap<>();
    private Map<String, Long> previous = Map.of();
    private int previousCpu = -1;

    RegistersPane() {
        setId("lab-registers");
        addClassName("lab-registers");
        Span title = new Span("Registers");
        title.addClassName("pane-title");
        core.addClassName("reg-grid");
        banked.addClassName("reg-grid");
        add(title, core, heading("Banked"), banked, heading("Hyp and virtualization"), system);
    }

    private static Div heading(String text) {
        Div d = new Div(text);
        d.addClassName("reg-heading");
        return d;
    }

    /** The values a registers pane shows, by name, for the change highlighting (also used by tests). */
    static Map<String, Long> values(Cpu cpu) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (int i = 0; i < 13; i++) {
            v.put("r" + i, Integer.toUnsignedLong(cpu.r[i]));
        }
        v.put("sp", Integer.toUnsignedLong(cpu.r[13]));
        v.put("lr", Integer.toUnsignedLong(cpu.r[14]));
        v.put("pc", Integer.toUnsignedLong(cpu.pc));
        v.put("CPSR", Integer.toUnsignedLong(cpu.cpsr()));
        if (cpu.mode().hasSpsr()) {
            v.put("SPSR_" + cpu.mode().suffix, Integer.toUnsignedLong(cpu.spsr()));
        }
        return v;
    }

    /** Banked registers of the modes the CPU is not in: SP, LR and SPSR per mode; r8-r12 of FIQ. */
    static Map<String, Long> bankedValues(Cpu cpu) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (Mode m : new Mode[] {Mode.USR, Mode.SVC, Mode.ABT, Mode.UND, Mode.IRQ, Mode.FIQ, Mode.HYP}) {
            v.put("sp_" + m.suffix, Integer.toUnsignedLong(cpu.bankedRegister(m, 13)));
            if (m != Mode.HYP) {
                v.put("lr_" + m.suffix, Integer.toUnsignedLong(cpu.bankedRegister(m, 14)));
            }
            if (m.hasSpsr()) {
                v.put("spsr_" + m.suffix, Integer.toUnsignedLong(cpu.spsrOf(m)));
            }
        }
        v.put("ELR_hyp", Integer.toUnsignedLong(cpu.elrHyp));
        for (int r = 8; r <= 12; r++) {
            v.put("r" + r + "_fiq", Integer.toUnsignedLong(cpu.bankedRegister(Mode.FIQ, r)));
        }
        return v;
    }

    /** Reads {@code cpu} (inside {@code LabSession.read}) and shows it. */
    void show(Cpu cpu) {
        boolean compare = previousCpu == cpu.index;
        Map<String, Long> now = new HashMap<>();
        core.removeAll();
        values(cpu).forEach((name, value) -> {
            now.put(name, value);
            core.add(cell(name, String.format("%08x", value), compare && changed(name, value)));
        });
        Span mode = new Span("mode " + cpu.mode().name() + " (" + RegisterExplainer.psr("CPSR", cpu.cpsr()).field("M").meaning() + ")");
        mode.addClassName("reg-mode");
        core.add(mode);
        banked.removeAll();
        bankedValues(cpu).forEach((name, value) -> {
            now.put(name, value);
            banked.add(cell(name, String.format("%08x", value), compare && changed(name, value)));
        });
        system.removeAll();
        List<RegisterExplainer.Register> regs = new java.util.ArrayList<>();
        regs.add(RegisterExplainer.psr("CPSR", cpu.cpsr()));
        regs.addAll(RegisterExplainer.virtualization(cpu));
        for (RegisterExplainer.Register r : regs) {
            now.put("sys:" + r.name(), r.value());
            system.add(explained(r, compare && changed("sys:" + r.name(), r.value())));
        }
        previous = now;
        previousCpu = cpu.index;
    }

    private boolean changed(String name, long value) {
        Long before = previous.get(name);
        return before != null && before != value;
    }

    private static Div cell(String name, String value, boolean changed) {
        Div d = new Div();
        d.addClassName("reg");
        d.getElement().setAttribute("data-reg", name);
        Span n = new Span(name);
        n.addClassName("reg-name");
        Span v = new Span(value);
        v.addClassName("reg-value");
        d.add(n, v);
        if (changed) {
            d.addClassName("changed");
        }
        return d;
    }

    private Details explained(RegisterExplainer.Register r, boolean changed) {
        Span summary = new Span(r.name() + " = " + r.hex() + "  " + r.purpose() + " (ARM ARM " + r.section() + ")");
        summary.addClassName("reg-summary");
        Div fields = new Div();
        for (RegisterExplainer.Field f : r.fields()) {
            Div line = new Div(f.line());
            line.addClassName("reg-field");
            if (f.value() != 0) {
                line.addClassName("set");
            }
            fields.add(line);
        }
        Details d = new Details(summary, fields);
        d.addClassName("reg-details");
        d.getElement().setAttribute("data-reg", r.name());
        if (changed) {
            d.addClassName("changed");
        }
        d.setOpened(open.getOrDefault(r.name(), false));
        d.addOpenedChangeListener(e -> open.put(r.name(), e.isOpened()));
        return d;
    }
}
