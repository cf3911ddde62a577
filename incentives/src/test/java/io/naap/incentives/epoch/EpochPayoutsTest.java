package io.naap.incentives.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.incentives.delegation.Delegation;
import io.naap.incentives.delegation.Stake;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.distribution.Distributor;
import io.naap.incentives.distribution.IncentiveRules;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.sla.workload.GpuClass;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * An epoch's payouts from its inputs: pools from what was newly funded and carried, credited fees
 * attributed to workloads and unattributed, the delegators' split and the cumulative tree, and the
 * same document and root whatever the order of the inputs.
 */
class EpochPayoutsTest {
  private static final EpochPayouts ENGINE =
      new EpochPayouts(new Distributor(IncentiveRules.v1(), GpuCostTable.defaults()));
  private static final GpuClass RTX_4090 = GpuClass.of("NVIDIA GeForce RTX 4090");
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final String PORTRAIT = "liveportrait";
  private static final EvmAddress A = address(0xa);
  private static final EvmAddress B = address(0xb);
  private static final EvmAddress C = address(0xc);
  private static final EvmAddress D = address(0xd);
  private static final EvmAddress DELEGATOR = address(0xde);
  private static final EvmAddress STRANGER = address(0x5e);

  @Test
  void aPoolIsWhatWasNewlyFundedPlusWhatThePreviousEpochCarried() {
    EpochPayout payout =
        ENGINE.compute(
            input(
                2,
                List.of(
                    contribution(SDXL, A, 9_000, 600, 4),
                    contribution(SDXL, B, 8_000, 300, 2),
                    contribution(SDXL, C, 7_000, 300, 2),
                    contribution(SDXL, D, 7_000, 300, 2)),
                Map.of(SDXL, wei(1_700)),
                Map.of(SDXL, new EpochInput.PreviousPool(wei(1_000), wei(300))),
                Map.of(),
                Map.of(),
                Map.of()));
    PoolOutcome sdxl = pool(payout, SDXL);
    assertThat(sdxl.fundedThrough()).isEqualTo(wei(1_700));
    assertThat(sdxl.funded()).isEqualTo(wei(700));
    assertThat(sdxl.carriedIn()).isEqualTo(wei(300));
    assertThat(sdxl.distributed()).isEqualTo(wei(1_000));
    assertThat(sdxl.carriedOut()).isZero();
    // a catalogue workload nobody served keeps its pool (empty here) and carries it on
    assertThat(pool(payout, PORTRAIT).distributed()).isZero();
  }

  @Test
  void fundingThatShrankCountsAsNothingNew() {
    // a funding event the mirror dropped (a reorg) never makes a negative pool
    EpochPayout payout =
        ENGINE.compute(
            input(
                3,
                List.of(contribution(SDXL, A, 9_000, 600, 4)),
                Map.of(SDXL, wei(500)),
                Map.of(SDXL, new EpochInput.PreviousPool(wei(800), wei(40))),
                Map.of(),
                Map.of(),
                Map.of()));
    assertThat(pool(payout, SDXL).funded()).isZero();
    assertThat(pool(payout, SDXL).carriedIn()).isEqualTo(wei(40));
  }

  @Test
  void creditedFeesGoToTheWorkloadsByExpectedFeesThenSecondsThenEvenly() {
    Map<EvmAddress, Map<String, BigInteger>> expected = new HashMap<>();
    expected.put(A, Map.of(SDXL, wei(3), PORTRAIT, wei(1)));
    EpochPayout payout =
        ENGINE.compute(
            input(
                1,
                List.of(
                    contribution(SDXL, A, 9_000, 600, 4),
                    contribution(PORTRAIT, A, 9_000, 100, 1),
                    contribution(SDXL, B, 9_000, 100, 1),
                    contribution(PORTRAIT, B, 9_000, 300, 1),
                    contribution(SDXL, C, 9_000, 0, 0),
                    contribution(PORTRAIT, C, 9_000, 0, 0)),
                Map.of(),
                Map.of(),
                Map.of(A, wei(1_001), B, wei(1_000), C, wei(7), STRANGER, wei(55)),
                Map.of(),
                expected));
    // A by its expected fees 3:1, the wei left by the floors to its largest workload
    assertThat(payout.attributed(A, SDXL)).isEqualTo(wei(751));
    assertThat(payout.attributed(A, PORTRAIT)).isEqualTo(wei(250));
    // B has no priced payment: by its inference seconds 1:3
    assertThat(payout.attributed(B, SDXL)).isEqualTo(wei(250));
    assertThat(payout.attributed(B, PORTRAIT)).isEqualTo(wei(750));
    // C has neither: evenly, the odd wei to the first workload by name
    assertThat(payout.attributed(C, PORTRAIT)).isEqualTo(wei(4));
    assertThat(payout.attributed(C, SDXL)).isEqualTo(wei(3));
    assertThat(payout.unattributedFees()).isEqualTo(wei(55));
    assertThat(pool(payout, SDXL).feesCredited()).isEqualTo(wei(751 + 250 + 3));
    assertThat(pool(payout, PORTRAIT).feesCredited()).isEqualTo(wei(250 + 750 + 4));
    // the fee split is by the credited fees, the delegators' part by the fee share
    assertThat(payout.feeSplits()).hasSize(3);
  }

