package io.tiersim.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.io.InputException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class ModelCatalogTest {

  private static Path fixtures() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ModelCatalogTest.class.getResource("/llm")).toURI());
  }

  @Test
  void all_holdsEveryRequiredPresetInAStableOrder() {
    assertThat(ModelCatalog.ids()).containsSubsequence(
        "opt-6.7b", "opt-13b", "opt-30b", "opt-66b", "opt-175b", "llama-7b", "llama-2-7b",
        "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3.1-8b",
        "llama-3.1-70b", "llama-3.1-405b", "llama-3-8b-1m", "mistral-7b", "mixtral-8x7b",
        "qwen2-7b", "glm-4-9b-1m", "yi-9b-200k", "phi-3-mini-128k", "deepseek-v2-lite", "deepseek-v3");
    assertThat(ModelCatalog.all()).extracting(ModelArchitecture::id)
        .containsExactlyElementsOf(ModelCatalog.ids());
  }

  @Test
  void everyPreset_citesItsSource() {
    assertThat(ModelCatalog.all()).allSatisfy(m ->
        assertThat(m.source()).containsAnyOf("huggingface.co/", "arXiv:"));
  }

  @Test
  void get_ignoresCaseAndSurroundingSpace() {
    assertThat(ModelCatalog.get(" Llama-3.1-8B ").id()).isEqualTo("llama-3.1-8b");
  }

  @Test
  void get_unknownId_suggestsTheClosestAndListsTheKnown() {
    assertThatThrownBy(() -> ModelCatalog.get("llama-3.1-7b"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("field 'model'")
        .hasMessageContaining("unknown model 'llama-3.1-7b'")
        .hasMessageContaining("did you mean 'llama-3.1-8b'?")
        .hasMessageContaining("opt-175b")
        .hasMessageContaining("(or give a path to a Hugging Face config.json)");
  }

  @Test
  void get_farOffId_suggestsNothing() {
    assertThatThrownBy(() -> ModelCatalog.get("gpt-4-turbo-preview-xl"))
        .isInstanceOf(InputException.class)
        .message().doesNotContain("did you mean");
  }

  @Test
  void preset_llama3_8b_1m_hasMillionTokenPositionsAndLargeRopeTheta() {
    ModelArchitecture m = ModelCatalog.get("llama-3-8b-1m");
    assertThat(m.maxPositionEmbeddings()).isEqualTo(1_048_576);
    assertThat(m.ropeTheta()).isGreaterThan(1e9);
  }

  @Test
  void preset_mistral7b_hasA4096TokenSlidingWindow() {
    assertThat(ModelCatalog.get("mistral-7b").slidingWindow()).isEqualTo(4096);
    assertThat(ModelCatalog.get("llama-3-8b").slidingWindow()).isNull();
  }

  @Test
  void preset_deepseekV3_matchesTheModelCardsTotalAndActiveCounts_andCachesTheLatentOnly() {
    ModelArchitecture m = ModelCatalog.get("deepseek-v3");
    // The card rounds to whole billions: 671B total, 37B activated per token.
    assertThat(m.parameterCount()).isEqualTo(671_026_404_352L);
    assertThat(Math.abs(m.parameterCount() - 671e9)).isLessThan(0.5e9);
    assertThat(m.activeParameterCount() / 37e9).isBetween(0.98, 1.02);
    // MLA caches the 512-wide latent and the 64-wide rotary key per layer, for all 128 heads.
    assertThat(m.kvCacheElementsPerToken()).isEqualTo(61L * (512 + 64));
    assertThat(m.isMoeLayer(2)).isFalse();
    assertThat(m.isMoeLayer(3)).isTrue();
  }

  @Test
  void resolve_id_looksUpThePreset() throws Exception {
    assertThat(ModelCatalog.resolve("qwen2-7b", fixtures())).isSameAs(ModelCatalog.get("qwen2-7b"));
  }

  @Test
  void resolve_relativeConfigPath_importsIt() throws Exception {
    ModelArchitecture m = ModelCatalog.resolve("qwen2-7b/config.json", fixtures());
    assertThat(m.source()).contains("config.json");
    assertThat(m.parameterCount()).isEqualTo(ModelCatalog.get("qwen2-7b").parameterCount());
  }

  @Test
  void resolve_absoluteConfigPath_importsIt() throws Exception {
    Path file = fixtures().resolve("opt-6.7b/config.json").toAbsolutePath();
    assertThat(ModelCatalog.resolve(file.toString(), null).id()).isEqualTo("opt-6.7b");
  }

  @Test
  void resolve_missingJsonFile_reportsTheFile() throws Exception {
    assertThatThrownBy(() -> ModelCatalog.resolve("nope/config.json", fixtures()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("file not found");
  }

  @Test
  void resolve_blank_isAnInputError() {
    assertThatThrownBy(() -> ModelCatalog.resolve(" ", null)).isInstanceOf(InputException.class);
  }

  @Test
  void editDistance_countsSingleCharacterEdits() {
    assertThat(ModelCatalog.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(ModelCatalog.editDistance("", "abc")).isEqualTo(3);
  }
}
