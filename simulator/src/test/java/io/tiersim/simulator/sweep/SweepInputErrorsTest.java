package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.io.InputException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad sweep files are reported as file:line: field 'path': problem, before anything runs. */
final class SweepInputErrorsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown model          | 'models: [llama-3.1-8b]'         | 'models: [llama-3.1-8b, llama-9]'   | 3  | models[1]                 | unknown
      negative batch         | 'batch_size: [1, 8]'             | 'batch_size: [1, -8]'               | 7  | axes.batch_size[1]        | positive
      duplicate rate         | 'request_rate_per_s: [1, 5]'     | 'request_rate_per_s: [1, 1]'        | 10 | axes.request_rate_per_s[1] | duplicate
      context and prompt     | 'generate_tokens: [128]'         | 'prompt_tokens: [100]'              | 8  | axes.context_tokens       | exactly one
      context below generate | 'context_tokens: [4096, 16384]'  | 'context_tokens: [100, 16384]'      | 8  | axes.context_tokens       | exceed
      unknown axis           | 'kv_budget_tokens: [512, 1024]'  | 'kv_budgets: [512, 1024]'           | 11 | axes.kv_budgets           | unknown field
      unknown preset         | '- preset: snapkv'               | '- preset: snap-kv'                 | 15 | strategies[1].preset      | unknown preset
      unknown system         | 'systems: [h100-sxm, a6000-csd]' | 'systems: [h100-sxm, h100-sxmm]'    | 4  | systems[1]                | unknown
      bad slo                | 'slo: {ttft_s: 5, tpot_s: 0.05}' | 'slo: {ttft_s: -5, tpot_s: 0.05}'   | 12 | slo.ttft_s                | positive
      """)
  void badInput_namesFileLineAndField(String why, String from, String to, int line, String field, String problem) {
    String text = SweepFixtures.SMALL.replace(from, to);
    Path f = SweepFixtures.write(dir, "bad.yaml", text);
    assertThatThrownBy(() -> SweepLoader.bundled().load(f))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad.yaml:" + line + ":")
        .hasMessageContaining("field '" + field + "'")
        .hasMessageContaining(problem);
  }
}