  @Test
  void theTreePaysEachAccountItsCumulativeBonusAsOrchestratorAndAsDelegator() {
    Map<EvmAddress, Delegation> delegations =
        Map.of(
            A,
            new Delegation(
                A, 500_000, List.of(new Stake(A, wei(100)), new Stake(DELEGATOR, wei(300)))),
            B,
            new Delegation(B, 1_000_000, List.of(new Stake(DELEGATOR, wei(1)))));
    EpochInput first =
        new EpochInput(
            1,
            List.of(SDXL),
            List.of(
                contribution(SDXL, A, 9_000, 600, 4),
                contribution(SDXL, B, 9_000, 600, 4),
                contribution(SDXL, C, 9_000, 600, 4),
                contribution(SDXL, D, 9_000, 600, 4)),
            Map.of(),
            Map.of(SDXL, wei(4_000)),
            Map.of(),
            Map.of(),
            Map.of(),
            delegations,
            Map.of(DELEGATOR, wei(10)));
    EpochPayout payout = ENGINE.compute(first);
    // four equal orchestrators: 1,000 wei each
    assertThat(payout.bonus().payouts()).containsEntry(A, wei(1_000)).containsEntry(B, wei(1_000));
    // A keeps 500, its bond 100 of 400 gets 125, the delegator 375; B gives its delegator all
    assertThat(payout.accounts()).containsEntry(A, wei(625));
    assertThat(payout.accounts()).containsEntry(DELEGATOR, wei(375 + 1_000));
    assertThat(payout.accounts().getOrDefault(B, BigInteger.ZERO)).isZero();
    assertThat(payout.cumulative()).doesNotContainKey(B);
    assertThat(payout.cumulative()).containsEntry(DELEGATOR, wei(10 + 375 + 1_000));
    assertThat(payout.changed()).containsOnlyKeys(A, C, D, DELEGATOR);
    var tree = payout.tree().orElseThrow();
    assertThat(tree.total())
        .isEqualTo(payout.cumulative().values().stream().reduce(BigInteger.ZERO, BigInteger::add));
    for (var entry : payout.cumulative().entrySet()) {
      Bytes32 leaf = new PayoutLeaf(entry.getKey(), entry.getValue()).hash();
      assertThat(
              MerkleTree.verify(
                  tree.root(), leaf, tree.claim(entry.getKey()).orElseThrow().proof()))
          .isTrue();
    }
    String document = new String(payout.document(), StandardCharsets.UTF_8);
    assertThat(document).startsWith("{\"epoch\":1,\"rulesVersion\":\"incentives-1\"");
    assertThat(document).contains("\"payoutRoot\":\"" + tree.root().hex() + "\"");
    assertThat(payout.dataHash()).isEqualTo(Bytes32.keccak(payout.document()));
  }

  @Test
  void withNothingFundedNothingChangesAndThereIsNoTree() {
    EpochPayout payout =
        ENGINE.compute(
            input(
                1,
                List.of(contribution(SDXL, A, 9_000, 600, 4)),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of()));
    assertThat(payout.changed()).isEmpty();
    assertThat(payout.tree()).isEmpty();
    assertThat(new String(payout.document(), StandardCharsets.UTF_8))
        .contains("\"payoutRoot\":null,\"cumulativeTotal\":\"0\",\"leaves\":[]}");
  }

