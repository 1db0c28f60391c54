package org.hyplab.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright: no browser download
 * (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), the executable given, and no network beyond loopback.
 */
final class Chromium {

    /** Debian's chromium package; overridable for other machines with -Dhyplab.chromium=PATH. */
    static final Path EXECUTABLE = Path.of(System.getProperty("hyplab.chromium", "/usr/bin/chromium"));

    private Chromium() {
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                // This machine has no network beyond loopback: keep Chromium from trying.
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }
}
