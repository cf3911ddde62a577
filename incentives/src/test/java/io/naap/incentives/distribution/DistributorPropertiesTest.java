package io.naap.incentives.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.gpu.GpuCost;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.sla.workload.GpuClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The invariants of the distribution, over generated markets: conservation to the wei, no negative
 * amount, nothing for whoever does not qualify, the cap, nothing carried when enough qualify, order
 * independence, monotonicity in the score, and the water-filling itself checked against exact
 * rational arithmetic. Generators reach the edges: empty, 1-wei and near-2^256 pools, a single
 * contributor, nobody qualifying, zero minutes, equal weights, subnormal and huge volumes, every
 * cap from 1 ppm to 100%.
 */
class DistributorPropertiesTest {
  private static final GpuCostTable COSTS = GpuCostTable.defaults();
  private static final BigInteger PPM = BigInteger.valueOf(IncentiveRules.PPM);
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** One epoch's input for one or more workloads. */
  record Market(IncentiveRules rules, List<Pool> pools, List<Contribution> contributions) {
    EpochDistribution distribute() {
      return new Distributor(rules, COSTS).distribute(11, pools, contributions);
    }
  }

  /** The generators reach the edges the properties are about, often enough to matter. */
  @Property(tries = 3_000, seed = "20261129")
  void theMarketsReachTheEdges(@ForAll("markets") Market market) {
    WorkloadAllocation first = market.distribute().workloads().getFirst();
    List<Share> shares = first.shares();
    List<Double> positive =
        shares.stream().map(share -> share.explanation().weight()).filter(w -> w > 0).toList();
    BigInteger pool = first.pool();
    Statistics.label("pool")
        .collect(
            pool.signum() == 0
                ? "0"
                : pool.equals(BigInteger.ONE)
                    ? "1 wei"
                    : pool.bitLength() >= 255 ? ">= 2^254" : "other");
    Statistics.label("single contributor").collect(shares.size() == 1);
    Statistics.label("nobody qualifies")
        .collect(shares.stream().noneMatch(share -> share.explanation().qualifies()));
    Statistics.label("equal positive weights")
        .collect(positive.size() >= 2 && positive.stream().distinct().count() == 1);
    Statistics.label("a weight below 1e-200")
        .collect(positive.stream().anyMatch(weight -> weight < 1e-200));
    Statistics.label("someone capped")
        .collect(shares.stream().anyMatch(share -> share.explanation().capped()));
    Statistics.label("something carried").collect(first.carried().signum() > 0);
    Statistics.label("a remainder wei paid")
        .collect(shares.stream().anyMatch(share -> share.explanation().remainder().signum() > 0));

    Statistics.label("pool")
        .coverage(
            coverage -> {
              coverage.check("0").percentage(p -> p > 3);
              coverage.check("1 wei").percentage(p -> p > 3);
              coverage.check(">= 2^254").percentage(p -> p > 5);
              coverage.check("other").percentage(p -> p > 30);
            });
    for (String label :
        List.of(
            "single contributor",
            "nobody qualifies",
            "equal positive weights",
            "a weight below 1e-200",
            "someone capped",
            "something carried",
            "a remainder wei paid")) {
      Statistics.label(label).coverage(coverage -> coverage.check(true).percentage(p -> p > 2));
    }
  }

  @Property(tries = 2_000, seed = "20261129")
  void conservesEveryPoolToTheWei(@ForAll("markets") Market market) {
    EpochDistribution result = market.distribute();

    for (WorkloadAllocation allocation : result.workloads()) {
      BigInteger sum = BigInteger.ZERO;
      for (Share share : allocation.shares()) {
        sum = sum.add(share.amount());
      }
      assertThat(sum.add(allocation.carried())).isEqualTo(allocation.pool());
      assertThat(allocation.pool()).isEqualTo(pool(market, allocation.workload()));
    }
  }

  @Property(tries = 2_000, seed = "20261129")
  void noAmountIsNegativeAndWhoeverDoesNotQualifyGetsNothing(@ForAll("markets") Market market) {
    for (WorkloadAllocation allocation : market.distribute().workloads()) {
      assertThat(allocation.carried()).isNotNegative();
      for (Share share : allocation.shares()) {
        assertThat(share.amount()).isNotNegative();
        if (!share.explanation().qualifies()) {
          assertThat(share.amount()).isZero();
          assertThat(share.explanation().weight()).isZero();
        }
        if (share.explanation().weight() == 0) {
          assertThat(share.amount()).isZero();
        }
      }
    }
  }

