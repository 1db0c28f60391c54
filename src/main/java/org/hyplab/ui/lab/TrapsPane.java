package org.hyplab.ui.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.SyndromeExplainer;
import org.hyplab.debug.Debugger;
import org.hyplab.debug.Image;
import org.hyplab.debug.Space;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;
import org.hyplab.trace.TrapTimeline;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * The trap timeline: one row per exception taken to Hyp mode, decoded (TrapTimeline). A row
 * clicked shows the trap in full: the HSR field by field, where the guest was (PC, function,
 * line), its r0 and r12, and for the newest data abort of a CPU the fault address registers.
 */
final class TrapsPane extends Div {

    /** The newest traps shown; the recorder keeps more. */
    static final int SHOWN = 500;

    private final Grid<TrapEvent> grid = new Grid<>();
    private final Div detail = new Div();
    private final IntConsumer explainAddress;
    private final LongConsumer goBack;
    /** Each shown trap's number in the trace, for going back to it. */
    private final Map<TrapEvent, Long> numbers = new IdentityHashMap<>();
    private List<TrapEvent> traps = List.of();
    /** What the detail needs from the machine, read at the last stop. */
    private Debugger debugger;
    private int[] hdfar = new int[0], hifar = new int[0], hpfar = new int[0];
    private TrapEvent[] newestAbort = new TrapEvent[0];

    /**
     * {@code explainAddress} opens the page-table view on a guest virtual address; {@code goBack}
     * puts the machine back to the moment of a trace event.
     */
    TrapsPane(IntConsumer explainAddress, LongConsumer goBack) {
        this.explainAddress = explainAddress;
        this.goBack = goBack;
        setId("lab-traps");
        addClassName("lab-traps");
        grid.setId("lab-trap-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TrapEvent::cycle).setHeader("cycle").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> "CPU" + e.cpu()).setHeader("CPU").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.fromGuest() ? "d" + e.vmid() + "/" + e.vcpu() : "hyp").setHeader("vCPU").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> String.format("%08x", e.returnAddress())).setHeader("guest pc").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TrapTimeline::what).setHeader("trap").setFlexGrow(1);
        grid.setHeight("16rem");
        grid.addItemClickListener(e -> showDetail(e.getItem()));
        detail.setId("lab-trap-detail");
        detail.addClassName("trap-detail");
        add(grid, detail);
    }

    List<TrapEvent> traps() {
        return traps;
    }

    /**
     * Reads the timeline (inside {@code LabSession.read}) and shows it, with the detail of
     * {@code focus} (the trap a control stopped on), else of CPU {@code cpu}'s newest trap (the
     * one its hypervisor code is handling).
     */
    void show(Debugger d, TrapEvent focus, int cpu) {
        debugger = d;
        List<TrapEvent> all = d.recorder().traps();
        traps = new ArrayList<>(all.subList(Math.max(0, all.size() - SHOWN), all.size()));
        numbers.clear();
        int next = 0;
        for (long n = d.recorder().firstKept(); n < d.recorder().total() && next < all.size(); n++) {
            MachineEvent e = d.recorder().get(n).orElse(null);
            if (e == all.get(next)) {
                numbers.put(all.get(next), n);
                next++;
            }
        }
        List<Cpu> cpus = d.machine().cpus();
        hdfar = new int[cpus.size()];
        hpfar = new int[cpus.size()];
        hifar = new int[cpus.size()];
        newestAbort = new TrapEvent[cpus.size()];
        for (Cpu c : cpus) {
            hdfar[c.index] = c.sys.hdfar;
            hifar[c.index] = c.sys.hifar;
            hpfar[c.index] = c.sys.hpfar;
        }
        for (TrapEvent t : all) {
            if (t.ec() == 0x24 || t.ec() == 0x25 || t.ec() == 0x20) {
                newestAbort[t.cpu()] = t;
            }
        }
        grid.setItems(traps);
        TrapEvent shown = focus;
        for (int i = traps.size() - 1; shown == null && i >= 0; i--) {
            if (traps.get(i).cpu() == cpu) {
                shown = traps.get(i);
            }
        }
        if (shown == null && !traps.isEmpty()) {
            shown = traps.getLast();
        }
        if (shown != null) {
            grid.select(shown);
            grid.scrollToEnd();
            showDetail(shown);
        } else {
            detail.removeAll();
            detail.add(new Div("No trap into Hyp mode yet."));
        }
    }

    /** The trap in full, field by field. */
    void showDetail(TrapEvent e) {
        detail.removeAll();
        detail.getElement().setAttribute("data-cycle", Long.toString(e.cycle()));
        line("trap-line", TrapTimeline.line(e));
        if (e.fromGuest()) {
            Space space = Space.domain(Math.max(1, e.vmid()));
            Optional<Image> image = debugger == null ? Optional.empty() : debugger.images().image(space);
            long pc = Integer.toUnsignedLong(e.returnAddress());
            String fn = image.flatMap(i -> i.function(pc)).orElse("?");
            String src = image.flatMap(i -> i.line(pc)).map(l -> l.file().replaceAll(".*/", "") + ":" + l.line()).orElse("");
            line("trap-guest", String.format("from %s of d%d, vCPU %d: guest PC %08x in %s%s", e.from(), e.vmid(), e.vcpu(),
                    e.returnAddress(), fn, src.isEmpty() ? "" : " at " + src));
        } else {
            line("trap-guest", String.format("taken in Hyp mode itself, at %08x", e.returnAddress()));
        }
        line("trap-regs", String.format("r0 = 0x%08x, r12 = 0x%08x", e.r0(), e.r12()));
        Long number = numbers.get(e);
        if (number != null) {
            Button back = new Button("Go back to this moment", click -> goBack.accept(number));
            back.setId("lab-trap-goto");
            back.addThemeVariants(ButtonVariant.LUMO_SMALL);
            back.getElement().setAttribute("title", "restore the machine as it was when this trap was taken (event #" + number + ")");
            detail.add(back);
        }
        if (e.vector() != TrapEvent.VECTOR_TRAP) {
            line("trap-hsr", "an interrupt: HSR is not written (vector 0x" + Integer.toHexString(e.vector()) + ")");
            return;
        }
        Div hsr = new Div();
        hsr.setId("lab-trap-hsr");
        hsr.addClassName("trap-hsr");
        for (String l : SyndromeExplainer.explain(e.syndrome()).lines()) {
            hsr.add(new Div(l));
        }
        detail.add(hsr);
        if (newestAbort.length > e.cpu() && newestAbort[e.cpu()] == e) {
            int va = e.ec() == 0x20 ? hifar[e.cpu()] : hdfar[e.cpu()];
            long ipa = (Integer.toUnsignedLong(hpfar[e.cpu()]) & 0xFFFF_FFF0L) << 8 | (va & 0xFFF);
            Div addr = new Div();
            addr.setId("lab-trap-address");
            addr.addClassName("trap-address");
            Span link = new Span(String.format("%08x", va));
            link.addClassName("address-link");
            link.getElement().setAttribute("title", "walk this address's page tables");
            link.addClickListener(c -> explainAddress.accept(va));
            addr.add(new Span(e.ec() == 0x20 ? "HIFAR (fault address, VA) = " : "HDFAR (fault address, VA) = "), link,
                    new Span(String.format(", IPA (HPFAR) = %09x", ipa)));
            detail.add(addr);
        }
    }

    private void line(String cls, String text) {
        Div d = new Div(text);
        d.addClassName(cls);
        detail.add(d);
    }
}
