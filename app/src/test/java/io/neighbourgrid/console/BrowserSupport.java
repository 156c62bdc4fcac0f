package io.neighbourgrid.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Finds the headless browser for the console's end-to-end test: Debian's {@code chromium} and its
 * {@code chromedriver} (packages {@code chromium} and {@code chromium-driver}, installed by
 * {@code scripts/install-browser.sh}). Both are given to Selenium explicitly, so Selenium Manager never looks for,
 * or downloads, a browser or a driver.
 *
 * <p>Where: {@code NEIGHBOURGRID_CHROMIUM} and {@code NEIGHBOURGRID_CHROMEDRIVER} when set; otherwise
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; otherwise {@code chromium},
 * {@code chromium-browser} and {@code chromedriver} on the {@code PATH}. When they are missing the test fails with
 * the reason under {@code CI=true} and is skipped with the reason otherwise.
 */
final class BrowserSupport {
    /**
     * Selenium warns that it has no DevTools implementation for this Chromium's version; the test does not use
     * DevTools. Held so that java.util.logging keeps the level.
     */
    private static final java.util.logging.Logger DEVTOOLS = quiet("org.openqa.selenium.devtools");

    private BrowserSupport() {
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    /**
     * The two executables.
     *
     * @param chromium     the browser
     * @param chromedriver its driver
     */
    record Browser(Path chromium, Path chromedriver) {
    }

    /** The browser, or empty with nothing found. */
    static Optional<Browser> find() {
        Optional<Path> chromium = executable("NEIGHBOURGRID_CHROMIUM", "/usr/bin/chromium",
                List.of("chromium", "chromium-browser"));
        Optional<Path> driver = executable("NEIGHBOURGRID_CHROMEDRIVER", "/usr/bin/chromedriver",
                List.of("chromedriver"));
        if (chromium.isEmpty() || driver.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Browser(chromium.get(), driver.get()));
    }

    /** Why no browser was found: what was looked for, and how to install it. */
    static String missingReason() {
        String chromium = System.getenv("NEIGHBOURGRID_CHROMIUM");
        String driver = System.getenv("NEIGHBOURGRID_CHROMEDRIVER");
        return "headless Chromium is not installed: looked for "
                + (chromium == null || chromium.isBlank() ? "/usr/bin/chromium or chromium/chromium-browser on the PATH"
                : "NEIGHBOURGRID_CHROMIUM=" + chromium)
                + " and " + (driver == null || driver.isBlank() ? "/usr/bin/chromedriver or chromedriver on the PATH"
                : "NEIGHBOURGRID_CHROMEDRIVER=" + driver)
                + "; run scripts/install-browser.sh as root (apt-get install chromium chromium-driver)";
    }

    /**
     * The browser, or {@code null} when it is missing outside CI (the caller then skips its tests, see
     * {@link #skipWithout}); fails under {@code CI=true} when it is missing.
     */
    static Browser requireInCi() {
        Optional<Browser> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and " + missingReason());
        }
        return null;
    }

    /** Skips the current test, with the reason, when {@code browser} is missing. */
    static void skipWithout(Browser browser) {
        Assumptions.assumeTrue(browser != null, BrowserSupport::missingReason);
    }

    /**
     * A headless Chromium session, its profile in {@code profile}.
     *
     * @param browser the executables
     * @param profile a fresh directory for the browser's profile
     */
    static ChromeDriver start(Browser browser, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--lang=en-GB",
                "--window-size=1280,1800", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(browser.chromedriver().toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static Optional<Path> executable(String variable, String standard, List<String> names) {
        String override = System.getenv(variable);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Path p = Path.of(standard);
        if (Files.isExecutable(p)) {
            return Optional.of(p);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