  @Property(tries = 2_000, seed = "20261129")
  void noAmountExceedsTheCap(@ForAll("markets") Market market) {
    for (WorkloadAllocation allocation : market.distribute().workloads()) {
      BigInteger cap = cap(allocation.pool(), market.rules());
      for (Share share : allocation.shares()) {
        assertThat(share.amount()).isLessThanOrEqualTo(cap);
      }
    }
  }

  @Property(tries = 2_000, seed = "20261129")
  void nothingIsCarriedWhenEnoughHaveAPositiveWeight(@ForAll("markets") Market market) {
    int enough = (IncentiveRules.PPM + market.rules().capPpm() - 1) / market.rules().capPpm();
    for (WorkloadAllocation allocation : market.distribute().workloads()) {
      long positive =
          allocation.shares().stream().filter(share -> share.explanation().weight() > 0).count();
      if (positive >= enough && hasPool(market, allocation.workload())) {
        assertThat(allocation.carried()).isZero();
      }
    }
  }

  /**
   * Equal weights are the worst case for the cap: just enough equal contributors (up to 200, so
   * caps from 0.5%) take the whole pool, whatever its size.
   */
  @Property(tries = 500, seed = "20261129")
  void nothingIsCarriedAmongEnoughEqualContributors(
      @ForAll("pools") BigInteger pool,
      @ForAll @IntRange(min = 5_000, max = 1_000_000) int capPpm,
      @ForAll @IntRange(min = 0, max = 2) int extra) {
    int enough = (IncentiveRules.PPM + capPpm - 1) / capPpm;
    IncentiveRules rules =
        new IncentiveRules("equal", 2, 0.75, 0.5, 0.5, new BigDecimal("0.15"), capPpm);
    List<Contribution> equal = new ArrayList<>();
    for (int i = 0; i < enough + extra; i++) {
      equal.add(
          new Contribution(
              "w", address(i), 8_000, 6_000, 60, 2, 0, GpuClass.of("NVIDIA GeForce RTX 4090")));
    }

    WorkloadAllocation allocation =
        new Distributor(rules, COSTS)
            .distribute(1, List.of(new Pool("w", pool)), equal)
            .workloads()
            .getFirst();

    assertThat(allocation.carried()).isZero();
    BigInteger cap = cap(pool, rules);
    List<BigInteger> amounts = allocation.shares().stream().map(Share::amount).toList();
    assertThat(amounts).allSatisfy(amount -> assertThat(amount).isLessThanOrEqualTo(cap));
    // Equal weights: amounts differ by at most the one remainder wei, the larger ones first.
    assertThat(amounts).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(amounts.getFirst().subtract(amounts.getLast())).isLessThanOrEqualTo(BigInteger.ONE);
  }

  @Property(tries = 2_000, seed = "20261129")
  void theResultDoesNotDependOnTheOrderOfTheInputs(
      @ForAll("markets") Market market, @ForAll Random random) {
    List<Pool> pools = new ArrayList<>(market.pools());
    List<Contribution> contributions = new ArrayList<>(market.contributions());
    Collections.shuffle(pools, random);
    Collections.shuffle(contributions, random);

    EpochDistribution shuffled =
        new Distributor(market.rules(), COSTS).distribute(11, pools, contributions);

    assertThat(shuffled).isEqualTo(market.distribute());
  }

  /**
   * Raising one orchestrator's score, all else equal, never lowers its amount, however the floors
   * and the remainder fall: its weight rises and every other weight stays, so the others' floors
   * can only fall, each wei they free adds to the remainder, and the remainder goes by weight,
   * where it only moves up.
   */
  @Property(tries = 10_000, seed = "20261129")
  void raisingAScoreNeverLowersTheAmount(
      @ForAll("markets") Market market,
      @ForAll @IntRange(min = 0, max = 1_000) int pick,
      @ForAll @IntRange(min = 1, max = 10_000) int raise) {
    List<Contribution> contributions = market.contributions();
    int index = pick % contributions.size();
    Contribution before = contributions.get(index);
    int higher = Math.min(Contribution.MAX_BPS, before.scoreBps() + raise);
    Assume.that(higher > before.scoreBps());
    List<Contribution> raised = new ArrayList<>(contributions);
    raised.set(index, withScore(before, higher));

    BigInteger amountBefore = amount(market.distribute(), before);
    BigInteger amountAfter =
        amount(
            new Distributor(market.rules(), COSTS).distribute(11, market.pools(), raised), before);

    assertThat(amountAfter).isGreaterThanOrEqualTo(amountBefore);
  }

