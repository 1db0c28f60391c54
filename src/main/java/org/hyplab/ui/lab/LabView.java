package org.hyplab.ui.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hyplab.app.AppContext;
import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Cpu;
import org.hyplab.debug.Breakpoint;
import org.hyplab.debug.Debugger;
import org.hyplab.debug.Goal;
import org.hyplab.debug.NextInterrupt;
import org.hyplab.debug.NextTrap;
import org.hyplab.debug.RunFree;
import org.hyplab.debug.Space;
import org.hyplab.debug.StepInstruction;
import org.hyplab.debug.StepLine;
import org.hyplab.debug.StepOut;
import org.hyplab.debug.StopReason;
import org.hyplab.debug.Where;
import org.hyplab.lab.LabException;
import org.hyplab.lab.LabScenario;
import org.hyplab.lab.LabSession;
import org.hyplab.lab.SessionStatus;
import org.hyplab.mmu.Explanation;
import org.hyplab.mmu.Perm;
import org.hyplab.mmu.Regime;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.trace.MachineEvent;
import org.hyplab.trace.TrapEvent;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/**
 * The Lab: one user's machine, booted from a scenario (a board and guests), driven step by step
 * and looked into: where each CPU is, the source and instructions it runs, its registers, the
 * trap timeline, page-table walks, the GIC and the consoles. Each browser tab has its own
 * {@link LabSession}; the machine runs on the shared worker and its statuses come back by Push.
 *
 * <p>{@code /lab?board=vexpress-a15&guest=hello&guest=vuart} preselects a scenario (lessons can
 * link to one); the user still presses Boot.
 */
@Route("lab")
@PageTitle("HypLab: the Lab")
public class LabView extends Div implements BeforeEnterObserver {

    private final AppContext app = AppContext.current();

    // scenario
    private final Select<String> board = new Select<>();
    private final MultiSelectComboBox<String> guests = new MultiSelectComboBox<>("Guests");
    private final Button boot = new Button("Boot");
    private final Button reset = new Button("Reset");
    private final Div error = new Div();
    // controls
    private final Select<Integer> cpu = new Select<>();
    private final ComboBox<String> trapClass = new ComboBox<>("Trap class");
    private final ComboBox<String> trapFrom = new ComboBox<>("From");
    private final List<Button> controls = new ArrayList<>();
    private final Button pause = new Button("Pause");
    private final Span status = new Span("No machine: pick a board and guests, then Boot.");
    private final Div cpus = new Div();
    // panes
    private final SourcePane source;
    private final DisassemblyPane disasm = new DisassemblyPane();
    private final RegistersPane registers = new RegistersPane();
    private final TrapsPane traps;
    private final TextField va = new TextField("Virtual address");
    private final Button walk = new Button("Walk");
    private final Select<String> walkRegime = new Select<>();
    private final WalkView walkView = new WalkView();
    private final Pre walkLines = new Pre();
    private final GicView gicView = new GicView();
    private final Pre gicLines = new Pre();
    private final Div gicPath = new Div();
    private final Pre uart = new Pre();
    private final Div split = new Div();
    private final Map<String, Pre> splitPres = new HashMap<>();
    private final TextField input = new TextField();
    private final Span inputFocus = new Span();
    private final TextField bpWhere = new TextField("Breakpoint at");
    private final Select<String> bpSpace = new Select<>();
    private final Div bpList = new Div();
    private final Span bpError = new Span();
    private final TabSheet tabs = new TabSheet();

    private LabSession session;
    private Runnable unlisten;
    private long shownConsole = -1;
    private long shownStopVersion = -1;
    /** Breakpoints by where the user asked for them (a file:line, a function) with their space. */
    private final Map<String, List<Breakpoint>> breakpoints = new LinkedHashMap<>();
    /** A status waiting to be shown: statuses coalesce while the UI is busy. */
    private volatile SessionStatus pending;
    private final AtomicBoolean drawing = new AtomicBoolean();

    public LabView() {
        addClassName("lab");
        source = new SourcePane(app.root(), this::toggleBreakpoint);
        traps = new TrapsPane(this::explainAddress, this::goBackTo);
        add(header(), scenarioBar(), controlBar(), where(), panes(), bottom());
        enableControls(false);
    }

    // ---- layout ----------------------------------------------------------------------------------

    private Header header() {
        Anchor home = new Anchor("", "HypLab");
        home.addClassName("home-link");
        return new Header(new H1("The Lab"), home);
    }

