package io.tiersim.simulator.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled published rows, predicted with the same engines as {@code tiersim simulate}. These
 * assertions are the project's standing against the papers: memory within tolerance everywhere,
 * every time row within tolerance or explained in the manifest, the relative claims and rankings
 * the papers make reproduced in direction.
 */
final class PublishedValidationTest {
  static final Path HOME = Path.of(System.getProperty("tiersim.home", "."));
  static final ValidationReport REPORT = new PublishedValidation(ScenarioLoader.bundled(), HOME)
      .run(PublishedManifest.load(HOME.resolve("validation/published/manifest.yaml"), "manifest.yaml"));

  static RowResult row(String id) {
    return REPORT.results().stream().filter(r -> r.row().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void memoryRows_areAllWithinTwoPercent() {
    ValidationReport.Summary memory = REPORT.summary(Metric.Family.MEMORY);
    assertThat(memory.rows()).isEqualTo(14);
    assertThat(Math.abs(memory.worst().error())).isLessThanOrEqualTo(0.02);
  }

  @Test
  void everyRowOutsideItsTolerance_isExplained() {
    assertThat(REPORT.results()).filteredOn(r -> r.status() == RowResult.Status.UNEXPLAINED)
        .extracting(r -> r.row().id() + " " + Format.percent(r.error())).isEmpty();
  }

  @Test
  void explanations_standOnlyOnRowsOutsideTheirTolerance_soNoneGoesStale() {
    assertThat(REPORT.results()).filteredOn(r -> r.status() == RowResult.Status.WITHIN && r.row().explanation() != null)
        .extracting(r -> r.row().id()).isEmpty();
  }

  @Test
  void flexGensAblation_comesOutInThePublishedOrder() {
    assertThat(REPORT.rankings()).hasSize(1).allSatisfy(r -> assertThat(r.agrees()).as(r.toString()).isTrue());
    assertThat(row("flexgen-opt-30b-no-overlap").predicted()).isLessThan(row("flexgen-opt-30b").predicted());
    assertThat(row("flexgen-opt-30b-no-cpu-attention").predicted()).isLessThan(row("flexgen-opt-30b").predicted());
  }

  @Test
  void h2o_isFasterThanTheFullCache_byAboutThePublishedFactor() {
    // "Rough size": within the manifest's time tolerance, like an absolute row.
    for (String id : new String[] {"h2o-speedup-opt-6.7b-b24", "h2o-speedup-opt-13b-b4", "h2o-speedup-opt-30b-b1"}) {
      RowResult r = row(id);
      assertThat(r.predicted()).as(id).isGreaterThan(1);
      assertThat(r.status()).as(id).isEqualTo(RowResult.Status.WITHIN);
    }
  }

  @Test
  void kivi_fitsALargerBatch_andGainsThroughput() {
    assertThat(row("kivi-2-throughput-gain").predicted()).isGreaterThan(1.2);
    assertThat(row("kivi-2-peak-memory-reduction").predicted()).isGreaterThan(1.2);
  }

  @Test
  void theSmallestAllGpuRow_isWithinFivePercent() {
    // FlexGen's OPT-6.7B on the T4 is weight-read bound with nothing offloaded: the cleanest check.
    assertThat(row("flexgen-opt-6.7b").error()).isCloseTo(0, within(0.05));
  }

  @Test
  void report_listsEveryRowWithItsError_andSaysWhetherTheBarIsMet() {
    String md = REPORT.markdown();
    for (RowResult r : REPORT.results()) {
      assertThat(md).contains("| " + r.row().id() + " |");
    }
    assertThat(md).contains("Throughput bar (median |error| at most 20 %): **"
        + (REPORT.summary(Metric.Family.TIME).medianAbsError() <= 0.2 ? "met" : "not met") + "**");
  }

  @Test
  void timeRows_carryAPredictionIntervalAroundTheNominal_memoryAndRatioRowsNone() {
    for (RowResult r : REPORT.results()) {
      boolean timed = r.row().metric().family() == Metric.Family.TIME && !r.row().isRatio();
      assertThat(r.hasInterval()).as(r.row().id()).isEqualTo(timed);
      if (timed) {
        assertThat(r.low()).as(r.row().id()).isLessThanOrEqualTo(r.predicted() * (1 + 1e-9));
        assertThat(r.high()).as(r.row().id()).isGreaterThanOrEqualTo(r.predicted() * (1 - 1e-9));
      }
    }
    // The A100's two GEMM points disagree (4096^3 slower than a smaller shape), so prefill's interval is wide.
    RowResult prefill = row("h2o-opt-30b-b1-h2o-prefill");
    assertThat(prefill.low()).isLessThan(0.6 * prefill.predicted());
    long held = REPORT.absolute().stream().filter(RowResult::publishedInInterval).count();
    assertThat(REPORT.markdown()).contains("The interval holds the published value in " + held + " of "
        + REPORT.absolute().stream().filter(RowResult::hasInterval).count() + " time rows");
  }

  @Test
  void aRangeMeetsTheInterval_whenTheyOverlap() {
    PublishedRow range = new PublishedRow("r", "g", "s", "f", "a", Metric.GENERATION_TOKENS_PER_S, null,
        java.util.List.of(2.0, 4.0), null, null, null, null, null);
    assertThat(new RowResult(range, 5, 3.5, 6, 0.25, RowResult.Status.WITHIN).publishedInInterval()).isTrue();
    assertThat(new RowResult(range, 5, 4.5, 6, 0.25, RowResult.Status.WITHIN).publishedInInterval()).isFalse();
    assertThat(new RowResult(range, 5, Double.NaN, Double.NaN, 0.25, RowResult.Status.WITHIN).publishedInInterval())
        .isFalse();
  }

  @Test
  void median_isTheMiddleOfTheSortedErrors() {
    assertThat(ValidationReport.median(new double[] {0.1, 0.2, 0.9})).isEqualTo(0.2);
    assertThat(ValidationReport.median(new double[] {0.1, 0.2, 0.3, 0.9})).isCloseTo(0.25, within(1e-12));
    assertThat(ValidationReport.median(new double[0])).isNaN();
  }

  @Test
  void rangeRows_haveNoErrorInside_andTheDistanceToTheNearestEndOutside() {
    PublishedRow r = new PublishedRow("r", "g", "s", "f", "a", Metric.GENERATION_TOKENS_PER_S, null,
        java.util.List.of(2.0, 4.0), "b", null, null, null, null);
    assertThat(r.error(3)).isZero();
    assertThat(r.error(1)).isCloseTo(-0.5, within(1e-12));
    assertThat(r.error(5)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void aManifestWithAnUnknownStrategy_namesTheFileLineAndField(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        rows:
          - id: x
            group: g
            source: s
            scenario: scenarios/published/flexgen-t4-opt-6.7b.yaml
            strategy: nope
            metric: generation_tokens_per_s
            published: 1
        """);
    var doc = PublishedManifest.load(bad);
    assertThatThrownBy(() -> new PublishedValidation(ScenarioLoader.bundled(), HOME).run(doc))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad.yaml:6").hasMessageContaining("rows[0].strategy").hasMessageContaining("nope");
  }

  @Test
  void aManifestRowWithBothAValueAndARange_isRefused(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        rows:
          - {id: x, group: g, source: s, scenario: f, strategy: a, metric: peak_gpu_gib, published: 1, published_range: [1, 2]}
        """);
    assertThatThrownBy(() -> PublishedManifest.load(bad)).isInstanceOf(InputException.class)
        .hasMessageContaining("published");
  }
}