  /** The smallest steps, where rounding matters most: one basis point at a time. */
  @Property(tries = 500, seed = "20261129")
  void everyBasisPointUpKeepsOrRaisesTheAmount(@ForAll("smallPoolMarkets") Market market) {
    Contribution first = market.contributions().getFirst();
    Distributor distributor = new Distributor(market.rules(), COSTS);
    BigInteger previous = BigInteger.ZERO;
    for (int score = first.scoreBps(); score <= Math.min(10_000, first.scoreBps() + 300); score++) {
      List<Contribution> changed = new ArrayList<>(market.contributions());
      changed.set(0, withScore(first, score));
      BigInteger amount = amount(distributor.distribute(1, market.pools(), changed), first);
      assertThat(amount).as("score %d", score).isGreaterThanOrEqualTo(previous);
      previous = amount;
    }
  }

  /**
   * The water-filling, checked in exact rational arithmetic on the weights as the doubles they are:
   * with {@code R} the pool less the capped amounts and {@code S} the sum of the uncapped weights,
   * a capped orchestrator's share {@code R x w / S} exceeds the cap and an uncapped one's does not;
   * an uncapped amount less its remainder wei is {@code floor(R x w / S)}; the remainder wei are
   * exactly what those floors leave, and go to the largest weights (ties: lower address) among
   * those below the cap.
   */
  @Property(tries = 2_000, seed = "20261129")
  void amountsAreTheExactWaterFillingOfTheWeights(@ForAll("markets") Market market) {
    for (WorkloadAllocation allocation : market.distribute().workloads()) {
      if (!hasPool(market, allocation.workload())) {
        continue;
      }
      BigInteger pool = allocation.pool();
      BigInteger cap = cap(pool, market.rules());
      List<Share> positive =
          allocation.shares().stream().filter(share -> share.explanation().weight() > 0).toList();
      List<Share> capped = positive.stream().filter(share -> share.explanation().capped()).toList();
      List<Share> uncapped =
          positive.stream().filter(share -> !share.explanation().capped()).toList();
      BigDecimal remaining =
          new BigDecimal(pool.subtract(cap.multiply(BigInteger.valueOf(capped.size()))));
      BigDecimal sum = BigDecimal.ZERO;
      for (Share share : uncapped) {
        sum = sum.add(new BigDecimal(share.explanation().weight()));
      }
      for (Share share : capped) {
        assertThat(share.amount()).isEqualTo(cap);
      }
      if (uncapped.isEmpty()) {
        assertThat(allocation.carried()).isEqualTo(remaining.toBigIntegerExact());
        continue;
      }
      assertThat(allocation.carried()).isZero();
      BigDecimal capTimesSum = new BigDecimal(cap).multiply(sum);
      for (Share share : capped) {
        BigDecimal exact = remaining.multiply(new BigDecimal(share.explanation().weight()));
        assertThat(exact).isGreaterThan(capTimesSum);
      }
      BigInteger floors = BigInteger.ZERO;
      for (Share share : uncapped) {
        BigDecimal exact = remaining.multiply(new BigDecimal(share.explanation().weight()));
        assertThat(exact).isLessThanOrEqualTo(capTimesSum);
        BigInteger floor = share.amount().subtract(share.explanation().remainder());
        assertThat(new BigDecimal(floor).multiply(sum)).isLessThanOrEqualTo(exact);
        assertThat(new BigDecimal(floor.add(BigInteger.ONE)).multiply(sum)).isGreaterThan(exact);
        floors = floors.add(floor);
      }
      BigInteger remainders =
          uncapped.stream()
              .map(share -> share.explanation().remainder())
              .reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(remainders).isEqualTo(remaining.toBigIntegerExact().subtract(floors));
      List<Share> eligible =
          uncapped.stream()
              .filter(
                  share ->
                      share.amount().subtract(share.explanation().remainder()).compareTo(cap) < 0)
              .sorted(Comparator.comparing((Share share) -> -share.explanation().weight()))
              .toList();
      for (int i = 0; i < eligible.size(); i++) {
        assertThat(eligible.get(i).explanation().remainder())
            .isEqualTo(i < remainders.intValueExact() ? BigInteger.ONE : BigInteger.ZERO);
      }
    }
  }

  @Provide
  Arbitrary<Market> markets() {
    return Combinators.combine(
            rules(),
            Arbitraries.integers().between(0, 10_000),
            workloadCount(),
            pools().list().ofSize(3),
            deliveries().list().ofMinSize(1).ofMaxSize(24),
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
            deliveries())
        .as(DistributorPropertiesTest::market);
  }

