package io.tiersim.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.validation.PublishedManifest;
import io.tiersim.simulator.validation.PublishedValidation;
import io.tiersim.simulator.validation.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportTest {
  static Scenario quickstart;
  static ValidationReport validation;

  static ValidationReport validation() {
    if (validation == null) {
      Path home = TiersimHome.root();
      validation = new PublishedValidation(ScenarioLoader.bundled(), home)
          .run(PublishedManifest.load(home.resolve("validation/published/manifest.yaml")));
    }
    return validation;
  }

  @BeforeAll
  static void load() {
    quickstart = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve("quickstart.yaml"));
  }

  @TempDir Path dir;

  @Test
  void write_htmlHasEveryChartInline_markdownPointsAtTheSvgFiles() throws Exception {
    Report.Written w = Report.write(quickstart, null, validation(), dir);
    String html = Files.readString(w.html());
    List<String> ids = List.of("throughput-vs-context", "tpot-vs-context", "memory-gpu", "memory-cpu", "roofline",
        "time-prefill", "time-decode", "layers", "validation");
    assertThat(w.charts()).isEqualTo(ids.size());
    String md = Files.readString(w.markdown());
    for (String id : ids) {
      assertThat(html).contains("<svg id='" + id + "'");
      assertThat(md).contains("(charts/" + id + ".svg)");
      assertThat(Files.readString(dir.resolve("charts").resolve(id + ".svg"))).startsWith("<?xml").contains("<svg");
    }
  }

  @Test
  void html_loadsNothing_andForbidsFetchingAnything() {
    String html = Report.html(quickstart, null, null);
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"'](?!#)").matcher(html).find()).as("external references").isFalse();
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("@import");
  }

  @Test
  void strategyTable_showsEachStrategysQualityLoss_unknownWhereTheTableDoesNotCoverIt() {
    ReportTables.Table t = ReportTables.strategies(ReportData.of(quickstart, null, null));
    assertThat(t.header()).endsWith("quality loss");
    java.util.Map<String, String> loss = new java.util.HashMap<>();
    t.rows().forEach(row -> loss.put(row.get(0), row.get(row.size() - 1)));
    assertThat(loss).containsEntry("full-fp16", "0 %").containsEntry("kivi-2", "0.81 %")
        .containsEntry("gear", "0.3 % *").containsEntry("qserve-w4a8kv4", "unknown").containsEntry("shadowkv", "unknown");
    assertThat(Report.html(quickstart, null, null)).contains("quality loss").contains("method-losses.yaml");
  }

  @Test
  void html_isTheSameEachTime() {
    assertThat(Report.html(quickstart, "kivi-2", null)).isEqualTo(Report.html(quickstart, "kivi-2", null));
  }

  @Test
  void contexts_spanTheWindow_evenOnShortWindows() {
    assertThat(ReportData.contexts(1024, 131072)).hasSize(12).startsWith(1280).endsWith(131072).isSorted();
    assertThat(ReportData.contexts(2048, 4096)).hasSizeGreaterThan(4).allMatch(c -> c > 2048 && c <= 4096);
    assertThat(ReportData.contexts(8192, 4096)).isEmpty();
  }

  @Test
  void focus_prefersAStrategyWithPerLayerOverrides() {
    assertThat(ReportData.perLayer(quickstart.strategies().get(0))).isFalse();
    assertThat(ReportData.focus(quickstart, null).layers().stream().map(ReportData::policy).distinct().count()).isGreaterThan(1);
    assertThat(ReportData.focus(quickstart, "kivi-2").name()).isEqualTo("kivi-2");
  }
}
