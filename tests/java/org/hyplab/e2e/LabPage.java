package org.hyplab.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.testing.TestProject;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Page object for the Lab, so the tests read like what a student does there. */
final class LabPage {

    /** Where the screenshots of each state go; the test run keeps them for review. */
    static final Path SCREENSHOTS = TestProject.repositoryRoot().resolve("target/screenshots");
    /** How long a control may take to stop (the machine shares two cores with the build). */
    private static final double STOP_TIMEOUT_MS = 120_000;

    private final Page page;

    private LabPage(Page page) {
        this.page = page;
    }

    /** Opens the Lab with a scenario picked ({@code /lab?board=...&guest=...}) and boots it. */
    static LabPage boot(Page page, String url, String board, String... guests) {
        StringBuilder q = new StringBuilder(url + "lab?board=" + board);
        for (String g : guests) {
            q.append("&guest=").append(g);
        }
        page.navigate(q.toString());
        page.locator(".lab").waitFor();
        LabPage lab = new LabPage(page);
        String before = lab.version();
        page.locator("#lab-boot").click();
        lab.awaitVersionAfter(before);
        return lab;
    }

    Page page() {
        return page;
    }

    String version() {
        String v = page.locator("#lab-status").getAttribute("data-version");
        return v == null ? "" : v;
    }

    private void awaitVersionAfter(String before) {
        page.waitForFunction("before => { const s = document.querySelector('#lab-status');"
                + " return s && s.getAttribute('data-version') !== before && s.getAttribute('data-running') === 'false'; }",
                before, new Page.WaitForFunctionOptions().setTimeout(STOP_TIMEOUT_MS));
    }

    /** Presses a control's button ("lab-next-trap", "lab-step-line", ...) and waits until it stops. */
    LabPage control(String id) {
        String before = version();
        page.locator("#" + id).click();
        // The start publishes "running"; wait for a newer status that is stopped.
        page.waitForFunction("before => { const s = document.querySelector('#lab-status');"
                + " return s.getAttribute('data-version') !== before; }", before);
        awaitVersionAfter(before);
        return this;
    }

    /** Presses a control's keyboard shortcut ("Alt+t") and waits until it stops. */
    LabPage key(String keys) {
        String before = version();
        page.keyboard().press(keys);
        page.waitForFunction("before => { const s = document.querySelector('#lab-status');"
                + " return s.getAttribute('data-version') !== before; }", before);
        awaitVersionAfter(before);
        return this;
    }

    String status() {
        return page.locator("#lab-status").innerText();
    }

    String cpus() {
        return page.locator("#lab-cpus").innerText();
    }

    LabPage tab(String name) {
        Locator tab = page.locator("vaadin-tab", new Page.LocatorOptions().setHasText(name));
        tab.click();
        page.waitForFunction("t => t.hasAttribute('selected')", tab.elementHandle());
        return this;
    }

    String trapDetail() {
        return page.locator("#lab-trap-detail").innerText();
    }

    /** "hypervisor/hypercall.c:265". */
    String sourceFile() {
        return page.locator("#lab-source-file").innerText();
    }

    /** The line the source pane highlights. */
    int currentLine() {
        return Integer.parseInt(page.locator("#lab-source .src-line.current").getAttribute("data-line"));
    }

    LabPage breakpoint(String space, String where) {
        tab("Breakpoints");
        if (!space.equals("hypervisor")) {
            page.locator("#lab-bp-space").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(space).setExact(true)).click();
        }
        page.locator("#lab-bp-where input").fill(where);
        page.locator("#lab-bp-add").click();
        page.waitForFunction("w => document.querySelector('#lab-bp-list').textContent.includes(w)"
                + " || document.querySelector('#lab-bp-error').textContent !== ''", where);
        String error = page.locator("#lab-bp-error").textContent();
        if (!error.isEmpty()) {
            throw new AssertionError("breakpoint " + where + " in " + space + " refused: " + error);
        }
        return this;
    }

    /** The page-table view's walk of {@code va}, as lines of text. */
    String walk(String va) {
        tab("Page tables");
        page.locator("#lab-va input").fill(va);
        page.locator("#lab-walk").click();
        page.locator("#lab-walk-lines", new Page.LocatorOptions().setHasText("0x" + va)).waitFor();
        return page.locator("#lab-walk-lines").innerText();
    }

    /** The drawn walk's boxes of one stage. */
    Locator walkSteps(int stage) {
        return page.locator("hyplab-walk-view .step[data-stage='" + stage + "']");
    }

    /** The rows of one part of the drawn GIC ("distributor", "list-registers", ...). */
    Locator gicRows(String part) {
        return page.locator("hyplab-gic-view [data-part='" + part + "'] .row");
    }

    /** A console's text ("uart", "hypervisor", "d1"); its tab must be open (TabSheet attaches only the selected tab). */
    String console(String name) {
        Locator l = page.locator("#lab-console-" + name);
        l.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        return l.textContent();
    }

    void screenshot(String name) throws java.io.IOException {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    List<String> consoleNames() {
        return page.locator("#lab-consoles pre").all().stream().map(p -> p.getAttribute("id")).toList();
    }
}
