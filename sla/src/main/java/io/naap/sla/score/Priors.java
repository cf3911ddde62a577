package io.naap.sla.score;

import io.naap.sla.workload.GpuClass;
import io.naap.sla.workload.WorkloadTarget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The prior a score shrinks toward ({@link Scorer#score}), for an orchestrator of a GPU class on a
 * workload, from the scores of the orchestrators already there: a newcomer starts where others with
 * its hardware stand, neither punished nor rewarded for being new.
 *
 * <p>With {@code k = priorSessions} of the rules and {@code p0 = defaultPrior}:
 *
 * <ol>
 *   <li>the workload's prior: {@code pW = (sum of s x m + k x p0) / (sum of s + k)} over every
 *       observation of the workload, {@code m} an orchestrator's {@link ScoreState#mean()} and
 *       {@code s} its {@link ScoreState#sessions()} (the evidence-weighted mean of the means,
 *       shrunk toward {@code p0} while the workload has little evidence);
 *   <li>the GPU class's prior: the same sums over the observations of the workload and class,
 *       shrunk toward {@code pW}: {@code (sum of s x m + k x pW) / (sum of s + k)};
 *   <li>an unknown GPU ({@link GpuClass#UNKNOWN}) takes {@code pW}; its observations count for the
 *       workload only (unknown GPUs are no class);
 *   <li>a GPU that does not fit the workload ({@link WorkloadTarget#fits} false: too little memory,
 *       or not a supported GPU) takes the prior times {@code unfitPriorFactor} (rules {@code
 *       sla-1}: half, so at most 0.5, below the shipped minimum score of 0.6): the workload's own
 *       requirements say it should not reach the target, so it does not qualify on its prior, yet
 *       with evidence it earns its score as fast as any other, the shrinkage weighing the same. A
 *       GPU or memory nobody reported is given the benefit of the doubt.
 * </ol>
 *
 * Each level's evidence weighs against its parent as an orchestrator's sessions weigh against its
 * prior in the score ({@code k} sessions as much as the parent). The means are the unshrunk history
 * means, so no prior feeds back into another; a state without evidence counts for nothing. An
 * orchestrator already scored takes its prior from the others ({@link #priorWithout}): its own
 * evidence already weighs in its score, and must not count twice. Evidence-weighted means weigh a
 * busy orchestrator more: the prior is the expected score of a session on that hardware.
 *
 * <p>Deterministic and independent of the order of the observations: the sums are exact ({@link
 * BigDecimal}), the one division rounds to 34 digits, then to the nearest double. Immutable.
 */
public final class Priors {
  /**
   * One orchestrator's score state for a workload, and its GPU class.
   *
   * @param workload the workload's model id
   * @param gpuClass its GPU's class ({@link GpuClass#UNKNOWN} when it reported none)
   * @param state its score state
   */
  public record Observation(String workload, GpuClass gpuClass, ScoreState state) {
    public Observation {
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(gpuClass, "gpuClass");
      Objects.requireNonNull(state, "state");
      if (workload.isBlank()) {
        throw new IllegalArgumentException("an observation names its workload");
      }
    }
  }

  /** Exact sums of sessions and of sessions x mean. */
  private record Pool(BigDecimal evidence, BigDecimal weighted) {
    static final Pool EMPTY = new Pool(BigDecimal.ZERO, BigDecimal.ZERO);

    Pool plus(ScoreState state) {
      BigDecimal sessions = new BigDecimal(state.sessions());
      return new Pool(
          evidence.add(sessions), weighted.add(sessions.multiply(new BigDecimal(state.mean()))));
    }

    Pool minus(ScoreState state) {
      BigDecimal sessions = new BigDecimal(state.sessions());
      return new Pool(
          evidence.subtract(sessions),
          weighted.subtract(sessions.multiply(new BigDecimal(state.mean()))));
    }
  }

  private record ClassKey(String workload, GpuClass gpuClass) {}

  private final ScoringRules rules;
  private final Map<String, Pool> workloads;
  private final Map<ClassKey, Pool> classes;
  private final Map<Observation, Integer> multiplicity;

  private Priors(
      ScoringRules rules,
      Map<String, Pool> workloads,
      Map<ClassKey, Pool> classes,
      Map<Observation, Integer> multiplicity) {
    this.rules = rules;
    this.workloads = workloads;
    this.classes = classes;
    this.multiplicity = multiplicity;
  }

  /** The priors of the rules' version from the orchestrators' current states, in any order. */
  public static Priors of(ScoringRules rules, Collection<Observation> observations) {
    Objects.requireNonNull(rules, "rules");
    Map<String, Pool> workloads = new HashMap<>();
    Map<ClassKey, Pool> classes = new HashMap<>();
    Map<Observation, Integer> multiplicity = new HashMap<>();
    for (Observation observation : observations) {
      Objects.requireNonNull(observation, "observation");
      ScoreState state = observation.state();
      workloads.merge(observation.workload(), Pool.EMPTY.plus(state), Priors::sum);
      if (observation.gpuClass().isKnown()) {
        classes.merge(
            new ClassKey(observation.workload(), observation.gpuClass()),
            Pool.EMPTY.plus(state),
            Priors::sum);
      }
      multiplicity.merge(observation, 1, Integer::sum);
    }
    return new Priors(rules, Map.copyOf(workloads), Map.copyOf(classes), Map.copyOf(multiplicity));
  }

  public ScoringRules rules() {
    return rules;
  }

  /**
   * The prior of a newcomer of the GPU class on the workload (the class's, shrunk toward the
   * workload's; the workload's for an unknown GPU), in [0, 1]; hardware fit not considered.
   */
  public double prior(String workload, GpuClass gpuClass) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(gpuClass, "gpuClass");
    return prior(workload, gpuClass, Optional.empty());
  }

  /**
   * The prior of an orchestrator already among the observations: as if its own were not there.
   *
   * @throws IllegalArgumentException when no such observation was given
   */
  public double priorWithout(Observation own) {
    Objects.requireNonNull(own, "own");
    if (!multiplicity.containsKey(own)) {
      throw new IllegalArgumentException("not among the observations: " + own);
    }
    return prior(own.workload(), own.gpuClass(), Optional.of(own.state()));
  }

  /**
   * The prior of an orchestrator for a workload, from its hardware as its telemetry reports it, its
   * own state left out when it has one: the class's prior ({@link #prior(String, GpuClass)} or
   * {@link #priorWithout}), times {@code unfitPriorFactor} when the GPU is known not to fit.
   *
   * @param workload the workload's targets
   * @param gpuName the GPU's name ({@code gpu_info.name}); empty when not reported
   * @param vramBytes the GPU's memory; empty when not reported (then only the GPU type is checked)
   * @param own the orchestrator's score state when it has one (its observation, with the class of
   *     {@code gpuName}, must be among the observations); empty for a newcomer
   */
  public double prior(
      WorkloadTarget workload,
      Optional<String> gpuName,
      OptionalLong vramBytes,
      Optional<ScoreState> own) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(vramBytes, "vramBytes");
    GpuClass gpuClass = gpuName.map(GpuClass::of).orElse(GpuClass.UNKNOWN);
    double prior =
        own.isPresent()
            ? priorWithout(new Observation(workload.model(), gpuClass, own.get()))
            : prior(workload.model(), gpuClass);
    if (!gpuClass.isKnown()) {
      return prior;
    }
    String name = gpuName.orElseThrow();
    boolean fits =
        vramBytes.isPresent()
            ? workload.fits(name, vramBytes.getAsLong())
            : workload.supports(name);
    return fits ? prior : prior * rules.unfitPriorFactor();
  }

  private double prior(String workload, GpuClass gpuClass, Optional<ScoreState> without) {
    Pool workloadPool = workloads.getOrDefault(workload, Pool.EMPTY);
    Pool classPool =
        gpuClass.isKnown()
            ? classes.getOrDefault(new ClassKey(workload, gpuClass), Pool.EMPTY)
            : Pool.EMPTY;
    if (without.isPresent()) {
      workloadPool = workloadPool.minus(without.get());
      if (gpuClass.isKnown()) {
        classPool = classPool.minus(without.get());
      }
    }
    double workloadPrior = shrink(workloadPool, rules.defaultPrior());
    return gpuClass.isKnown() ? shrink(classPool, workloadPrior) : workloadPrior;
  }

  /** {@code (weighted + k x parent) / (evidence + k)}; the parent itself without evidence. */
  private double shrink(Pool pool, double parent) {
    if (pool.evidence().signum() == 0) {
      return parent;
    }
    BigDecimal strength = new BigDecimal(rules.priorSessions());
    BigDecimal numerator = pool.weighted().add(strength.multiply(new BigDecimal(parent)));
    BigDecimal denominator = pool.evidence().add(strength);
    double shrunk = numerator.divide(denominator, MathContext.DECIMAL128).doubleValue();
    return Math.max(0, Math.min(1, shrunk));
  }

  private static Pool sum(Pool a, Pool b) {
    return new Pool(a.evidence().add(b.evidence()), a.weighted().add(b.weighted()));
  }
}
