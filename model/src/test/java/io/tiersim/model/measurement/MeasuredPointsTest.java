package io.tiersim.model.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.LineIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MeasuredPointsTest {
  static Document<MeasurementFile> doc(String text) {
    return new Document<>("m.json", null, MeasurementLoader.parse("m.json", text), LineIndex.of(text));
  }

  @Test
  void everyPointOfEveryRunSeries_becomesAMeasuredPointInBaseUnits() {
    List<MeasuredPoints.Converted> all = MeasuredPoints.from(doc(MeasurementFixtures.text()), "fixture");
    MeasurementFile f = MeasurementLoader.parse("m.json", MeasurementFixtures.text());
    int expected = f.microbenchmarks().stream().mapToInt(s -> s.points().size()).sum();
    assertThat(all).hasSize(expected);

    MeasuredPoints.Converted h2d = all.stream().filter(c -> c.point().kind() == MeasurementKind.H2D_PINNED)
        .findFirst().orElseThrow();
    assertThat(h2d.point().transferBytes()).isEqualTo(4096L);
    assertThat(h2d.point().bytesPerS()).isEqualTo(h2d.value() * 1e9);
    assertThat(h2d.point().source()).isEqualTo("fixture: " + h2d.path() + " (h2d-pinned)");
    assertThat(h2d.point().note()).startsWith("median of 10, p10 ").contains("bytes=4096");

    MeasuredPoints.Converted gemm = all.stream().filter(c -> c.point().kind() == MeasurementKind.GEMM).findFirst()
        .orElseThrow();
    assertThat(gemm.point().m()).isEqualTo(256);
    assertThat(gemm.point().dataType()).isEqualTo(DataType.BF16);
    assertThat(gemm.point().flopsPerS()).isEqualTo(gemm.value() * 1e12);

    assertThat(all).filteredOn(c -> c.point().kind() == MeasurementKind.KV_GATHER)
        .allSatisfy(c -> assertThat(c.point().note()).contains("chunk_bytes=" + c.point().transferBytes()));
  }

  @Test
  void aBandwidthPointWithoutItsSize_isAnErrorNamingThePoint() {
    String text = MeasurementFixtures.edited("\"bytes\": 4096\n", "\"octets\": 4096\n");
    InputException e = catchThrowableOfType(InputException.class, () -> MeasuredPoints.from(doc(text), "x"));
    assertThat(e.field()).matches("microbenchmarks\\[5]\\.points\\[0]\\.shape");
    assertThat(e.problem()).contains("needs 'bytes'");
    assertThat(e.line()).isPositive();
  }

  @Test
  void aPrefillAttentionPoint_carriesItsCausalWork_andWithoutItsShapeIsAnError() throws Exception {
    List<MeasuredPoints.Converted> all = MeasuredPoints.from(doc(MeasurementFixtures.text()), "fixture");
    MeasuredPoints.Converted first = all.stream().filter(c -> c.point().kind() == MeasurementKind.PREFILL_ATTENTION)
        .findFirst().orElseThrow();
    // batch 1 x 32 query heads x 512^2 tokens x head_dim 128: the causal half of QK^T and PV.
    assertThat(first.point().workMacs()).isEqualTo(32L * 512 * 512 * 128);

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(MeasurementFixtures.text());
    int series = 0;
    while (!root.get("microbenchmarks").get(series).get("kind").asText().equals("prefill_attention")) {
      series++;
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("microbenchmarks").get(series).get("points").get(0)
        .get("shape")).remove("q_heads");
    String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    InputException e = catchThrowableOfType(InputException.class, () -> MeasuredPoints.from(doc(text), "x"));
    assertThat(e.field()).isEqualTo("microbenchmarks[" + series + "].points[0].shape");
    assertThat(e.problem()).contains("batch, q_heads, tokens and head_dim");
  }

  @Test
  void aGemmSeriesWithoutItsType_isAnError() {
    String text = MeasurementFixtures.edited("\"dtype\": \"bf16\"", "\"dtype\": null");
    InputException e = catchThrowableOfType(InputException.class, () -> MeasuredPoints.from(doc(text), "x"));
    assertThat(e.field()).isEqualTo("microbenchmarks[9].dtype");
  }
}