  /**
   * A market of the deliveries: the workload of each is its index modulo the workload count, the
   * first of a (workload, orchestrator) kept; every workload but the last of three has a pool. With
   * {@code equal}, everyone delivers what the template delivers.
   */
  private static Market market(
      IncentiveRules rules,
      int minScore,
      int workloads,
      List<BigInteger> amounts,
      List<Delivery> deliveries,
      boolean equal,
      Delivery template) {
    List<Contribution> contributions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery delivery = equal ? template : deliveries.get(i);
      int id = deliveries.get(i).id();
      // the first delivery always goes to workload 0, so that it has a contribution
      int workload = i == 0 ? 0 : deliveries.get(i).workload() % workloads;
      if (seen.add(workload + "/" + id)) {
        contributions.add(delivery.contribution(workload(workload), address(id), minScore));
      }
    }
    List<Pool> pools = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      if (w < 2 || w < workloads - 1) {
        pools.add(new Pool(workload(w), amounts.get(w)));
      }
    }
    return new Market(rules, pools, contributions);
  }

  /** What an orchestrator delivered, before the market gives it a workload and a minimum. */
  record Delivery(
      int id,
      int workload,
      int score,
      int nearMinimum,
      double seconds,
      long sessions,
      long swaps,
      GpuClass gpu) {
    /** The score: {@code score}, or the minimum plus {@code nearMinimum} when that is in -1..1. */
    Contribution contribution(String workload, EvmAddress orchestrator, int minScore) {
      int scoreBps =
          Math.abs(nearMinimum) <= 1
              ? Math.clamp(minScore + nearMinimum, 0, Contribution.MAX_BPS)
              : score;
      return new Contribution(
          workload, orchestrator, scoreBps, minScore, seconds, sessions, swaps, gpu);
    }
  }

  /** A contributor of the small-pool markets. */
  record Row(int score, int seconds, int swaps, GpuClass gpu) {}

  @Provide
  Arbitrary<Market> smallPoolMarkets() {
    Arbitrary<List<Contribution>> equalish =
        Combinators.combine(
                Arbitraries.integers().between(5_500, 10_000),
                Arbitraries.integers().between(58, 62),
                Arbitraries.integers().between(0, 2),
                gpus())
            .as(Row::new)
            .list()
            .ofMinSize(1)
            .ofMaxSize(12)
            .map(
                rows -> {
                  List<Contribution> contributions = new ArrayList<>();
                  for (int id = 0; id < rows.size(); id++) {
                    Row row = rows.get(id);
                    contributions.add(
                        new Contribution(
                            "w0",
                            address(id),
                            row.score(),
                            6_000,
                            row.seconds(),
                            2,
                            row.swaps(),
                            row.gpu()));
                  }
                  return contributions;
                });
    return Combinators.combine(
            Arbitraries.of(IncentiveRules.v1(), rulesWithCap(1_000_000), rulesWithCap(333_333)),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(50)),
            equalish)
        .as(
            (rules, pool, contributions) ->
                new Market(rules, List.of(new Pool("w0", pool)), contributions));
  }

  @Provide
  Arbitrary<BigInteger> pools() {
    BigInteger half = BigInteger.ONE.shiftLeft(255);
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(BigInteger.ZERO)),
        Tuple.of(2, Arbitraries.just(BigInteger.ONE)),
        Tuple.of(4, Arbitraries.bigIntegers().between(BigInteger.TWO, BigInteger.valueOf(1_000))),
        Tuple.of(
            4, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(15), BigInteger.TEN.pow(22))),
        Tuple.of(
            2,
            Arbitraries.bigIntegers()
                .between(
                    half.subtract(BigInteger.valueOf(1_000)), half.add(BigInteger.valueOf(1_000)))),
        Tuple.of(1, Arbitraries.just(MAX_UINT256)),
        Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.ZERO, MAX_UINT256)));
  }

  private static Arbitrary<IncentiveRules> rules() {
    Arbitrary<IncentiveRules> random =
        Combinators.combine(
                Arbitraries.doubles().between(0, 4).withSpecialValue(0).withSpecialValue(1),
                Arbitraries.doubles().between(0, 1).withSpecialValue(0).withSpecialValue(1),
                Arbitraries.doubles().between(0, 1).withSpecialValue(0).withSpecialValue(1),
                Arbitraries.doubles().between(0, 2).withSpecialValue(0).withSpecialValue(1),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(3),
                Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(1)),
                    Tuple.of(1, Arbitraries.just(IncentiveRules.PPM)),
                    Tuple.of(1, Arbitraries.just(250_000)),
                    Tuple.of(1, Arbitraries.just(333_333)),
                    Tuple.of(3, Arbitraries.integers().between(1, IncentiveRules.PPM))))
            .as(
                (sla, minutes, swap, cost, energy, cap) ->
                    new IncentiveRules("generated", sla, minutes, swap, cost, energy, cap));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(IncentiveRules.v1())), Tuple.of(2, random));
  }

  private static IncentiveRules rulesWithCap(int capPpm) {
    IncentiveRules v1 = IncentiveRules.v1();
    return new IncentiveRules(
        "v1-cap-" + capPpm,
        v1.slaExponent(),
        v1.minutesWeight(),
        v1.swapPenalty(),
        v1.costExponent(),
        v1.energyUsdPerKwh(),
        capPpm);
  }

  private static Arbitrary<Integer> workloadCount() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(2, 3)));
  }

  private static Arbitrary<Delivery> deliveries() {
    Arbitrary<Integer> score =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0)),
            Tuple.of(1, Arbitraries.just(Contribution.MAX_BPS)),
            Tuple.of(6, Arbitraries.integers().between(0, Contribution.MAX_BPS)));
    Arbitrary<Integer> nearMinimum =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(2)), Tuple.of(1, Arbitraries.integers().between(-1, 1)));
    Arbitrary<Double> seconds =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0.0)),
            Tuple.of(1, Arbitraries.just(Double.MIN_VALUE)),
            Tuple.of(1, Arbitraries.doubles().between(1, 10).ofScale(9).map(x -> x * 1e-300)),
            Tuple.of(6, Arbitraries.doubles().between(0, 100_000).ofScale(6)),
            Tuple.of(1, Arbitraries.doubles().between(1, 1_000).ofScale(9).map(x -> x * 1e12)),
            Tuple.of(1, Arbitraries.doubles().between(1, 10).ofScale(9).map(x -> x * 1e290)));
    Arbitrary<Long> sessions =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0L)),
            Tuple.of(6, Arbitraries.longs().between(0, 1_000)),
            Tuple.of(1, Arbitraries.longs().between(1L << 40, Long.MAX_VALUE / 64)));
    Arbitrary<Long> swaps =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just(0L)),
            Tuple.of(4, Arbitraries.longs().between(0, 50)),
            Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE)));
    return Combinators.combine(
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 2),
            score,
            nearMinimum,
            seconds,
            sessions,
            swaps,
            gpus())
        .as(Delivery::new);
  }

  /** Every class of the cost table, and one it does not list. */
  private static Arbitrary<GpuClass> gpus() {
    List<GpuClass> classes = new ArrayList<>();
    for (GpuCost entry : COSTS.entries()) {
      classes.add(entry.gpu());
    }
    classes.add(GpuClass.of("Voodoo 5 6000"));
    return Arbitraries.of(classes);
  }

  private static String workload(int index) {
    return "w" + index;
  }

  static EvmAddress address(int id) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) (0x80 + id); // the top bit set: unsigned order differs from signed
    bytes[19] = (byte) id;
    return EvmAddress.of(bytes);
  }

  private static Contribution withScore(Contribution c, int scoreBps) {
    return new Contribution(
        c.workload(),
        c.orchestrator(),
        scoreBps,
        c.minScoreBps(),
        c.inferenceSeconds(),
        c.sessions(),
        c.swaps(),
        c.gpu());
  }

  private static BigInteger amount(EpochDistribution result, Contribution contribution) {
    for (WorkloadAllocation allocation : result.workloads()) {
      if (allocation.workload().equals(contribution.workload())) {
        for (Share share : allocation.shares()) {
          if (share.orchestrator().equals(contribution.orchestrator())) {
            return share.amount();
          }
        }
      }
    }
    throw new AssertionError("no share for " + contribution);
  }

  private static BigInteger cap(BigInteger pool, IncentiveRules rules) {
    return pool.multiply(BigInteger.valueOf(rules.capPpm()))
        .add(PPM)
        .subtract(BigInteger.ONE)
        .divide(PPM);
  }

  private static boolean hasPool(Market market, String workload) {
    return market.pools().stream().anyMatch(pool -> pool.workload().equals(workload));
  }

  private static BigInteger pool(Market market, String workload) {
    return market.pools().stream()
        .filter(pool -> pool.workload().equals(workload))
        .map(Pool::amount)
        .findFirst()
        .orElse(BigInteger.ZERO);
  }
}