  @Property(tries = 200)
  void theDocumentAndRootDoNotDependOnTheOrderOfTheInputs(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 30) int orchestrators) {
    Random random = new Random(seed);
    List<Contribution> contributions = new ArrayList<>();
    Map<EvmAddress, BigInteger> credited = new HashMap<>();
    Map<EvmAddress, Delegation> delegations = new HashMap<>();
    Map<EvmAddress, BigInteger> previous = new HashMap<>();
    for (int i = 0; i < orchestrators; i++) {
      EvmAddress orchestrator = address(0x100 + i);
      for (String workload : List.of(SDXL, PORTRAIT)) {
        if (random.nextBoolean()) {
          contributions.add(
              new Contribution(
                  workload,
                  orchestrator,
                  random.nextInt(10_001),
                  6_000,
                  random.nextDouble() * 3_600,
                  random.nextInt(20),
                  random.nextInt(3),
                  RTX_4090));
        }
      }
      if (random.nextBoolean()) {
        credited.put(orchestrator, BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)));
      }
      if (random.nextBoolean()) {
        delegations.put(
            orchestrator,
            new Delegation(
                orchestrator,
                random.nextInt(1_000_001),
                List.of(
                    new Stake(orchestrator, BigInteger.valueOf(random.nextInt(1_000))),
                    new Stake(address(0x900 + i), BigInteger.valueOf(random.nextInt(1_000))))));
      }
      if (random.nextInt(4) == 0) {
        previous.put(orchestrator, BigInteger.valueOf(random.nextInt(1_000_000)));
      }
    }
    Map<String, BigInteger> funded =
        Map.of(SDXL, BigInteger.valueOf(random.nextLong(0, Long.MAX_VALUE)), PORTRAIT, wei(999));
    EpochInput ordered =
        new EpochInput(
            5,
            List.of(SDXL, PORTRAIT),
            contributions,
            Map.of(),
            funded,
            Map.of(),
            Map.of(),
            credited,
            delegations,
            previous);
    List<Contribution> shuffled = new ArrayList<>(contributions);
    Collections.shuffle(shuffled, random);
    EpochInput other =
        new EpochInput(
            5,
            List.of(PORTRAIT, SDXL),
            shuffled,
            Map.of(),
            funded,
            Map.of(),
            Map.of(),
            credited,
            delegations,
            previous);
    EpochPayout one = ENGINE.compute(ordered);
    EpochPayout two = ENGINE.compute(other);
    assertThat(two.document()).isEqualTo(one.document());
    assertThat(two.dataHash()).isEqualTo(one.dataHash());
    // conservation of every pool, to the wei
    for (PoolOutcome pool : one.pools()) {
      assertThat(pool.distributed().add(pool.carriedOut()))
          .isEqualTo(pool.funded().add(pool.carriedIn()));
    }
    BigInteger paid = one.accounts().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(paid).isEqualTo(one.distributedTotal());
  }

  private static EpochInput input(
      long epoch,
      List<Contribution> contributions,
      Map<String, BigInteger> fundedThrough,
      Map<String, EpochInput.PreviousPool> previousPools,
      Map<EvmAddress, BigInteger> credited,
      Map<EvmAddress, Delegation> delegations,
      Map<EvmAddress, Map<String, BigInteger>> expectedFees) {
    return new EpochInput(
        epoch,
        List.of(SDXL, PORTRAIT),
        contributions,
        expectedFees,
        fundedThrough,
        Map.of(),
        previousPools,
        credited,
        delegations,
        Map.of());
  }

  private static Contribution contribution(
      String workload, EvmAddress orchestrator, int scoreBps, double seconds, long sessions) {
    return new Contribution(
        workload, orchestrator, scoreBps, 6_000, seconds, sessions, 0, RTX_4090);
  }

  private static PoolOutcome pool(EpochPayout payout, String workload) {
    return payout.pools().stream()
        .filter(pool -> pool.workload().equals(workload))
        .findFirst()
        .orElseThrow();
  }

  private static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }

  private static EvmAddress address(int last) {
    byte[] bytes = new byte[20];
    bytes[18] = (byte) (last >>> 8);
    bytes[19] = (byte) last;
    return EvmAddress.of(bytes);
  }
}
