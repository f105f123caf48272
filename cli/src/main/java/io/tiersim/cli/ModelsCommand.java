package io.tiersim.cli;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiersim models}: the bundled LLM architectures. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the bundled models (a scenario's 'model:' may also be a path to a Hugging Face config.json).")
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<ModelArchitecture> all = ModelCatalog.all();
    String text;
    if (json) {
      text = JsonOutput.write(all.stream().map(ModelsCommand::row).toList());
    } else {
      TextTable t = new TextTable("id", "params", "layers", "hidden", "heads", "kv heads", "head dim",
          "KV/token (fp16)", "max positions", "kind");
      for (ModelArchitecture m : all) {
        t.row(m.id(), String.format(Locale.ROOT, "%.2fB", m.parameterCount() / 1e9), m.numLayers(), m.hiddenSize(),
            m.numAttentionHeads(), m.numKeyValueHeads(), m.headDim(),
            String.format(Locale.ROOT, "%d KiB", kvBytesPerToken(m) / 1024), m.maxPositionEmbeddings(), kind(m));
      }
      text = t.render();
    }
    spec.commandLine().getOut().print(text);
    return 0;
  }

  /** fp16: two bytes per cached element. */
  static long kvBytesPerToken(ModelArchitecture m) {
    return 2 * m.kvCacheElementsPerToken();
  }

  private static String kind(ModelArchitecture m) {
    String k = m.numKeyValueHeads() == m.numAttentionHeads() ? "MHA" : m.numKeyValueHeads() == 1 ? "MQA" : "GQA";
    if (m.isMla()) {
      k = "MLA";
    }
    k = m.isMoe() ? k + "+MoE" : k;
    return m.slidingWindow() == null ? k : k + ", window " + m.slidingWindow() + window(m);
  }

  /** Which layers use the window: all, or all but every n-th. */
  private static String window(ModelArchitecture m) {
    return m.globalAttentionEvery() == null ? "" : " (every " + m.globalAttentionEvery() + " layers one global)";
  }

  private static Map<String, Object> row(ModelArchitecture m) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", m.id());
    r.put("display_name", m.displayName());
    r.put("parameters", m.parameterCount());
    r.put("num_layers", m.numLayers());
    r.put("hidden_size", m.hiddenSize());
    r.put("num_attention_heads", m.numAttentionHeads());
    r.put("num_key_value_heads", m.numKeyValueHeads());
    r.put("head_dim", m.headDim());
    r.put("kv_bytes_per_token_fp16", kvBytesPerToken(m));
    r.put("max_position_embeddings", m.maxPositionEmbeddings());
    r.put("sliding_window", m.slidingWindow());
    r.put("global_attention_every", m.globalAttentionEvery());
    r.put("source", m.source());
    return r;
  }
}
