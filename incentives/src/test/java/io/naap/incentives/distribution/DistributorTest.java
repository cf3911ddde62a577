package io.naap.incentives.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.sla.workload.GpuClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule incentives-1 on cases computed by hand. */
class DistributorTest {
  private static final GpuCostTable COSTS = GpuCostTable.defaults();
  private static final GpuClass RTX_4090 = GpuClass.of("NVIDIA GeForce RTX 4090");
  private static final GpuClass H100 = GpuClass.of("NVIDIA H100 80GB HBM3");
  private static final EvmAddress A = address(0xa);
  private static final EvmAddress B = address(0xb);
  private static final EvmAddress C = address(0xc);
  private static final EvmAddress D = address(0xd);
  private static final EvmAddress E = address(0xe);

  /** Rules whose cost factor is 1 for every GPU and without a cap: the weights are dyadic. */
  private static final IncentiveRules UNCAPPED =
      new IncentiveRules("test-uncapped", 2, 0.75, 0.5, 0, new BigDecimal("0.15"), 1_000_000);

  static EvmAddress address(int last) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) (last >>> 8);
    bytes[19] = (byte) last;
    return EvmAddress.of(bytes);
  }

  private static Contribution contribution(
      String workload,
      EvmAddress orchestrator,
      int scoreBps,
      double seconds,
      long sessions,
      long swaps,
      GpuClass gpu) {
    return new Contribution(workload, orchestrator, scoreBps, 5_000, seconds, sessions, swaps, gpu);
  }

  private static Share share(WorkloadAllocation allocation, EvmAddress orchestrator) {
    return allocation.shares().stream()
        .filter(share -> share.orchestrator().equals(orchestrator))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Minimum 5,000, cost factor 1, no cap. Qualifying seconds 600 + 300 + 300 = 1,200 and sessions 2
   * + 1 + 1 = 4 (D, below the minimum, counts in neither):
   *
   * <ul>
   *   <li>A: score 10,000, 600 s, 2 sessions, no swap: volume 0.75 x 0.5 + 0.25 x 0.5 = 0.5, SLA
   *       factor 1, swap factor 1: weight 0.5 = 32/64;
   *   <li>B: score 5,000, 300 s, 1 session swapped away: volume 0.25, SLA factor 0.25, swap rate 1,
   *       swap factor 0.5: weight 0.03125 = 2/64;
   *   <li>C: score 7,500, 300 s, 1 session: volume 0.25, SLA factor 0.5625: weight 0.140625 = 9/64.
   * </ul>
   *
   * The pool of 4,300,007 wei shares as 32 : 2 : 9 out of 43: A floor(3,200,005.2) = 3,200,005, B
   * floor(200,000.3) = 200,000, C floor(900,001.5) = 900,001; the 1 wei left goes to the largest
   * weight, A: 3,200,006.
   */
  @Test
  void sharesThePoolByVolumeSlaAndSwapsToTheWei() {
    Distributor distributor = new Distributor(UNCAPPED, COSTS);

    EpochDistribution result =
        distributor.distribute(
            7,
            List.of(new Pool("w", BigInteger.valueOf(4_300_007))),
            List.of(
                contribution("w", C, 7_500, 300, 1, 0, RTX_4090),
                contribution("w", D, 4_000, 10_000, 50, 0, RTX_4090),
                contribution("w", A, 10_000, 600, 2, 0, RTX_4090),
                contribution("w", B, 5_000, 300, 1, 1, RTX_4090)));

    assertThat(result.epoch()).isEqualTo(7);
    assertThat(result.rulesVersion()).isEqualTo("test-uncapped");
    WorkloadAllocation w = result.workloads().getFirst();
    assertThat(w.shares())
        .extracting(Share::orchestrator, Share::amount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(A, BigInteger.valueOf(3_200_006)),
            org.assertj.core.groups.Tuple.tuple(B, BigInteger.valueOf(200_000)),
            org.assertj.core.groups.Tuple.tuple(C, BigInteger.valueOf(900_001)),
            org.assertj.core.groups.Tuple.tuple(D, BigInteger.ZERO));
    assertThat(w.distributed()).isEqualTo(4_300_007);
    assertThat(w.carried()).isZero();

    Explanation a = share(w, A).explanation();
    assertThat(a.minutesShare()).isEqualTo(0.5);
    assertThat(a.selectionShare()).isEqualTo(0.5);
    assertThat(a.volume()).isEqualTo(0.5);
    assertThat(a.slaFactor()).isEqualTo(1.0);
    assertThat(a.swapFactor()).isEqualTo(1.0);
    assertThat(a.costFactor()).isEqualTo(1.0);
    assertThat(a.weight()).isEqualTo(0.5);
    assertThat(a.remainder()).isEqualTo(BigInteger.ONE);
    assertThat(a.capped()).isFalse();
    assertThat(a.reason())
        .isEqualTo("paid in proportion to its weight, plus 1 wei of the rounding remainder");

    Explanation b = share(w, B).explanation();
    assertThat(b.slaFactor()).isEqualTo(0.25);
    assertThat(b.swapRate()).isEqualTo(1.0);
    assertThat(b.swapFactor()).isEqualTo(0.5);
    assertThat(b.weight()).isEqualTo(0.03125);
    assertThat(b.remainder()).isZero();
    assertThat(b.reason()).isEqualTo("paid in proportion to its weight");

    assertThat(share(w, C).explanation().weight()).isEqualTo(0.140625);

    Explanation d = share(w, D).explanation();
    assertThat(d.qualifies()).isFalse();
    assertThat(d.minutesShare()).isZero();
    assertThat(d.volume()).isZero();
    assertThat(d.weight()).isZero();
    assertThat(d.reason()).isEqualTo("score 4000 below the minimum 5000");
  }

  /**
   * Cap 25%, weights 12 : 1 : 1 : 1 : 1 (minutes only, every other factor 1), pool 1,600: A's
   * share, 1,200, exceeds the cap of 400, so A gets 400; the other four share the remaining 1,200
   * equally, 300 each (below the cap).
   */
  @Test
  void waterFillsUnderTheCap() {
    IncentiveRules minutesOnly =
        new IncentiveRules("minutes-only", 0, 1, 0, 0, BigDecimal.ZERO, 250_000);
    Distributor distributor = new Distributor(minutesOnly, COSTS);

    WorkloadAllocation w =
        distributor
            .distribute(
                1,
                List.of(new Pool("w", BigInteger.valueOf(1_600))),
                List.of(
                    contribution("w", A, 9_000, 12, 0, 0, RTX_4090),
                    contribution("w", B, 9_000, 1, 0, 0, RTX_4090),
                    contribution("w", C, 9_000, 1, 0, 0, RTX_4090),
                    contribution("w", D, 9_000, 1, 0, 0, RTX_4090),
                    contribution("w", E, 9_000, 1, 0, 0, RTX_4090)))
            .workloads()
            .getFirst();

    assertThat(w.shares())
        .extracting(Share::amount)
        .containsExactly(
            BigInteger.valueOf(400),
            BigInteger.valueOf(300),
            BigInteger.valueOf(300),
            BigInteger.valueOf(300),
            BigInteger.valueOf(300));
    assertThat(w.carried()).isZero();
    assertThat(share(w, A).explanation().capped()).isTrue();
    assertThat(share(w, A).explanation().reason()).isEqualTo("capped at 25% of the pool");
    assertThat(share(w, B).explanation().capped()).isFalse();
  }

  /** Three qualifiers under a 25% cap take 75% of the pool; the rest is carried, not lost. */
  @Test
  void carriesWhatTooFewQualifiersCannotTakeUnderTheCap() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);

    WorkloadAllocation w =
        distributor
            .distribute(
                1,
                List.of(new Pool("w", BigInteger.valueOf(1_000_000))),
                List.of(
                    contribution("w", A, 9_000, 600, 3, 0, RTX_4090),
                    contribution("w", B, 8_000, 60, 1, 0, RTX_4090),
                    contribution("w", C, 7_000, 6, 1, 1, RTX_4090)))
            .workloads()
            .getFirst();

    assertThat(w.shares()).extracting(Share::amount).containsOnly(BigInteger.valueOf(250_000));
    assertThat(w.distributed()).isEqualTo(750_000);
    assertThat(w.carried()).isEqualTo(250_000);
    assertThat(w.shares())
        .extracting(share -> share.explanation().reason())
        .containsOnly(
            "capped at 25% of the pool; too few qualify to pay out the whole pool under the cap,"
                + " the rest is carried");
  }

  /**
   * v1 pays by the square root of the hourly cost: an H100 (1.14155 + 0.7 x 0.15 = 1.24655 USD/h)
   * against an RTX 4090 (0.06084 + 0.45 x 0.15 = 0.12834 USD/h) delivering the same, sqrt(1.24655 /
   * 0.12834) = 3.1166 times as much.
   */
  @Test
  void paysDearerHardwareMorePerSlaMinute() {
    IncentiveRules v1Uncapped =
        new IncentiveRules("v1-uncapped", 2, 0.75, 0.5, 0.5, new BigDecimal("0.15"), 1_000_000);
    Distributor distributor = new Distributor(v1Uncapped, COSTS);

    WorkloadAllocation w =
        distributor
            .distribute(
                1,
                List.of(new Pool("w", new BigInteger("1000000000000000000"))),
                List.of(
                    contribution("w", A, 9_000, 600, 3, 0, H100),
                    contribution("w", B, 9_000, 600, 3, 0, RTX_4090)))
            .workloads()
            .getFirst();

    Explanation h100 = share(w, A).explanation();
    assertThat(h100.hourlyCostUsd()).isEqualTo(1.24655);
    assertThat(h100.costFactor()).isCloseTo(Math.sqrt(1.24655), within(1e-15));
    assertThat(share(w, B).explanation().hourlyCostUsd()).isEqualTo(0.12834);
    double ratio = share(w, A).amount().doubleValue() / share(w, B).amount().doubleValue();
    assertThat(ratio).isCloseTo(Math.sqrt(1.24655 / 0.12834), within(1e-12));
    assertThat(ratio).isCloseTo(3.1166, within(1e-4));
  }

  /**
   * A pool of 10 wei among 4 equal weights under a 25% cap: the cap rounds up to 3, each share is
   * 2.5, floored to 2; the 2 wei left go to the first two by address.
   */
  @Test
  void handsTheRemainderOutByWeightThenAddressAndNeverAboveTheCap() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);
    List<Contribution> equal =
        List.of(
            contribution("w", D, 9_000, 60, 1, 0, RTX_4090),
            contribution("w", B, 9_000, 60, 1, 0, RTX_4090),
            contribution("w", C, 9_000, 60, 1, 0, RTX_4090),
            contribution("w", A, 9_000, 60, 1, 0, RTX_4090));

    WorkloadAllocation ten =
        distributor
            .distribute(1, List.of(new Pool("w", BigInteger.TEN)), equal)
            .workloads()
            .getFirst();
    WorkloadAllocation one =
        distributor
            .distribute(1, List.of(new Pool("w", BigInteger.ONE)), equal)
            .workloads()
            .getFirst();

    assertThat(ten.shares())
        .extracting(Share::amount)
        .containsExactly(
            BigInteger.valueOf(3), BigInteger.valueOf(3), BigInteger.TWO, BigInteger.TWO);
    assertThat(ten.carried()).isZero();
    assertThat(one.shares())
        .extracting(Share::amount)
        .containsExactly(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    assertThat(one.carried()).isZero();
  }

  @Test
  void aWorkloadWithoutAPoolPaysNothingAndSaysWhy() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);

    EpochDistribution result =
        distributor.distribute(
            3,
            List.of(new Pool("paid", BigInteger.valueOf(1_000))),
            List.of(
                contribution("unpaid", A, 9_000, 600, 3, 0, RTX_4090),
                contribution("paid", A, 9_000, 600, 3, 0, RTX_4090)));

    assertThat(result.workloads())
        .extracting(WorkloadAllocation::workload)
        .containsExactly("paid", "unpaid");
    WorkloadAllocation unpaid = result.workloads().get(1);
    assertThat(unpaid.pool()).isZero();
    assertThat(unpaid.distributed()).isZero();
    assertThat(unpaid.carried()).isZero();
    Share share = unpaid.shares().getFirst();
    assertThat(share.amount()).isZero();
    assertThat(share.explanation().qualifies()).isTrue();
    assertThat(share.explanation().reason()).isEqualTo("no pool for workload unpaid this epoch");
  }

  @Test
  void carriesAPoolNobodyServedOrNobodyQualifiedFor() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);

    EpochDistribution result =
        distributor.distribute(
            3,
            List.of(
                new Pool("idle", BigInteger.valueOf(500)),
                new Pool("poor", BigInteger.valueOf(700))),
            List.of(
                new Contribution("poor", A, 5_400, 6_000, 600, 3, 0, RTX_4090),
                new Contribution("poor", B, 9_000, 6_000, 0, 0, 0, RTX_4090)));

    WorkloadAllocation idle = result.workloads().get(0);
    assertThat(idle.shares()).isEmpty();
    assertThat(idle.carried()).isEqualTo(500);
    WorkloadAllocation poor = result.workloads().get(1);
    assertThat(poor.carried()).isEqualTo(700);
    assertThat(poor.shares()).extracting(Share::amount).containsOnly(BigInteger.ZERO);
    assertThat(share(poor, A).explanation().reason())
        .isEqualTo("score 5400 below the minimum 6000");
    assertThat(share(poor, B).explanation().reason())
        .isEqualTo("delivered no inference minutes and won no sessions");
    assertThat(result.carried()).isEqualTo(1_200);
    assertThat(result.payouts()).isEmpty();
  }

  @Test
  void explainsAnEmptyPool() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);

    WorkloadAllocation w =
        distributor
            .distribute(
                1,
                List.of(new Pool("w", BigInteger.ZERO)),
                List.of(contribution("w", A, 9_000, 600, 3, 0, RTX_4090)))
            .workloads()
            .getFirst();

    assertThat(w.shares().getFirst().amount()).isZero();
    assertThat(w.shares().getFirst().explanation().reason()).isEqualTo("the pool is empty");
    assertThat(w.carried()).isZero();
  }

  @Test
  void payoutsSumEveryWorkloadPerOrchestratorByAddress() {
    Distributor distributor = new Distributor(UNCAPPED, COSTS);

    Map<EvmAddress, BigInteger> payouts =
        distributor
            .distribute(
                1,
                List.of(
                    new Pool("x", BigInteger.valueOf(1_000)),
                    new Pool("y", BigInteger.valueOf(2_000))),
                List.of(
                    contribution("y", B, 10_000, 600, 1, 0, RTX_4090),
                    contribution("x", B, 10_000, 600, 1, 0, RTX_4090),
                    contribution("x", A, 10_000, 600, 1, 0, RTX_4090),
                    contribution("y", C, 4_000, 600, 1, 0, RTX_4090)))
            .payouts();

    assertThat(payouts.keySet()).containsExactly(A, B);
    assertThat(payouts.get(A)).isEqualTo(500);
    assertThat(payouts.get(B)).isEqualTo(2_500);
  }

  @Test
  void refusesTwoPoolsOfOneWorkloadAndTwoContributionsOfOneOrchestrator() {
    Distributor distributor = new Distributor(IncentiveRules.v1(), COSTS);
    Contribution a = contribution("w", A, 9_000, 600, 3, 0, RTX_4090);

    assertThatThrownBy(
            () ->
                distributor.distribute(
                    1,
                    List.of(new Pool("w", BigInteger.ONE), new Pool("w", BigInteger.TWO)),
                    List.of(a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two pools for workload w");
    assertThatThrownBy(
            () ->
                distributor.distribute(
                    1,
                    List.of(new Pool("w", BigInteger.ONE)),
                    List.of(a, contribution("w", A, 1_000, 6, 1, 0, H100))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orchestrator " + A + " contributes twice to workload w");
    assertThatThrownBy(() -> distributor.distribute(-1, List.of(), List.of()))
        .hasMessage("epoch must be >= 0: -1");
  }

  @Test
  void refusesACostExponentThatOverflows() {
    IncentiveRules steep =
        new IncentiveRules("steep", 2, 0.75, 0.5, 10_000, new BigDecimal("0.15"), 250_000);
    Distributor distributor = new Distributor(steep, COSTS);

    assertThatThrownBy(
            () ->
                distributor.distribute(
                    1,
                    List.of(new Pool("w", BigInteger.ONE)),
                    List.of(contribution("w", A, 9_000, 600, 3, 0, H100))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rules steep: the cost factor of h100 80gb hbm3 (1.24655 USD/h");
  }

  @Test
  void rulesV1AreTheDocumentedValues() {
    IncentiveRules v1 = IncentiveRules.v1();

    assertThat(v1.version()).isEqualTo("incentives-1");
    assertThat(v1.slaExponent()).isEqualTo(2);
    assertThat(v1.minutesWeight()).isEqualTo(0.75);
    assertThat(v1.swapPenalty()).isEqualTo(0.5);
    assertThat(v1.costExponent()).isEqualTo(0.5);
    assertThat(v1.energyUsdPerKwh()).isEqualByComparingTo("0.15");
    assertThat(v1.capPpm()).isEqualTo(250_000);
  }

  @Test
  void rulesAreValidated() {
    BigDecimal energy = BigDecimal.ONE;
    assertThatThrownBy(() -> new IncentiveRules("a b", 2, 0.75, 0.5, 0.5, energy, 1))
        .hasMessage("version must be 1 to 64 of [A-Za-z0-9._-]: a b");
    assertThatThrownBy(() -> new IncentiveRules("r", -1, 0.75, 0.5, 0.5, energy, 1))
        .hasMessage("slaExponent must be finite and >= 0: -1.0");
    assertThatThrownBy(() -> new IncentiveRules("r", Double.NaN, 0.75, 0.5, 0.5, energy, 1))
        .hasMessage("slaExponent must be finite and >= 0: NaN");
    assertThatThrownBy(() -> new IncentiveRules("r", 2, 1.5, 0.5, 0.5, energy, 1))
        .hasMessage("minutesWeight must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> new IncentiveRules("r", 2, 0.75, -0.1, 0.5, energy, 1))
        .hasMessage("swapPenalty must be in [0, 1]: -0.1");
    assertThatThrownBy(
            () -> new IncentiveRules("r", 2, 0.75, 0.5, Double.POSITIVE_INFINITY, energy, 1))
        .hasMessage("costExponent must be finite and >= 0: Infinity");
    assertThatThrownBy(() -> new IncentiveRules("r", 2, 0.75, 0.5, 0.5, BigDecimal.ONE.negate(), 1))
        .hasMessage("energyUsdPerKwh must be >= 0: -1");
    assertThatThrownBy(() -> new IncentiveRules("r", 2, 0.75, 0.5, 0.5, energy, 0))
        .hasMessage("capPpm must be 1 to 1000000: 0");
    assertThatThrownBy(() -> new IncentiveRules("r", 2, 0.75, 0.5, 0.5, energy, 1_000_001))
        .hasMessage("capPpm must be 1 to 1000000: 1000001");
  }

  @Test
  void contributionsAndPoolsAreValidated() {
    assertThatThrownBy(() -> new Contribution("w", A, 10_001, 0, 0, 0, 0, RTX_4090))
        .hasMessage("scoreBps must be 0 to 10000: 10001");
    assertThatThrownBy(() -> new Contribution("w", A, 0, -1, 0, 0, 0, RTX_4090))
        .hasMessage("minScoreBps must be 0 to 10000: -1");
    assertThatThrownBy(
            () -> new Contribution("w", A, 0, 0, Double.POSITIVE_INFINITY, 0, 0, RTX_4090))
        .hasMessage("inferenceSeconds must be finite and >= 0: Infinity");
    assertThatThrownBy(() -> new Contribution("w", A, 0, 0, -0.5, 0, 0, RTX_4090))
        .hasMessage("inferenceSeconds must be finite and >= 0: -0.5");
    assertThatThrownBy(() -> new Contribution("w", A, 0, 0, 0, -1, 0, RTX_4090))
        .hasMessage("sessions must be >= 0: -1");
    assertThatThrownBy(() -> new Contribution("w", A, 0, 0, 0, 0, -1, RTX_4090))
        .hasMessage("swaps must be >= 0: -1");
    assertThatThrownBy(() -> new Contribution(" ", A, 0, 0, 0, 0, 0, RTX_4090))
        .hasMessage("workload must not be blank");
    assertThatThrownBy(() -> new Pool("w", BigInteger.ONE.negate()))
        .hasMessage("the pool of w must be a uint256: -1");
    assertThatThrownBy(() -> new Pool("w", BigInteger.ONE.shiftLeft(256)))
        .hasMessageStartingWith("the pool of w must be a uint256: 1157920892");
  }
}
