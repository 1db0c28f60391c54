package org.hyplab.ui.lab;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hyplab.app.AppContext;
import org.hyplab.app.BuildInfo;
import org.hyplab.app.Database;
import org.hyplab.lab.SessionStatus;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;

/**
 * The Lab's logic without a browser (Karibu): booting, a control run on the worker and its
 * status coming back through {@code ui.access}, the panes it fills, and bad input answered in
 * words. The project is the repository itself, whose ARM build the Maven build made.
 */
class LabViewTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(dir.resolve("data"));
        AppContext.install(AppContext.load(new BuildInfo("9.9.9-test"), TestProject.repositoryRoot(), database));
        MockVaadin.setup(new Routes().autoDiscoverViews("org.hyplab.ui"));
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
        database.close();
    }

    private LabView open(String board, String... guests) {
        UI.getCurrent().navigate("lab", new QueryParameters(Map.of("board", List.of(board), "guest", List.of(guests))));
        return _get(LabView.class);
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    /** Waits for the control to stop, then lets the pushed statuses reach the view. */
    private static void awaitStop(LabView view) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SessionStatus s = view.session().status();
        while (s.running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = view.session().status();
        }
        assertFalse(s.running(), "still running: " + s);
        MockVaadin.clientRoundtrip(false);
    }

    @Test
    void runToTheNextTrapShowsHelloFirstHypercallDecoded() throws Exception {
        LabView view = open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        assertEquals("", view.errorText());
        assertTrue(text("lab-status").startsWith("booted"), text("lab-status"));

        _click(button("lab-next-trap"));
        awaitStop(view);

        // HVC #0xEA1 from the guest: EC 0x12 [31:26], IL 1 [25], imm16 [15:0] (ARM ARM B3.13.6)
        int hsr = 0x12 << 26 | 1 << 25 | 0xEA1;
        String detail = text("lab-trap-detail");
        assertTrue(detail.contains(String.format("HSR 0x%08x: HVC (EC 0x12)", hsr)), detail);
        assertTrue(detail.contains("imm16 [15:0] = 0xea1"), detail);
        assertTrue(detail.contains("hypercall 18 console_io"), detail);
        assertTrue(text("lab-status").contains("stopped: trap:"), text("lab-status"));
        // The CPU stopped at the Hyp vector, in the hypervisor; its HSR is in the registers pane, taken apart.
        assertTrue(text("lab-cpus").contains("HYP, hypervisor"), text("lab-cpus"));
        Details hsrRegister = _get(Details.class, spec -> spec.withAttribute("data-reg", "HSR"));
        String registers = hsrRegister.getElement().getTextRecursively();
        assertTrue(registers.contains(String.format("HSR = %08x", hsr)), registers);
        assertTrue(registers.contains("EC [31:26] = 0x12: HVC"), registers);

        // The hypervisor said where console input goes: to itself first, as on Xen.
        _get(TabSheet.class).setSelectedIndex(3);
        assertEquals("input goes to the hypervisor", text("lab-input-focus"));
        _get(TabSheet.class).setSelectedIndex(0);

        // On to the next trap, then back to this one: the replay stops at the same instruction.
        long retired = view.session().status().retired();
        _click(button("lab-next-trap"));
        awaitStop(view);
        long second = view.session().status().retired();
        assertTrue(second > retired);
        view.trapsPane().showDetail(view.trapsPane().traps().getFirst());
        _click(_get(Button.class, spec -> spec.withId("lab-trap-goto")));
        awaitStop(view);
        assertEquals(retired, view.session().status().retired());
        int hsrNow = view.session().read(d -> d.machine().cpus().get(0).sys.hsr);
        assertEquals(hsr, hsrNow);
    }

    @Test
    void aStepHighlightsTheRegistersItChanged() throws Exception {
        LabView view = open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        _click(button("lab-step-insn"));
        awaitStop(view);
        Div pc = _get(Div.class, spec -> spec.withAttribute("data-reg", "pc"));
        assertTrue(pc.hasClassName("changed"), "the PC moved and is highlighted");
        assertTrue(text("lab-disasm").contains(":"), text("lab-disasm"));
    }

    @Test
    void aScenarioThatCannotBootSaysWhy() {
        LabView view = open("vexpress-a15", "nosuchguest");
        _click(button("lab-boot"));
        assertTrue(view.errorText().contains("unknown guest 'nosuchguest'"), view.errorText());
        assertNull(view.session());
        assertFalse(button("lab-next-trap").isEnabled());

        // A guest must be a name from the catalog: no file of the server can be booted from a URL.
        open("vexpress-a15", "/etc/passwd");
        _click(button("lab-boot"));
        assertTrue(view.errorText().contains("a guest is a name from hypervisor/guests, not '/etc/passwd'"), view.errorText());
        assertNull(view.session());

        open("vexpress-a15");
        LabView empty = _get(LabView.class);
        _click(button("lab-boot"));
        assertTrue(empty.errorText().contains("a scenario runs 1 to 8 guests, not 0"), empty.errorText());
    }

    @Test
    void aBreakpointThatMeansNothingSaysWhy() throws Exception {
        LabView view = open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        _get(TabSheet.class).setSelectedIndex(4);
        _setValue(_get(TextField.class, spec -> spec.withId("lab-bp-where")), "no_such_function");
        _click(button("lab-bp-add"));
        assertEquals("'no_such_function' is no line, function or address of hypervisor", view.breakpointError());
        // A real one is taken, and a run stops there.
        _setValue(_get(TextField.class, spec -> spec.withId("lab-bp-where")), "do_hypercall");
        _click(button("lab-bp-add"));
        assertEquals("", view.breakpointError());
        _click(button("lab-run"));
        awaitStop(view);
        assertTrue(text("lab-status").contains("breakpoint do_hypercall"), text("lab-status"));
        assertTrue(text("lab-source-file").startsWith("hypervisor/hypercall.c:"), text("lab-source-file"));

        // The gutter toggles a breakpoint on its line: on, then off again.
        int line = Integer.parseInt(text("lab-source-file").replaceAll(".*:", ""));
        Div row = _get(Div.class, spec -> spec.withClasses("src-line").withAttribute("data-line", Integer.toString(line)));
        _click(_get(row, Span.class, spec -> spec.withClasses("gutter")));
        assertTrue(row.hasClassName("bp"));
        assertTrue(text("lab-bp-list").contains("hypercall.c:" + line), text("lab-bp-list"));
        _click(_get(row, Span.class, spec -> spec.withClasses("gutter")));
        assertFalse(row.hasClassName("bp"));
        assertFalse(text("lab-bp-list").contains("hypercall.c:" + line), text("lab-bp-list"));
    }

    @Test
    void theHypervisorsOwnAddressesWalkItsStageOne() throws Exception {
        LabView view = open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        _click(button("lab-next-trap"));
        awaitStop(view);
        // The hypervisor maps itself one to one (its console: "Hyp stage 1: ... (identity map)"):
        // the PC it stopped at translates to itself.
        int pc = view.session().status().cpus().get(0).pc();
        _get(TabSheet.class).setSelectedIndex(1);
        _setValue(_get(Select.class, spec -> spec.withId("lab-walk-regime")), LabView.HYP_REGIME);
        _setValue(_get(TextField.class, spec -> spec.withId("lab-va")), String.format("%08x", pc));
        _click(button("lab-walk"));
        String walk = text("lab-walk-lines");
        assertTrue(walk.startsWith("Hyp (PL2) stage 1"), walk);
        assertTrue(walk.contains(String.format("result: 0x%x ", Integer.toUnsignedLong(pc))), walk);
    }

    @Test
    void resetBootsTheScenarioAgain() throws Exception {
        LabView view = open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        _click(button("lab-next-trap"));
        awaitStop(view);
        assertTrue(view.session().status().retired() > 0);
        _click(button("lab-reset"));
        MockVaadin.clientRoundtrip(false);
        assertEquals(0, view.session().status().retired());
        assertTrue(text("lab-status").startsWith("booted"), text("lab-status"));
    }

    @Test
    void aBadAddressForThePageTablesSaysWhy() {
        open("vexpress-a15", "hello");
        _click(button("lab-boot"));
        _get(TabSheet.class).setSelectedIndex(1);
        _setValue(_get(TextField.class, spec -> spec.withId("lab-va")), "zz");
        _click(button("lab-walk"));
        assertEquals("'zz' is not a 32-bit address in hex (e.g. c0000100)", text("lab-walk-lines"));
    }
}
