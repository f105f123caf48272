package io.tiersim.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the quickstart's report in a real headless Chromium, offline: no console error, no
 * request beyond the page, every chart drawn at a real size, and a screenshot of the whole page
 * (kept in {@code cli/target/report-browser/}). Skipped with a message where no browser is
 * installed, unless {@code TIERSIM_REQUIRE_BROWSER=1} (set by CI, which installs one) makes a
 * missing browser a failure.
 */
final class ReportBrowserTest {
  @TempDir Path profile;

  /** The installed browser; skips the test with a message when there is none (fails instead when CI requires one). */
  static Path browserOrSkip() {
    Path browser = HeadlessChrome.find();
    if (browser == null) {
      String why = "no headless browser found (looked for TIERSIM_BROWSER, " + String.join(", ", HeadlessChrome.CANDIDATES)
          + "); install Debian's chromium (apt-get install chromium) to run this test. CI installs it in .ci/run.";
      if ("1".equals(System.getenv("TIERSIM_REQUIRE_BROWSER"))) {
        fail(why);
      }
      System.err.println("ReportBrowserTest skipped: " + why);
      Assumptions.abort(why);
    }
    return browser;
  }

  /** The checks themselves catch a page that errs or reaches out. */
  @Test
  void brokenPage_isCaught() throws Exception {
    Path browser = browserOrSkip();
    Path page = profile.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"http://tiersim.invalid/x.png\">"
        + "<script>console.error('boom'); undefinedFunction();</script></body></html>");
    String url = page.toUri().toString();
    try (HeadlessChrome chrome = new HeadlessChrome(browser, Files.createDirectories(profile.resolve("chrome")))) {
      chrome.open(url);
      assertThat(chrome.errors()).anyMatch(e -> e.contains("boom")).anyMatch(e -> e.startsWith("exception"));
      assertThat(chrome.networkRequests(url)).anyMatch(u -> u.contains("tiersim.invalid"));
    }
  }

  @Test
  void quickstartReport_opensOffline_withEveryChart_andNoConsoleError() throws Exception {
    Path browser = browserOrSkip();
    Path out = Path.of("target", "report-browser").toAbsolutePath();
    Scenario s = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve("quickstart.yaml"));
    Report.Written w = Report.write(s, null, ReportTest.validation(), out);
    String url = w.html().toUri().toString();
    try (HeadlessChrome chrome = new HeadlessChrome(browser, profile)) {
      chrome.open(url);
      JsonNode figures = chrome.evaluate("[...document.querySelectorAll('figure')].map(f => { const s = f.querySelector('svg');"
          + " const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};"
          + " return {id: s ? s.id : null, width: r.width, height: r.height, shapes: s ? s.querySelectorAll('*').length : 0}; })");
      byte[] png = chrome.screenshot();
      Files.write(out.resolve("report.png"), png);
      assertThat(chrome.errors()).as("console errors").isEmpty();
      assertThat(chrome.networkRequests(url)).as("requests beyond the page").isEmpty();
      assertThat(figures.size()).isEqualTo(w.charts());
      for (JsonNode f : figures) {
        assertThat(f.path("width").asDouble()).as("%s width", f.path("id")).isGreaterThan(300);
        assertThat(f.path("height").asDouble()).as("%s height", f.path("id")).isGreaterThan(150);
        assertThat(f.path("shapes").asInt()).as("%s drawn shapes", f.path("id")).isGreaterThan(50);
      }
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(img.getHeight()).isGreaterThan(3000);
      assertThat(nonBackgroundFraction(img)).as("the screenshot shows content").isGreaterThan(0.05);
    }
    assertThat(out.resolve("report.png")).exists();
  }

  /** Share of sampled pixels that differ from the top-left (background) colour. */
  private static double nonBackgroundFraction(BufferedImage img) {
    int bg = img.getRGB(0, 0);
    int n = 0;
    int differ = 0;
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        n++;
        if (img.getRGB(x, y) != bg) {
          differ++;
        }
      }
    }
    return (double) differ / n;
  }
}
