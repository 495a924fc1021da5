package org.supplysync.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on a 1366×768 laptop screen, driven
 * through Selenium. A missing browser fails the test: the dashboard's tests never skip.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("supplysync.it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("supplysync.it.chromedriver", "/usr/bin/chromedriver");
    /** Where the tests save a screenshot of each page; {@code -Dit.screenshots=../docs} refreshes the README's. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("supplysync.it.screenshots", "target/screenshots"));

    final WebDriver driver;
    final Path downloads;
    private final Path profile;

    Browser() {
        for (String program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new AssertionError(program + " is missing: the dashboard's browser tests need the Debian packages"
                        + " chromium and chromium-driver (.ci/run installs them)");
            }
        }
        try {
            profile = Files.createTempDirectory("chromium-profile");
            downloads = Files.createTempDirectory("chromium-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
        // the flags Chromium needs on a closed network, and a fresh profile of its own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1366,768", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(Api.BASE_URI + path);
    }

    /** Signs in through the login page; the credentials stay for the tab's session. */
    void signIn() {
        open("/dashboard/login.html");
        find("#user").sendKeys("admin");
        find("#password").sendKeys(Api.ADMIN_PASSWORD, Keys.ENTER);
        until(d -> d.getCurrentUrl().endsWith("/dashboard/index.html"));
    }

    WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to 30 seconds for the condition (the dashboard's own refreshes included); an element not there yet is waited for. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Clicks the element, found again if the page redrew it meanwhile. */
    void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Tabs forward until the element is focused, and checks that every stop on the way is a control and visibly focused. */
    void tabTo(WebElement target) {
        for (int i = 0; i < 40 && !focused().equals(target); i++) {
            press(Keys.TAB);
            assertFocusVisible();
        }
        assertThat(focused()).as("reached by the keyboard").isEqualTo(target);
    }

    void assertFocusVisible() {
        WebElement focused = focused();
        assertThat(focused.getTagName()).as("only links and form controls take the focus")
                .isIn("a", "button", "input", "select", "summary");
        assertThat(focused.getCssValue("outline-style")).as("focus visible on " + focused.getTagName()).isNotEqualTo("none");
        assertThat(focused.getCssValue("outline-width")).as("focus visible on " + focused.getTagName()).isNotEqualTo("0px");
    }

    /**
     * What every page must be: every control labelled, text at WCAG AA contrast (4.5:1) against its background, and
     * nothing wider than the laptop screen.
     */
    void assertAccessible() {
        assertThat(script("""
                return [...document.querySelectorAll('input, select, textarea, progress, button')]
                  .filter(e => e.type !== 'hidden')
                  .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() && !e.ariaLabel : !e.labels.length && !e.ariaLabel)
                  .map(e => e.outerHTML.slice(0, 120));""")).as("controls without a label").isEqualTo(List.of());
        assertThat(script("""
                const rgb = text => text.match(/[\\d.]+/g).map(Number);
                const luminance = colour => colour.slice(0, 3).map(v => v / 255)
                  .map(v => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
                  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                const background = e => {
                  for (; e; e = e.parentElement) {
                    const colour = rgb(getComputedStyle(e).backgroundColor);
                    if (colour.length < 4 || colour[3] > 0) return colour;
                  }
                  return [255, 255, 255];
                };
                return [...document.querySelectorAll('body *')]
                  .filter(e => e.checkVisibility() && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                  .map(e => {
                    const [light, dark] = [luminance(rgb(getComputedStyle(e).color)), luminance(background(e))].sort((a, b) => b - a);
                    return [e, (light + 0.05) / (dark + 0.05)];
                  })
                  .filter(([, ratio]) => ratio < 4.5)
                  .map(([e, ratio]) => `${e.tagName} "${e.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`);"""))
                .as("text below 4.5:1 contrast").isEqualTo(List.of());
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling on a 1366×768 screen").isEqualTo(true);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The page as it first shows on the laptop screen. */
    void screenshot(String name) {
        script("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        for (Path folder : List.of(profile, downloads)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }
}
