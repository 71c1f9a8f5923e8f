package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, driven headless through its chromedriver, for tests that look at a report the way a person does.
 * Missing Chromium fails the test ({@code ./dev/test} installs it): a report nobody checked in a browser is not tested.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Test artifacts: a look at each page as the test saw it. */
    static final Path SCREENSHOTS = Path.of("target", "report-screenshots").toAbsolutePath();

    /** For every canvas a chart claims: its Chart.js instance, how many values it holds, how many pixels it painted. */
    private static final String CHARTS = """
            return Array.from(document.querySelectorAll('canvas[data-chart]')).map(function (canvas) {
              var id = canvas.dataset.chart;
              var chart = window.nightshiftCharts ? window.nightshiftCharts[id] : undefined;
              var values = 0;
              if (chart) {
                chart.data.datasets.forEach(function (d) {
                  d.data.forEach(function (v) { if (v !== null && v !== undefined) { values++; } });
                });
              }
              var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              var painted = 0;
              for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
              return { id: id, instance: !!chart && Chart.getChart(canvas) === chart, values: values, painted: painted };
            });
            """;

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser that may reach this machine's servers (the sink's API on 127.0.0.1). */
    static HeadlessChromium online() {
        return start(List.of());
    }

    /**
     * A browser with no network at all: every host name fails to resolve, and every request — loopback included — goes
     * to a proxy at a port nothing listens on. A page that opens and draws here needs nothing beyond itself.
     */
    static HeadlessChromium offline() {
        return start(List.of(
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>"));
    }

    private static HeadlessChromium start(List<String> network) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with ./dev/test "
                    + "(apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> args = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps"));
        args.addAll(network);
        options.addArguments(args);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Whether the page at {@code url} loads (a sink's health answer), or the browser cannot get there. */
    boolean reaches(String url) {
        try {
            driver.get(url);
            return driver.getPageSource().contains("\"status\":\"UP\"");
        } catch (WebDriverException e) {
            return false;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> charts() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript(CHARTS);
    }

    Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    /**
     * Every chart on the page was drawn by Chart.js from at least one value, on a canvas it painted; and the page drew
     * exactly the charts named (a chart whose section had nothing says so in words instead).
     */
    void assertChartsDrawn(String... ids) {
        List<Map<String, Object>> charts = charts();
        assertThat(charts).extracting(c -> c.get("id")).containsExactlyInAnyOrder((Object[]) ids);
        assertThat(charts).allSatisfy(c -> {
            assertThat(c.get("instance"))
                    .as("Chart.js instance of %s", c.get("id"))
                    .isEqualTo(true);
            assertThat(((Number) c.get("values")).longValue())
                    .as("values of %s", c.get("id"))
                    .isPositive();
            assertThat(((Number) c.get("painted")).longValue())
                    .as("painted pixels of %s", c.get("id"))
                    .isPositive();
        });
    }

    /** What the page logged as errors (a script error, a request the page's policy blocked, a failed load). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    /** The whole page as a PNG under {@link #SCREENSHOTS}: the window grows to the page's height first. */
    Path screenshot(String name) throws IOException {
        long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height, 800), 12_000)));
        // Chart.js redraws on resize in the next frame; let it.
        script(
                "return new Promise(function (done) { requestAnimationFrame(function () { requestAnimationFrame(done); }); });");
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
