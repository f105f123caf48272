package io.tiersim.model.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python probe and the Java loader agree: a {@code --dry-run} file, written by the same
 * document assembly a GPU run uses, loads here; and the probe's own unit tests pass. Skipped
 * where there is no python3.
 */
final class ProbeDryRunTest {
  static final Path PROBE = TiersimHome.root().resolve("validation/probe");

  record Result(int code, String output) {}

  @TempDir Path dir;

  @BeforeAll
  static void needsPython() {
    assumeTrue(python("--version").code() == 0, "python3 is not installed");
  }

  static Result python(String... args) {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(TiersimHome.root().toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out + "\n(timed out)");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  @Test
  void dryRunFile_loadsWithTheJavaLoader() {
    Path out = dir.resolve("probe/m.json");
    Result r = python(PROBE.resolve("probe.py").toString(), "--dry-run", "--out", out.toString());
    assertThat(r.code()).as(r.output()).isZero();

    MeasurementFile f = MeasurementLoader.load(out).value();
    assertThat(f.mode()).isEqualTo(ProbeMode.DRY_RUN);
    assertThat(f.microbenchmarks()).hasSize(24).allSatisfy(s -> assertThat(s.status()).isEqualTo(SeriesStatus.OK));
    assertThat(f.endToEnd().settings()).anySatisfy(s -> assertThat(s.status()).isEqualTo(SettingStatus.OK));
    assertThat(f.endToEnd().settings()).anySatisfy(s -> assertThat(s.reason()).startsWith("does not fit"));
  }

  @Test
  void dryRunWithNoTimeLeft_recordsSkipsTheLoaderAccepts() {
    Path out = dir.resolve("skipped.json");
    Result r = python(PROBE.resolve("probe.py").toString(), "--dry-run", "--budget-s", "0.000001", "--out",
        out.toString());
    assertThat(r.code()).as(r.output()).isZero();

    MeasurementFile f = MeasurementLoader.load(out).value();
    assertThat(f.budget().exhausted()).isTrue();
    assertThat(f.microbenchmarks()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SeriesStatus.SKIPPED));
    assertThat(f.endToEnd().status()).isEqualTo(SeriesStatus.SKIPPED);
  }

  /** The probe's Python unit tests (standard library; the torch ones skip without torch). */
  @Test
  void pythonUnitTests_pass() {
    Result r = python("-m", "unittest", "discover", "-s", PROBE.toString(), "-p", "test_*.py");
    assertThat(r.code()).as(r.output()).isZero();
    Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(r.output());
    assertThat(ran.find()).as(r.output()).isTrue();
    assertThat(Integer.parseInt(ran.group(1))).as("python tests run").isGreaterThanOrEqualTo(30);
    assertThat(r.output()).contains("OK");
  }
}