    private HorizontalLayout scenarioBar() {
        board.setId("lab-board");
        board.setLabel("Board");
        board.setItems(app.boards().entries().stream().map(BoardDescription::id).toList());
        board.setItemLabelGenerator(id -> app.boards().find(BoardDescription::id, id).map(BoardDescription::name).orElse(id));
        app.boards().entries().stream().map(BoardDescription::id).filter("vexpress-a15"::equals).findFirst()
                .or(() -> app.boards().entries().stream().map(BoardDescription::id).findFirst()).ifPresent(board::setValue);
        guests.setId("lab-guests");
        guests.setItems(GuestCatalog.of(app.root(), app.armDir()).names());
        guests.setWidth("22rem");
        boot.setId("lab-boot");
        boot.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        boot.addClickListener(e -> bootScenario());
        reset.setId("lab-reset");
        reset.addClickListener(e -> resetScenario());
        reset.setEnabled(false);
        error.setId("lab-error");
        error.addClassName("lab-error");
        error.setVisible(false);
        HorizontalLayout bar = new HorizontalLayout(board, guests, boot, reset, error);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        bar.addClassName("lab-scenario");
        return bar;
    }

    private Div controlBar() {
        cpu.setId("lab-cpu");
        cpu.setLabel("CPU");
        cpu.setItemLabelGenerator(i -> "CPU" + i);
        cpu.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                refreshPanes(null);
            }
        });
        control("lab-step-insn", "Step instruction", Key.KEY_I, () -> new StepInstruction(cpu()));
        control("lab-step-line", "Step line", Key.KEY_S, () -> new StepLine(cpu(), false));
        control("lab-next", "Next (over)", Key.KEY_N, () -> new StepLine(cpu(), true));
        control("lab-step-out", "Step out", Key.KEY_O, () -> new StepOut(cpu()));
        control("lab-next-trap", "Run to next trap", Key.KEY_T, this::nextTrap);
        control("lab-next-irq", "Run to interrupt", Key.KEY_Q, NextInterrupt::new);
        control("lab-run", "Run", Key.KEY_R, RunFree::new);
        pause.setId("lab-pause");
        pause.addClickShortcut(Key.KEY_P, KeyModifier.ALT);
        pause.getElement().setAttribute("title", "Pause (Alt+P)");
        pause.addClickListener(e -> {
            if (session != null) {
                session.pause();
            }
        });
        trapClass.setId("lab-trap-class");
        trapClass.setItems(TRAP_CLASSES.keySet());
        trapClass.setValue("any");
        trapClass.setWidth("13rem");
        trapFrom.setId("lab-trap-from");
        trapFrom.setItems("any");
        trapFrom.setValue("any");
        trapFrom.setWidth("8rem");
        status.setId("lab-status");
        status.addClassName("lab-status");
        Div bar = new Div(cpu);
        controls.forEach(bar::add);
        bar.add(pause, trapClass, trapFrom);
        bar.addClassName("lab-controls");
        Div box = new Div(bar, status);
        return box;
    }

    /** The exception classes "run to next trap" can wait for (HSR.EC, ARM ARM B3.13.6). */
    static final Map<String, Integer> TRAP_CLASSES = new LinkedHashMap<>();

    static {
        TRAP_CLASSES.put("any", -1);
        TRAP_CLASSES.put("HVC (0x12)", 0x12);
        TRAP_CLASSES.put("data abort (0x24)", 0x24);
        TRAP_CLASSES.put("prefetch abort (0x20)", 0x20);
        TRAP_CLASSES.put("WFI/WFE (0x01)", 0x01);
        TRAP_CLASSES.put("CP15 access (0x03)", 0x03);
        TRAP_CLASSES.put("SMC (0x13)", 0x13);
    }

    private Goal nextTrap() {
        int ec = TRAP_CLASSES.getOrDefault(Optional.ofNullable(trapClass.getValue()).orElse("any"), -1);
        String from = Optional.ofNullable(trapFrom.getValue()).orElse("any");
        return new NextTrap(ec, Space.parse(from));
    }

    private void control(String id, String label, Key key, java.util.function.Supplier<Goal> goal) {
        Button b = new Button(label);
        b.setId(id);
        b.addClickShortcut(key, KeyModifier.ALT);
        b.getElement().setAttribute("title", label + " (Alt+" + key.getKeys().getFirst().replace("Key", "") + ")");
        b.addClickListener(e -> {
            if (session != null) {
                error.setVisible(false);
                session.start(goal.get());
            }
        });
        controls.add(b);
    }

    private int cpu() {
        return cpu.getValue() == null ? 0 : cpu.getValue();
    }

    private Div where() {
        cpus.setId("lab-cpus");
        cpus.addClassName("lab-cpus");
        return cpus;
    }

    private Div panes() {
        Div panes = new Div(source, disasm, registers);
        panes.addClassName("lab-panes");
        return panes;
    }

    private TabSheet bottom() {
        tabs.setId("lab-tabs");
        tabs.setWidthFull();
        tabs.add("Traps", traps);

        va.setId("lab-va");
        va.setPlaceholder("c0000100");
        va.addKeyPressListener(Key.ENTER, e -> explainTyped());
        walk.setId("lab-walk");
        walk.addClickListener(e -> explainTyped());
        walkLines.setId("lab-walk-lines");
        walkLines.addClassName("walk-lines");
        walkRegime.setId("lab-walk-regime");
        walkRegime.setLabel("Translated by");
        walkRegime.setItems(GUEST_REGIME, HYP_REGIME);
        walkRegime.setValue(GUEST_REGIME);
        walkRegime.setWidth("24rem");
        HorizontalLayout vaBar = new HorizontalLayout(va, walkRegime, walk,
                new Span("with the selected CPU's registers as they are now (after a trap, still the guest's)"));
        vaBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        tabs.add("Page tables", new Div(vaBar, walkView, walkLines));

        gicLines.setId("lab-gic-lines");
        gicLines.addClassName("gic-lines");
        gicPath.setId("lab-gic-path");
        gicPath.addClassName("gic-path");
        Span pathTitle = new Span("The last interrupt's way, step by step (newest last):");
        pathTitle.addClassName("pane-title");
        tabs.add("Interrupts", new Div(gicView, pathTitle, gicPath, gicLines));

        uart.setId("lab-console-uart");
        uart.addClassName("console");
        split.setId("lab-consoles");
        split.addClassName("split-consoles");
        input.setId("lab-input");
        input.setPlaceholder("type to the console, Enter sends");
        input.setWidth("30rem");
        input.addKeyPressListener(Key.ENTER, e -> {
            if (session != null) {
                session.type(input.getValue() + "\r");
                input.clear();
            }
        });
        inputFocus.setId("lab-input-focus");
        Button switchInput = new Button("Switch input (CTRL-a ×3)", e -> {
            if (session != null) {
                session.switchInput();
            }
        });
        switchInput.setId("lab-input-switch");
        switchInput.getElement().setAttribute("title",
                "as on Xen: the hypervisor moves console input on to the next domain, then back to itself");
        Div physical = new Div(new Span("Physical UART"), uart);
        physical.addClassName("console-box");
        HorizontalLayout inputBar = new HorizontalLayout(input, switchInput, inputFocus);
        inputBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        tabs.add("Consoles", new Div(new Div(physical, split), inputBar));

        bpWhere.setId("lab-bp-where");
        bpWhere.setPlaceholder("vgic.c:340, vgic_dist_write or 0x80012345");
        bpWhere.setWidth("22rem");
        bpWhere.addKeyPressListener(Key.ENTER, e -> addTypedBreakpoint());
        bpSpace.setId("lab-bp-space");
        bpSpace.setLabel("In");
        bpSpace.setItems("hypervisor");
        bpSpace.setValue("hypervisor");
        Button add = new Button("Add", e -> addTypedBreakpoint());
        add.setId("lab-bp-add");
        bpError.setId("lab-bp-error");
        bpError.addClassName("lab-error");
        bpList.setId("lab-bp-list");
        HorizontalLayout bpBar = new HorizontalLayout(bpWhere, bpSpace, add, bpError);
        bpBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        tabs.add("Breakpoints", new Div(bpBar, bpList));
        return tabs;
    }

    private void enableControls(boolean on) {
        controls.forEach(b -> b.setEnabled(on));
        pause.setEnabled(on);
        cpu.setEnabled(on);
        walk.setEnabled(on);
    }

    // ---- scenario ----------------------------------------------------------------------------------

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        Optional.ofNullable(q.get("board")).flatMap(l -> l.stream().findFirst()).ifPresent(b -> {
            if (app.boards().find(BoardDescription::id, b).isPresent()) {
                board.setValue(b);
            }
        });
        if (q.containsKey("board") || q.containsKey("guest")) {
            guests.setValue(new LinkedHashSet<>(q.getOrDefault("guest", List.of())));
        }
    }

    /** The guests in the order picked (the domains d1, d2, ... follow it). */
    private List<String> pickedGuests() {
        return new ArrayList<>(guests.getSelectedItems());
    }

    void bootScenario() {
        error.setVisible(false);
        String b = board.getValue();
        List<String> g = pickedGuests();
        if (b == null) {
            showError("Pick a board.");
            return;
        }
        LabSession opened;
        try {
            BoardDescription desc = app.boards().find(BoardDescription::id, b)
                    .orElseThrow(() -> new LabException("no board " + b));
            opened = LabSession.open(app.root(), app.armDir(), desc, LabScenario.ofCatalog(b, g), LabRuntime.worker());
        } catch (LabException | IllegalArgumentException e) {
            showError("Cannot boot " + b + (g.isEmpty() ? "" : " with " + String.join(", ", g)) + ": " + e.getMessage());
            return;
        }
        detachSession();
        session = opened;
        breakpoints.clear();
        bpList.removeAll();
        shownConsole = -1;
        shownStopVersion = -1;
        splitPres.clear();
        split.removeAll();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < opened.board().cpus(); i++) {
            ids.add(i);
        }
        cpu.setItems(ids);
        cpu.setValue(0);
        List<String> spaces = new ArrayList<>(List.of("any"));
        List<String> bpSpaces = new ArrayList<>(List.of("hypervisor"));
        for (int d = 1; d <= g.size(); d++) {
            spaces.add("d" + d);
            bpSpaces.add("d" + d);
        }
        trapFrom.setItems(spaces);
        trapFrom.setValue("any");
        bpSpace.setItems(bpSpaces);
        bpSpace.setValue("hypervisor");
        reset.setEnabled(true);
        enableControls(true);
        attachSession();
        show(session.status(), true);
    }

    private void resetScenario() {
        if (session == null) {
            return;
        }
        try {
            session.reset();
            shownConsole = -1;
        } catch (LabException e) {
            showError("Cannot reset: " + e.getMessage());
        }
    }

    /** Puts the machine back to the moment of trace event {@code n} (a trap of the timeline). */
    void goBackTo(long n) {
        if (session == null) {
            return;
        }
        error.setVisible(false);
        try {
            session.goToEvent(n);
        } catch (LabException e) {
            showError("Cannot go back: " + e.getMessage());
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    String errorText() {
        return error.isVisible() ? error.getText() : "";
    }

    LabSession session() {
        return session;
    }

    TrapsPane trapsPane() {
        return traps;
    }

    // ---- the session's statuses, by Push ----------------------------------------------------------

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        attachSession();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        // A tab closed or navigated away: its session closes (it is this tab's alone).
        detachSession();
        super.onDetach(event);
    }

    private void attachSession() {
        if (session == null || unlisten != null) {
            return;
        }
        UI ui = getUI().orElse(null);
        if (ui == null) {
            return;
        }
        unlisten = session.addListener(s -> {
            pending = s;
            if (drawing.compareAndSet(false, true)) {
                try {
                    ui.access(() -> {
                        drawing.set(false);
                        SessionStatus latest = pending;
                        if (latest != null) {
                            show(latest, false);
                        }
                    });
                } catch (UIDetachedException gone) {
                    drawing.set(false);   // the tab closed between two statuses; onDetach stops the machine
                }
            }
        });
    }

    private void detachSession() {
        if (unlisten != null) {
            unlisten.run();
            unlisten = null;
        }
        if (session != null) {
            session.close();   // this tab's alone: its machine, checkpoints and slices go
            session = null;
        }
    }

    /**
     * Shows a status: while the machine runs only what is cheap (the status line, where the CPUs
     * are, new console output); when it stops, every pane.
     */
    void show(SessionStatus s, boolean force) {
        if (session == null || s == null) {
            return;
        }
        status.setText(statusText(s));
        status.getElement().setAttribute("data-running", Boolean.toString(s.running()));
        status.getElement().setAttribute("data-version", Long.toString(s.version()));
        showCpus(s.cpus());
        if (s.console() != shownConsole) {
            shownConsole = s.console();
            showConsoles();
        }
        controls.forEach(b -> b.setEnabled(!s.running() && (s.stop() == null || s.stop().canContinue())));
        if (!s.running() && (force || s.version() != shownStopVersion)) {
            shownStopVersion = s.version();
            if (s.stop() != null && s.stop().cpu() >= 0 && s.stop().cpu() < s.cpus().size()) {
                cpu.setValue(s.stop().cpu());
            }
            refreshPanes(s.stop());
        }
    }

    static String statusText(SessionStatus s) {
        String what = s.running() ? "running: " + s.control()
                : s.stop() == null ? "booted, stopped before the first instruction" : "stopped: " + s.stop().message();
        return String.format("%s (%,d instructions, %,d events)", what, s.retired(), s.events());
    }

    private void showCpus(List<Where> where) {
        cpus.removeAll();
        for (Where w : where) {
            Div d = new Div(describe(w));
            d.addClassName("cpu");
            d.getElement().setAttribute("data-cpu", Integer.toString(w.cpu()));
            d.getElement().setAttribute("data-space", w.space().label());
            d.getElement().setAttribute("data-mode", w.on() ? w.mode().name() : "off");
            if (!w.on()) {
                d.addClassName("off");
            } else if (w.waiting()) {
                d.addClassName("waiting");
            }
            if (w.cpu() == cpu()) {
                d.addClassName("selected");
            }
            cpus.add(d);
        }
    }

    /** "CPU0 HYP hypervisor 80012344 in do_hypercall+0x10 at hypercall.c:265", or "CPU1 off". */
    static String describe(Where w) {
        if (!w.on()) {
            return "CPU" + w.cpu() + ": off";
        }
        StringBuilder b = new StringBuilder(String.format("CPU%d: %s, %s, pc %08x", w.cpu(), w.mode(), w.space().label(), w.pc()));
        w.function().filter(LabView::plausible).ifPresent(f -> b.append(", in ").append(f));
        w.source().ifPresent(l -> b.append(", at ").append(l.file().replaceAll(".*/", "")).append(':').append(l.line()));
        if (w.waiting()) {
            b.append(" (waiting for an interrupt)");
        }
        return b.toString();
    }

    /**
     * Whether "name+0xoff" can be where the PC is: a PC far beyond the image's last symbol (code
     * the image does not describe, e.g. before the hypervisor has moved itself) is named by
     * that symbol with a huge offset, which would mislead.
     */
    static boolean plausible(String function) {
        int plus = function.lastIndexOf("+0x");
        return plus < 0 || Long.parseLong(function.substring(plus + 3), 16) < 0x10000;
    }

    private void showConsoles() {
        uart.setText(tail(session.uartConsole()));
        String focus = session.inputFocus();
        inputFocus.setText(focus.isEmpty() ? "" : "input goes to " + (focus.equals("hypervisor") ? "the hypervisor" : focus));
        for (Map.Entry<String, String> e : session.splitConsoles().entrySet()) {
            Pre pre = splitPres.computeIfAbsent(e.getKey(), k -> {
                Pre p = new Pre();
                p.setId("lab-console-" + k);
                p.addClassName("console");
                Div box = new Div(new Span(k.equals("hypervisor") ? "Hypervisor (XEN)" : "Domain " + k), p);
                box.addClassName("console-box");
                split.add(box);
                return p;
            });
            pre.setText(tail(e.getValue()));
        }
    }

    /** The newest part of a console: enough to read, little to send. */
    private static String tail(String text) {
        return text.length() <= 16_384 ? text : "…" + text.substring(text.length() - 16_384);
    }

    /** Every pane, from the machine as it is now (between slices). */
    private void refreshPanes(StopReason stop) {
        if (session == null) {
            return;
        }
        try {
            drawPanes(stop);
        } catch (RuntimeException e) {
            // A pane that cannot draw this state must not take the page down: say so, keep the rest.
            showError("Could not show the machine's state: " + e);
        }
    }

    private void drawPanes(StopReason stop) {
        int c = cpu();
        TrapEvent focus = stop != null && stop.event() instanceof TrapEvent t ? t : null;
        session.read(d -> {
            Cpu core = d.machine().cpus().get(c);
            Where w = d.where(c);
            source.show(w.source(), String.format("%08x (%s)", w.pc(), w.space().label()), breakpointLines(w.space(), w));
            disasm.show(core, d.images().image(w.space()).orElse(null));
            registers.show(core);
            traps.show(d, focus, c);
            showGic(d, c);
            return null;
        });
        showCpus(session.status().cpus());
    }

    private void showGic(Debugger d, int c) {
        var gic = d.machine().gic().inspect();
        List<MachineEvent> path = InterruptPath.last(d.recorder(), c);
        gicView.show(gic, c, InterruptPath.id(path));
        gicPath.removeAll();
        if (path.isEmpty()) {
            gicPath.add(new Div("No interrupt has moved on CPU" + c + " yet."));
        }
        for (MachineEvent e : path) {
            Div step = new Div(String.format("%12d  CPU%d  %s", e.cycle(), e.cpu(), e.describe()));
            step.addClassName("path-step");
            gicPath.add(step);
        }
        List<String> lines = new ArrayList<>();
        lines.addAll(gic.distributor().describe());
        lines.addAll(gic.cpuInterfaces().get(c).describe());
        lines.addAll(gic.virtualInterfaces().get(c).describe());
        gicLines.setText(String.join("\n", lines));
    }

    // ---- page tables -------------------------------------------------------------------------------

    private void explainTyped() {
        String text = va.getValue().trim().toLowerCase().replaceFirst("^0x", "");
        if (!text.matches("[0-9a-f]{1,8}")) {
            walkLines.setText("'" + va.getValue() + "' is not a 32-bit address in hex (e.g. c0000100)");
            walkView.clear();
            return;
        }
        walkAddress((int) Long.parseLong(text, 16));
    }

    static final String GUEST_REGIME = "the guest: its stage 1, then stage 2 (PL1&0)",
            HYP_REGIME = "the hypervisor: Hyp mode's stage 1";

    /** Walks a guest address through both stages (a fault address clicked in a trap's detail). */
    void explainAddress(int address) {
        walkRegime.setValue(GUEST_REGIME);
        walkAddress(address);
    }

    /** Walks {@code address} in the regime picked, with the selected CPU's registers, and shows it. */
    private void walkAddress(int address) {
        if (session == null) {
            return;
        }
        va.setValue(String.format("%08x", address));
        tabs.setSelectedIndex(1);
        int c = cpu();
        Regime regime = HYP_REGIME.equals(walkRegime.getValue()) ? Regime.HYP : Regime.PL10;
        Explanation e = session.read(d -> d.machine().cpus().get(c).mmu.explain(regime,
                Integer.toUnsignedLong(address), Perm.READ, true));
        walkView.show(e);
        walkLines.setText(String.join("\n", e.lines()));
    }

    // ---- breakpoints ---------------------------------------------------------------------------------

    private Set<Integer> breakpointLines(Space space, Where w) {
        Set<Integer> lines = new TreeSet<>();
        String file = w.source().map(l -> l.file()).orElse("");
        breakpoints.forEach((key, list) -> {
            String[] parts = key.split("\\|", 2);
            if (parts[0].equals(space.label()) && parts[1].startsWith(file + ":")) {
                lines.add(Integer.parseInt(parts[1].substring(file.length() + 1)));
            }
        });
        return lines;
    }

    private void toggleBreakpoint(String file, int line) {
        if (session == null) {
            return;
        }
        Space space = session.status().cpus().get(cpu()).space();
        String key = space.label() + "|" + file + ":" + line;
        if (breakpoints.containsKey(key)) {
            breakpoints.remove(key).forEach(session::removeBreakpoint);
            showBreakpoints();
            refreshPanes(null);
            return;
        }
        addBreakpoint(space, file + ":" + line);
        refreshPanes(null);
    }

    private void addTypedBreakpoint() {
        String where = bpWhere.getValue().trim();
        if (where.isEmpty()) {
            bpError.setText("Say where: file.c:LINE, a function, or an address.");
            return;
        }
        if (session == null) {
            bpError.setText("Boot a scenario first.");
            return;
        }
        if (addBreakpoint(Space.parse(Optional.ofNullable(bpSpace.getValue()).orElse("hypervisor")), where)) {
            bpWhere.clear();
        }
    }

    /** Adds a breakpoint; says why not (in the breakpoints tab) when it cannot be. */
    boolean addBreakpoint(Space space, String where) {
        bpError.setText("");
        try {
            List<Breakpoint> added = session.addBreakpoint(space, where);
            breakpoints.put(space.label() + "|" + where, added);
            showBreakpoints();
            return true;
        } catch (LabException e) {
            bpError.setText(e.getMessage());
            tabs.setSelectedIndex(4);
            return false;
        }
    }

    String breakpointError() {
        return bpError.getText();
    }

    private void showBreakpoints() {
        bpList.removeAll();
        breakpoints.forEach((key, list) -> {
            Div row = new Div();
            row.addClassName("bp-row");
            String text = list.stream().map(Breakpoint::describe).reduce((a, b) -> a + "; " + b).orElse(key);
            Button remove = new Button("Remove", e -> {
                breakpoints.remove(key).forEach(session::removeBreakpoint);
                showBreakpoints();
                refreshPanes(null);
            });
            row.add(new Span(text), remove);
            bpList.add(row);
        });
    }
}
