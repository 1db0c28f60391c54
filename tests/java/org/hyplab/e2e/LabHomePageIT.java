package org.hyplab.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

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
 * The packaged server in a real browser: Debian's Chromium, headless, driven by Playwright
 * (no browser download: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, and the executable is given).
 */
class LabHomePageIT {


    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    private Page page;

    @TempDir
    Path dir;

    @BeforeAll
    static void launchBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void newPage() {
        context = browser.newContext();
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void thePageListsTheBoardsAndLessonsOfTheProject() throws Exception {
        TestProject project = TestProject.copyOfRepository(dir.resolve("project"));
        try (ServerProcess server = ServerProcess.start(project.root(), dir.resolve("data"))) {
            LabHomePage home = LabHomePage.open(page, server.url());

            assertEquals(List.of("arndale", "vexpress-a15"), home.boardIds());
            assertThat(home.board("vexpress-a15")).containsText("Versatile Express A15x2");
            assertThat(home.board("vexpress-a15")).containsText("QEMU model: -M vexpress-a15");
            assertThat(home.board("arndale")).containsText("Arndale (Exynos 5250)");
            // The Lit diagram came from the committed production bundle and drew both cores.
            assertEquals(2, home.drawnCores("vexpress-a15"));

            assertEquals(List.of("The tiniest cloud ever"), home.lessonTitles());
            assertTrue(home.version().startsWith("version "), home.version());
            assertFalse(home.hasProblems());
            // Production mode: no development tools are injected into the page.
            assertEquals(0, page.locator("vaadin-dev-tools").count());
        }
    }

    @Test
    void malformedFilesAreNamedAndTheServerStillServesTheRest() throws Exception {
        TestProject project = TestProject.copyOfRepository(dir.resolve("project"))
                .with("boards/broken.yaml", "name: Broken\nsummary: [unclosed\n")
                .with("lessons/50-lost.md", "no front matter here\n");
        try (ServerProcess server = ServerProcess.start(project.root(), dir.resolve("data"))) {
            assertTrue(server.output().contains("hyplab: warning: boards/broken.yaml:"), server.output());
            assertTrue(server.output().contains("hyplab: warning: lessons/50-lost.md:1: a lesson starts with a front matter block"),
                    server.output());

            LabHomePage home = LabHomePage.open(page, server.url());
            List<String> problems = home.problems();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("boards/broken.yaml:") && problems.get(0).contains("not valid YAML"),
                    problems.get(0));
            assertTrue(problems.get(1).startsWith("lessons/50-lost.md:1:"), problems.get(1));
            assertEquals(List.of("arndale", "vexpress-a15"), home.boardIds());
            assertEquals(List.of("The tiniest cloud ever"), home.lessonTitles());
        }
    }
}
