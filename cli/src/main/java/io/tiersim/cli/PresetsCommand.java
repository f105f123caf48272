package io.tiersim.cli;

import io.tiersim.model.strategy.Preset;
import io.tiersim.model.strategy.PresetRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiersim presets}: the bundled strategy presets and the papers they follow. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "List the bundled strategy presets with their citations.")
final class PresetsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Preset> all = PresetRegistry.all();
    String text;
    if (json) {
      text = JsonOutput.write(all.stream().map(p -> Map.of("name", p.name(), "citation", p.citation(),
          "description", p.description() == null ? "" : p.description())).toList());
    } else {
      TextTable t = new TextTable("preset", "citation");
      all.forEach(p -> t.row(p.name(), p.citation()));
      text = t.render();
    }
    spec.commandLine().getOut().print(text);
    return 0;
  }
}
