package io.neighbourgrid.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Auditor;
import io.neighbourgrid.billing.BillingClient;
import io.neighbourgrid.embedded.EmbeddedChainEvidence;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.WindowRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page in a real headless Chromium (Debian's, through its chromedriver): what it shows of a simulated
 * day, read from the page and checked against the ledger through the market client.
 */
class ConsoleBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path profile;

    private static ConsoleDay day;
    private static ChromeDriver driver;

    private static BrowserSupport.Browser browser;

    @BeforeAll
    static void openThePage() throws Exception {
        browser = BrowserSupport.requireInCi();
        if (browser == null) {
            return; // every test is skipped with the reason
        }
        day = ConsoleDay.shared();
        day.console.refresh();
        driver = BrowserSupport.start(browser, profile);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void load() {
        BrowserSupport.skipWithout(browser);
        driver.get(day.console.uri().toString());
        waitFor("the page's first poll", () -> !driver.findElement(By.id("current-window")).getText().equals("–")
                && driver.findElements(By.cssSelector("#windows tbody tr")).size() == day.openWindow + 1);
    }

    @Test
    void theCurrentWindowAndItsPhaseAreTheLedgers() throws Exception {
        long shown = Long.parseLong(driver.findElement(By.id("current-window")).getText().strip());
        String phase = driver.findElement(By.id("current-phase")).getText().strip();
        WindowRecord onLedger = day.ledger.windowStatus(shown).orElseThrow().window();
        assertEquals(day.openWindow, shown);
        assertEquals(onLedger.phase().name(), phase);
        assertTrue(day.ledger.windowStatus(shown + 1).isEmpty(), "the page's current window is the latest");
        WebElement active = driver.findElement(By.cssSelector("#phase-steps li.active"));
        assertEquals(onLedger.phase().name(), active.getAttribute("data-phase"));
        assertEquals(String.valueOf(day.openWindow), driver.findElement(By.id("open-windows")).getText().strip());
    }

    @Test
    void theRecentWindowsAreTheLedgersNewestFirst() throws Exception {
        List<WebElement> rows = driver.findElements(By.cssSelector("#windows tbody tr"));
        assertEquals(day.openWindow + 1, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            long t = Long.parseLong(row.getAttribute("data-window"));
            assertEquals(day.openWindow - i, t, "rows are newest first");
            WindowRecord w = day.ledger.windowStatus(t).orElseThrow().window();
            assertEquals(w.phase().name(), cell(row, "phase"), "phase of window " + t);
            String clearing = w.outcome() == null ? "–" : w.outcome().clearing().name();
            assertEquals(clearing, cell(row, "clearing"), "clearing of window " + t);
            if (w.outcome() != null && w.outcome().price() != null) {
                double cents = Double.parseDouble(cell(row, "price"));
                assertEquals(w.outcome().price() / 1e6, cents, 0.0006, "price of window " + t);
            } else {
                assertEquals("–", cell(row, "price"));
            }
            String coalitions = w.coalitions() == null ? "–" : w.coalitions().sellers().size() + " / "
                    + w.coalitions().buyers().size() + " / " + w.coalitions().offMarket().size();
            assertEquals(coalitions, cell(row, "coalitions"), "coalitions of window " + t);
        }
    }

    @Test
    void auditingAWindowShowsTheAuditorsVerdict() throws Exception {
        long t = 0;
        for (long w = 0; w < day.openWindow; w++) {
            WindowRecord r = day.ledger.windowStatus(w).orElseThrow().window();
            if (r.outcome() != null && r.outcome().clearing() != Clearing.GRID_ONLY) {
                t = w;
                break;
            }
        }
        driver.findElement(By.cssSelector("button.audit[data-window='" + t + "']")).click();
        WebElement result = driver.findElement(By.id("audit-result"));
        waitFor("the audit of window " + t, () -> "done".equals(result.getAttribute("data-state")));
        AuditReport expected = new Auditor(day.ledger, new BillingClient(day.ledger.ledger(), day.ledger.channel()),
                new EmbeddedChainEvidence(day.provider.ledger().engine())).auditWindow(t);
        assertEquals(String.valueOf(t), result.getAttribute("data-window"));
        assertEquals(expected.verdict(), driver.findElement(By.id("audit-verdict")).getText().strip());
        assertEquals("PASS", driver.findElement(By.id("audit-verdict")).getText().strip());
        assertEquals(expected.evidenceHash(), driver.findElement(By.id("audit-hash")).getText().strip());
        assertEquals("window " + t, driver.findElement(By.id("audit-subject")).getText().strip());
        List<WebElement> findings = driver.findElements(By.cssSelector("#audit-findings li"));
        assertEquals(expected.findings().size(), findings.size());
        assertTrue(findings.get(0).getText().contains(expected.findings().get(0).check()),
                findings.get(0).getText());
        screenshot("console-audit.png");
    }

    @Test
    void theSuspendedHomeAndTheMarketAreShown() throws Exception {
        waitFor("the suspended home", () -> !driver.findElements(By.cssSelector("#suspended tbody tr[data-home='"
                + day.silentHome + "']")).isEmpty());
        WebElement row = driver.findElement(By.cssSelector("#suspended tbody tr[data-home='" + day.silentHome
                + "']"));
        HomeRecord home = day.ledger.home(day.silentHome).orElseThrow();
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals(day.silentHome, cells.get(0).getText().strip());
        assertEquals(String.valueOf(home.suspension().window()), cells.get(1).getText().strip());
        assertEquals(home.suspension().reason().name(), cells.get(2).getText().strip());
        assertEquals(1, driver.findElements(By.cssSelector("#suspended tbody tr")).size());

        waitFor("the market configuration", () -> driver.findElements(By.cssSelector("#market-config tbody tr"))
                .size() > 0);
        String market = driver.findElement(By.id("market-config")).getText();
        assertTrue(market.contains("Registered homes " + ConsoleDay.HOMES), market);
        assertTrue(market.contains("Key size " + ConsoleDay.KEY_BITS + " bits"), market);
        screenshot("console.png");
    }

    private static String cell(WebElement row, String name) {
        return row.findElement(By.cssSelector("td." + name)).getText().strip();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100)).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not show " + what + " within " + PATIENCE.toSeconds()
                    + " s; it shows:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Keeps a screenshot in target/ for a person to look at. */
    private static void screenshot(String name) throws Exception {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
