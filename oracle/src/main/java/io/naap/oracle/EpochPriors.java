package io.naap.oracle;

import io.naap.sla.score.Priors;
import io.naap.sla.score.ScoreState;
import io.naap.sla.score.ScoringRules;
import io.naap.sla.workload.GpuClass;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.kpi.RollupKey;
import io.naap.storage.oracle.StoredScore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The priors of an epoch's newcomers: {@link Priors} over the states the previous epoch left, each
 * orchestrator under the GPU it served the workload on. A GPU the workload does not support gets
 * the rules' reduced prior; GPU memory is not in the KPIs, so only the type is checked.
 */
public final class EpochPriors implements Function<List<StoredScore>, PriorSource> {
  private final ScoringRules rules;
  private final WorkloadCatalogue catalogue;

  public EpochPriors(ScoringRules rules, WorkloadCatalogue catalogue) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  @Override
  public PriorSource apply(List<StoredScore> previous) {
    Priors priors =
        Priors.of(
            rules,
            previous.stream()
                .map(
                    score ->
                        new Priors.Observation(
                            score.workload(),
                            gpuClass(score.gpu()),
                            new ScoreState(score.state().mean(), score.state().sessions())))
                .toList());
    return (workload, gpu) ->
        catalogue
            .target(workload)
            .map(
                target ->
                    priors.prior(
                        target,
                        RollupKey.UNKNOWN.equals(gpu) ? Optional.empty() : Optional.of(gpu),
                        OptionalLong.empty(),
                        Optional.empty()))
            .orElse(rules.defaultPrior());
  }

  private static GpuClass gpuClass(String gpu) {
    return RollupKey.UNKNOWN.equals(gpu) ? GpuClass.UNKNOWN : GpuClass.of(gpu);
  }
}
