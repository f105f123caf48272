package io.tiersim.cli;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.GpuProfile;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiersim hardware}: the bundled GPUs and systems. */
@Command(name = "hardware", mixinStandardHelpOptions = true, description = "List the bundled GPU and system profiles.")
final class HardwareCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    HardwareCatalog hw = HardwareCatalog.bundled();
    String text;
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("gpus", hw.gpus().stream().map(HardwareCommand::gpuRow).toList());
      all.put("systems", hw.systems().stream().map(HardwareCommand::systemRow).toList());
      text = JsonOutput.write(all);
    } else {
      TextTable g = new TextTable("gpu", "name", "memory", "bandwidth", "bf16/fp16 dense");
      for (GpuProfile p : hw.gpus()) {
        g.row(p.id(), p.name(), Bytes.gib(p.hbmCapacityBytes()), String.format(Locale.ROOT, "%.0f GB/s", p.hbmBandwidthBytesPerS() / 1e9),
            String.format(Locale.ROOT, "%.0f TFLOPS", fp16Flops(p) / 1e12));
      }
      TextTable s = new TextTable("system", "name", "gpus", "host DRAM", "host link H2D", "disk", "CSD");
      for (SystemProfile p : hw.systems()) {
        s.row(p.id(), p.name(), p.gpuCount() + " x " + p.gpu().id(), Bytes.gib(p.tierCapacityBytes(Tier.CPU)),
            String.format(Locale.ROOT, "%.1f GB/s", p.hostLink().hostToDeviceBytesPerS() / 1e9),
            Bytes.gib(p.tierCapacityBytes(Tier.DISK)), Bytes.gib(p.tierCapacityBytes(Tier.CSD)));
      }
      text = g.render() + System.lineSeparator() + s.render();
    }
    spec.commandLine().getOut().print(text);
    return 0;
  }

  private static double fp16Flops(GpuProfile p) {
    return p.supports(io.tiersim.model.DataType.FP16) ? p.peakTensorFlopsPerS(io.tiersim.model.DataType.FP16) : 0;
  }

  private static Map<String, Object> gpuRow(GpuProfile p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", p.id());
    r.put("name", p.name());
    r.put("memory_bytes", p.hbmCapacityBytes());
    r.put("memory_bandwidth_bytes_per_s", p.hbmBandwidthBytesPerS());
    r.put("fp16_tensor_flops_per_s", fp16Flops(p));
    return r;
  }

  private static Map<String, Object> systemRow(SystemProfile p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", p.id());
    r.put("name", p.name());
    r.put("gpu", p.gpu().id());
    r.put("gpu_count", p.gpuCount());
    for (Tier t : Tier.values()) {
      r.put(t.key() + "_capacity_bytes", p.tierCapacityBytes(t));
    }
    return r;
  }
}
