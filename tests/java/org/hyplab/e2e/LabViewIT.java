package org.hyplab.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyplab.testing.ServerProcess;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The Lab in a real browser (Debian's Chromium, as in {@link LabHomePageIT}) on the packaged
 * server, serving this repository with its ARM build. Each flow saves a screenshot of each state
 * under target/screenshots/. What is asserted comes from the machine and the manuals: syndromes
 * decoded here from the ARM ARM's bit positions, addresses from the guests' sources, the board
 * files and the hypervisor's own console, console lines from the reviewed transcripts.
 */
class LabViewIT {

    private static final Path ROOT = TestProject.repositoryRoot();

    private static Playwright playwright;
    private static Browser browser;
    private static ServerProcess server;

    @TempDir
    static Path data;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launch() throws Exception {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        server = ServerProcess.start(ROOT, data.resolve("data"));
    }

    @AfterAll
    static void close() throws Exception {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void newPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000));
        context.setDefaultTimeout(60_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    /** The HSR value a trap detail shows ("HSR 0x4a000ea1: ..."). */
    private static int hsrShown(String detail) {
        Matcher m = Pattern.compile("HSR 0x([0-9a-f]{8})").matcher(detail);
        assertTrue(m.find(), detail);
        return (int) Long.parseLong(m.group(1), 16);
    }

    @Test
    void runToTheNextTrapLandsOnHelloHypercallWithItsSyndromeDecoded() throws Exception {
        List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> sockets.add(ws.url()));
        LabPage lab = LabPage.boot(page, server.url(), "vexpress-a15", "hello");
        lab.screenshot("1-hello-booted");
        lab.control("lab-next-trap");
        lab.screenshot("1-hello-first-trap");

        String detail = lab.trapDetail();
        int hsr = hsrShown(detail);
        // ARM ARM B3.13.6: EC [31:26], IL [25], and for an HVC the immediate in ISS [15:0]
        assertEquals(0x12, hsr >>> 26, detail);
        assertEquals(1, hsr >>> 25 & 1, detail);
        assertEquals(0xEA1, hsr & 0xFFFF, detail);
        assertTrue(detail.contains("HVC (EC 0x12)"), detail);
        assertTrue(detail.contains("imm16 [15:0] = 0xea1"), detail);
        // Xen's hypercall number is in r12 (XEN-ABI.md §1): 18 is console_io.
        assertTrue(detail.contains("r12 = 0x00000012"), detail);
        assertTrue(detail.contains("hypercall 18 console_io"), detail);
        assertTrue(lab.cpus().contains("HYP, hypervisor"), lab.cpus());
        assertThat(page.locator("#lab-trap-grid")).containsText("console_io");

        // Alt+T is "run to the next trap": the guest's next hypercall.
        long cycle = Long.parseLong(page.locator("#lab-trap-detail").getAttribute("data-cycle"));
        lab.key("Alt+t");
        assertTrue(Long.parseLong(page.locator("#lab-trap-detail").getAttribute("data-cycle")) > cycle);
        assertTrue(lab.status().contains("stopped: trap:"), lab.status());
        // A click on the first trap's row shows that trap again.
        page.locator("#lab-trap-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(Pattern.compile("^" + cycle + "$")))
                .click();
        page.waitForFunction("c => document.querySelector('#lab-trap-detail').getAttribute('data-cycle') === c",
                Long.toString(cycle));
        assertEquals(hsr, hsrShown(lab.trapDetail()));
        // Back in time to that first hypercall: the line it printed is not printed yet.
        String firstLine = transcript("hello-vexpress-a15", 1).getFirst();
        lab.tab("Consoles");
        assertTrue(lab.console("d1").contains(firstLine), lab.console("d1"));
        lab.tab("Traps");
        page.locator("#lab-trap-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(Pattern.compile("^" + cycle + "$")))
                .click();
        lab.control("lab-trap-goto");
        lab.screenshot("1-hello-back-to-first-trap");
        assertEquals(hsr, hsrShown(lab.trapDetail()));
        assertEquals(Long.toString(cycle), page.locator("#lab-trap-detail").getAttribute("data-cycle"));
        lab.tab("Consoles");
        assertFalse(lab.console("uart").contains(firstLine), lab.console("uart"));
        // The statuses came by Push over a websocket (Vaadin's push socket names the UI).
        assertTrue(sockets.stream().anyMatch(u -> u.contains("v-uiId=")), sockets.toString());
    }

    /** The lines of hypervisor/hypercall.c that belong to do_hypercall: its signature to its closing brace. */
    private static int[] doHypercallLines() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("hypervisor/hypercall.c"));
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (first < 0 && lines.get(i).startsWith("void do_hypercall(")) {
                first = i + 1;
            } else if (first > 0 && lines.get(i).equals("}")) {
                return new int[] {first, i + 1};
            }
        }
        throw new AssertionError("no do_hypercall in hypercall.c");
    }

    @Test
    void stepsByLineThroughTheHypercallHandler() throws Exception {
        int[] span = doHypercallLines();
        LabPage lab = LabPage.boot(page, server.url(), "vexpress-a15", "hello");
        lab.breakpoint("hypervisor", "do_hypercall");
        lab.control("lab-run");
        assertTrue(lab.status().contains("breakpoint do_hypercall"), lab.status());
        assertTrue(lab.sourceFile().startsWith("hypervisor/hypercall.c:"), lab.sourceFile());
        int line = lab.currentLine();
        assertTrue(line >= span[0] && line <= span[1], line + " in " + span[0] + "-" + span[1]);
        assertEquals("hypervisor/hypercall.c:" + line, lab.sourceFile());
        lab.screenshot("2-step-0");
        // "next" stays in the handler; with -O2 it also shows the lines of what the compiler
        // inlined into it (hypercall.c's own functions and headers'), so some stops are elsewhere.
        String where = lab.sourceFile();
        Set<Integer> handlerLines = new TreeSet<>(Set.of(line));
        for (int step = 1; step <= 8 && handlerLines.size() < 4; step++) {
            lab.control("lab-next");
            String now = lab.sourceFile();
            assertNotEquals(where, now, "step " + step + " moved to another line");
            assertTrue(lab.cpus().contains("in do_hypercall+"), lab.cpus());
            int current = lab.currentLine();
            assertTrue(now.endsWith(":" + current), now + " highlights " + current);
            if (now.startsWith("hypervisor/hypercall.c:")) {
                handlerLines.add(current);
                lab.screenshot("2-step-" + step);
            }
            where = now;
        }
        assertTrue(handlerLines.size() >= 4, "hypercall.c lines stepped through: " + handlerLines);
    }

    @Test
    void aBreakpointInTheVgicShowsTheGuestsMmioAccessDecoded() throws Exception {
        LabPage lab = LabPage.boot(page, server.url(), "vexpress-a15", "vgic");
        lab.breakpoint("hypervisor", "vgic_dist_write");
        lab.control("lab-run");
        assertTrue(lab.status().contains("breakpoint vgic_dist_write"), lab.status());
        assertTrue(lab.sourceFile().startsWith("hypervisor/vgic.c:"), lab.sourceFile());
        lab.tab("Traps");
        String detail = lab.trapDetail();
        lab.screenshot("3-vgic-dist-write");

        int hsr = hsrShown(detail);
        // A data abort from the guest (EC 0x24) with a valid syndrome (ISV, bit 24): SAS [23:22]
        // the size, SRT [19:16] the register, WnR [6] the direction (ARM ARM B3.13.6).
        assertEquals(0x24, hsr >>> 26, detail);
        assertEquals(1, hsr >>> 24 & 1, detail);
        int sas = hsr >>> 22 & 3, srt = hsr >>> 16 & 0xF, wnr = hsr >>> 6 & 1;
        assertEquals(1, wnr, "vgic_dist_write handles a write: " + detail);
        String size = new String[] {"byte", "halfword", "word", "reserved"}[sas];
        assertTrue(detail.contains("SAS [23:22] = " + sas + ": " + size), detail);
        // r13-r15 go by their names: SP, LR, PC (ARM ARM A2.3)
        String register = srt == 13 ? "sp" : srt == 14 ? "lr" : srt == 15 ? "pc" : "r" + srt;
        assertTrue(detail.contains("SRT [19:16] = 0x" + Integer.toHexString(srt) + ": transfer register " + register), detail);
        assertTrue(detail.contains("WnR [6] = 1: a write"), detail);
        assertTrue(detail.contains("data abort: " + size + " write of " + register), detail);
        // The address: in the guest's distributor page, GUEST_GICD_BASE 0x03001000, 4 KiB (XEN-ABI.md §5).
        Matcher m = Pattern.compile("HDFAR \\(fault address, VA\\) = ([0-9a-f]{8})").matcher(detail);
        assertTrue(m.find(), detail);
        long va = Long.parseLong(m.group(1), 16);
        assertTrue(va >= 0x0300_1000L && va < 0x0300_2000L, Long.toHexString(va));
        assertTrue(detail.contains(String.format("IPA (HPFAR) = %09x", va)), "the guest's IPA is its VA (MMU off): " + detail);

        // The fault address is a link to its walk: no stage 1 (the guest's MMU is off) and no
        // stage 2 mapping, which is why the access trapped: a stage 2 translation fault.
        page.locator("#lab-trap-address .address-link").click();
        page.locator("#lab-walk-lines", new Page.LocatorOptions().setHasText(String.format("0x%x", va))).waitFor();
        String walk = page.locator("#lab-walk-lines").innerText();
        lab.screenshot("3-vgic-fault-walk");
        assertTrue(walk.contains("stage 1 off"), walk);
        assertTrue(walk.contains("stage 2 of 0x" + Long.toHexString(va)), walk);
        assertTrue(walk.contains("fault: "), walk);
    }

    @Test
    void thePageTableViewShowsBothStagesOfTheMmuGuestsAlias() throws Exception {
        LabPage lab = LabPage.boot(page, server.url(), "vexpress-a15", "mmu");
        // print_from_alias hands the hypervisor a string at c0000100 with the guest's
        // short-descriptor stage 1 on (hypervisor/guests/mmu/mmu.c): stop at that call.
        List<String> source = Files.readAllLines(ROOT.resolve("hypervisor/guests/mmu/mmu.c"));
        int call = source.indexOf("    console_write(at, sizeof(text) - 1);") + 1;
        assertTrue(call > 0);
        lab.breakpoint("d1", "mmu.c:" + call);
        lab.control("lab-run");
        assertTrue(lab.status().contains("breakpoint mmu.c:" + call), lab.status());
        assertTrue(lab.cpus().contains("d1"), lab.cpus());

        // Stage 2: the hypervisor put d1's 16 MiB at the address its console gives; IPA 40000000 is its start.
        lab.tab("Consoles");
        Matcher m = Pattern.compile("d1: 16 MiB of RAM at ([0-9a-f]+)").matcher(lab.console("uart"));
        assertTrue(m.find(), lab.console("uart"));
        long ram = Long.parseLong(m.group(1), 16);

        String walk = lab.walk("c0000100");
        lab.screenshot("4-mmu-walk");
        // Stage 1 (mmu.c): the first level at IPA 40100000, entry c00 (VA >> 20) at 40103000 is a
        // page table at 40104000, whose entry 0 maps the small page 40200000: IPA 40200100.
        assertTrue(walk.contains(String.format("[0x40103000 @PA 0x%x] = ", ram + 0x10_3000L)), walk);
        assertTrue(walk.contains("level 2 table at 0x40104000"), walk);
        assertTrue(walk.contains("4 KiB small page at 0x40200000"), walk);
        long pa = ram + (0x4020_0100L - 0x4000_0000L);
        assertTrue(walk.contains(String.format("result: 0x%x ", pa)), walk);
        assertTrue(walk.contains("stage 2 of 0x"), walk);
        assertTrue(lab.walkSteps(1).count() >= 2, "stage 1 drawn");
        assertTrue(lab.walkSteps(2).count() >= 2, "stage 2 drawn");
        assertThat(page.locator("hyplab-walk-view")).containsText("small page");
    }

    @Test
    void theTimerInterruptTravelsIntoAListRegister() throws Exception {
        // The virtual timer's PPI, from the board file: timer-interrupts [secure, non-secure, virtual, hyp].
        Matcher m = Pattern.compile("timer-interrupts: \\[(\\d+), (\\d+), (\\d+), (\\d+)\\]")
                .matcher(Files.readString(ROOT.resolve("boards/vexpress-a15.yaml")));
        assertTrue(m.find());
        int virtualTimer = Integer.parseInt(m.group(3));
        LabPage lab = LabPage.boot(page, server.url(), "vexpress-a15", "timer");
        lab.tab("Interrupts");
        boolean found = false;
        for (int i = 0; i < 60 && !found; i++) {
            lab.control("lab-next-irq");
            found = page.locator("hyplab-gic-view [data-part='list-registers'] .row[data-id='" + virtualTimer + "']")
                    .count() > 0;
        }
        lab.screenshot("5-timer-list-register");
        assertTrue(found, "interrupt " + virtualTimer + " never reached a list register: " + lab.status());
        assertThat(lab.gicRows("list-registers").first()).containsText("virtual " + virtualTimer);
        assertThat(page.locator("hyplab-gic-view [data-part='list-registers']")).hasClass(Pattern.compile("reached"));
        assertTrue(page.locator("#lab-gic-lines").textContent().contains("virtual " + virtualTimer));
        // The trace's steps of its way end with the hypervisor's write of the list register.
        String path = page.locator("#lab-gic-path").textContent();
        assertTrue(path.contains("virtual IRQ " + virtualTimer + ", pending"), path);
    }

    /** The domain's lines of a reviewed transcript, without their "(d1) " prefix. */
    private static List<String> transcript(String name, int lines) throws Exception {
        return Files.readAllLines(ROOT.resolve("tests/hypervisor/" + name + ".txt")).stream()
                .filter(l -> l.startsWith("(d1) ")).map(l -> l.substring(5)).limit(lines).toList();
    }

    @Test
    void twoTabsRunTwoScenariosAtOnceWithoutInterfering() throws Exception {
        List<String> hello = transcript("hello-vexpress-a15", 3);
        List<String> hog = transcript("hog-arndale", 3);
        Page other = context.browser().newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000)).newPage();
        other.context().setDefaultTimeout(60_000);
        try {
            LabPage a = LabPage.boot(page, server.url(), "vexpress-a15", "hello");
            LabPage b = LabPage.boot(other, server.url(), "arndale", "hog");
            a.tab("Consoles");
            b.tab("Consoles");
            page.locator("#lab-run").click();
            // Run and Pause pressed together (one batch of events, handled in order): the hog, which
            // could otherwise finish its tens of millions of instructions before a second click, stops
            // paused at its first slice, whatever the speed of the machine running the test.
            String running = b.version();
            other.evaluate("() => { document.querySelector('#lab-run').click(); document.querySelector('#lab-pause').click(); }");
            other.waitForFunction("v => { const s = document.querySelector('#lab-status');"
                    + " return s.getAttribute('data-version') !== v && s.getAttribute('data-running') === 'false'; }", running);
            assertTrue(b.status().startsWith("stopped: paused"), b.status());
            b.screenshot("6-tab-b-paused");
            // The other tab's machine ran on meanwhile.
            page.waitForFunction("t => { const p = document.querySelector('#lab-console-d1');"
                    + " return p && p.textContent.includes(t); }", hello.getLast());
            other.locator("#lab-run").click();
            other.waitForFunction("t => { const p = document.querySelector('#lab-console-d1');"
                    + " return p && p.textContent.includes(t); }", hog.getLast(),
                    new Page.WaitForFunctionOptions().setTimeout(120_000));
            a.screenshot("6-tab-a-hello");
            b.screenshot("6-tab-b-hog");
            for (String l : hello) {
                assertTrue(a.console("d1").contains(l), a.console("d1"));
                assertFalse(b.console("d1").contains(l), b.console("d1"));
            }
            for (String l : hog) {
                assertTrue(b.console("d1").contains(l), b.console("d1"));
                assertFalse(a.console("d1").contains(l), a.console("d1"));
            }
            assertTrue(a.console("hypervisor").contains("Board: V2P-CA15"), a.console("hypervisor"));
            assertTrue(b.console("hypervisor").contains("Board: Insignal Arndale"), b.console("hypervisor"));
        } finally {
            other.context().close();
        }
    }
}
