package io.tiersim.simulator.validation;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.measurement.EndToEnd;
import io.tiersim.model.measurement.EndToEndSetting;
import io.tiersim.model.measurement.MeasurementFile;
import io.tiersim.model.measurement.SettingPhase;
import io.tiersim.model.measurement.SettingStatus;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.simulator.calibration.Bound;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts every end-to-end setting of a probe measurement file with the spec-only and the
 * calibrated profile of the machine it ran on, for {@code tiersim validate MEASUREMENTS.json}.
 * The probe runs eager PyTorch, so the eager runtime is used.
 */
public final class MeasuredValidation {
  private MeasuredValidation() {}

  /**
   * @param spec the system as bundled (datasheets and published microbenchmarks)
   * @param calibrated the same system calibrated from this file's microbenchmarks
   */
  public static MeasuredReport run(Document<MeasurementFile> doc, SystemProfile spec, SystemProfile calibrated) {
    MeasurementFile file = doc.value();
    EndToEnd e2e = file.endToEnd();
    if (e2e == null || e2e.settings().isEmpty()) {
      throw doc.error("end_to_end", "the file has no end-to-end settings to validate against");
    }
    ModelArchitecture model;
    try {
      model = ModelCatalog.get(e2e.model().tiersimModel());
    } catch (IllegalArgumentException ex) {
      throw doc.error("end_to_end.model.tiersim_model", ex.getMessage());
    }
    Predictor specP = new Predictor(model, spec, ProfileCalibration.fit(spec));
    CalibratedEfficiency fitted = ProfileCalibration.fit(calibrated);
    Predictor calP = new Predictor(model, calibrated, fitted);
    Predictor fast = new Predictor(model, calibrated, fitted.at(Bound.OPTIMISTIC));
    Predictor slow = new Predictor(model, calibrated, fitted.at(Bound.PESSIMISTIC));
    List<MeasuredRow> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < e2e.settings().size(); i++) {
      EndToEndSetting set = e2e.settings().get(i);
      if (set.status() != SettingStatus.OK) {
        skipped.add(set.id() + " (" + set.status().key() + ": " + set.reason() + ")");
        continue;
      }
      Strategy s;
      try {
        s = StrategyResolver.resolve(set.tiersimStrategy(), model);
      } catch (IllegalArgumentException ex) {
        throw doc.error("end_to_end.settings[" + i + "].tiersim_strategy", ex.getMessage());
      }
      Workload w = set.tiersimWorkload();
      String metric = set.phase() == SettingPhase.PREFILL ? MeasuredRow.PREFILL_S : MeasuredRow.DECODE_STEP_S;
      double measured = set.timing().median();
      double a = fast.time(set, s, w);
      double b = slow.time(set, s, w);
      rows.add(row(set, metric, measured, specP.time(set, s, w), calP.time(set, s, w), Math.min(a, b), Math.max(a, b)));
      if (set.memory() != null) {
        double peak = set.memory().maxAllocatedBytes();
        double specPeak = specP.peak(set, s, w);
        double calPeak = calP.peak(set, s, w);
        rows.add(row(set, MeasuredRow.PEAK_GPU_BYTES, peak, specPeak, calPeak, calPeak, calPeak));
      }
    }
    return new MeasuredReport(doc.origin(), file, spec.id(), calibrated.id(), rows, skipped);
  }

  private static MeasuredRow row(EndToEndSetting set, String metric, double measured, double spec, double cal,
      double low, double high) {
    return new MeasuredRow(set.id(), set.strategy(), set.batchSize(), set.contextTokens(), metric, measured, spec,
        (spec - measured) / measured, cal, (cal - measured) / measured, low, high);
  }

  /** One profile's engine and accountant. */
  private record Predictor(ModelArchitecture model, SystemProfile system, AnalyticEngine engine,
      MemoryAccountant accountant) {
    Predictor(ModelArchitecture model, SystemProfile system, CalibratedEfficiency efficiency) {
      this(model, system, new AnalyticEngine(model, new CostModel(system, efficiency), Runtime.EAGER),
          new MemoryAccountant(model, system));
    }

    double time(EndToEndSetting set, Strategy s, Workload w) {
      if (set.phase() == SettingPhase.PREFILL) {
        return engine.estimate(s, w).prefillS();
      }
      return engine.decodeStepSeconds(s, w, set.contextTokens());
    }

    double peak(EndToEndSetting set, Strategy s, Workload w) {
      MemoryReport m = accountant.account(s, w);
      return set.phase() == SettingPhase.PREFILL ? m.prefill().tier(Tier.GPU).totalBytes()
          : m.decode().tier(Tier.GPU).totalBytes();
    }
  }
}
