package io.tiersim.planner.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.strategy.KvConfig;
import io.tiersim.model.strategy.WeightsConfig;
import io.tiersim.model.quality.MethodLoss;
import io.tiersim.model.quality.MethodLosses;
import io.tiersim.planner.quality.QualityModel;
import io.tiersim.planner.quality.SensitivityProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CandidatesTest {
  static CandidateConfig use(List<String> presets, WeightsConfig w, KvConfig kv, Double loss) {
    return new CandidateConfig(null, presets, w, kv, null, null, null, null, null, loss);
  }

  @Test
  void defaults_areFortyEightOptions_eachWithACitedLoss() {
    List<Candidate> all = DefaultCandidates.resolve(true);
    assertThat(all).hasSize(48);
    assertThat(all.stream().map(Candidate::name).distinct()).hasSize(48);
    for (Candidate c : all) {
      for (String m : c.methods()) {
        assertThat(MethodLosses.find(m)).as(m).isNotNull();
      }
    }
    assertThat(DefaultCandidates.resolve(false)).hasSize(24);
  }

  @Test
  void losses_addUpOverTheMethodsUsed() {
    Candidate c = CandidateResolver.resolve(use(List.of("kivi-2", "snapkv"), new WeightsConfig(8, null), null, null));
    assertThat(c.qualityLossPct()).isEqualTo(MethodLosses.find("kivi-2").lossPct() + MethodLosses.find("snapkv").lossPct()
        + MethodLosses.find("weights-int8").lossPct());
    assertThat(c.name()).isEqualTo("w8+kivi-2+snapkv");
    assertThat(CandidateResolver.resolve(use(List.of("full-fp16"), null, null, null)).qualityLossPct()).isZero();
  }

  @Test
  void everyMethodLoss_isCitedWithItsDerivation() {
    for (MethodLoss m : MethodLosses.all()) {
      assertThat(m.citation()).as(m.method()).containsPattern("arXiv:\\d{4}\\.\\d{4,5}");
      assertThat(m.derivation()).isNotBlank();
    }
  }

  @Test
  void wholeRunPresets_andUnpricedKnobs_areRefused() {
    assertThatThrownBy(() -> CandidateResolver.resolve(use(List.of("flexgen"), null, null, null)))
        .hasMessageStartingWith("use: preset 'flexgen' sets whole-run knobs");
    assertThatThrownBy(() -> CandidateResolver.resolve(use(List.of(), null,
        new KvConfig(3, 3, null, null, null, null, null, null, null, null, null, null), null)))
        .hasMessageStartingWith("quality_loss_pct: required");
    assertThat(CandidateResolver.resolve(use(List.of(), null,
        new KvConfig(3, 3, null, null, null, null, null, null, null, null, null, null), 0.7)).qualityLossPct()).isEqualTo(0.7);
    assertThatThrownBy(() -> CandidateResolver.resolve(use(List.of("nope"), null, null, null))).hasMessageContaining("unknown preset");
  }

  @Test
  void qualityModel_spreadsALossOverLayersBySensitivity() {
    SensitivityProfile p = SensitivityProfile.defaultShape(80);
    double sum = 0;
    for (int l = 0; l < 80; l++) {
      sum += new QualityModel(p).layerLossPct(l, 1.0);
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.weight(0)).isGreaterThan(p.weight(40) * 2);
    assertThat(p.weight(79)).isGreaterThan(p.weight(40));
  }
}
