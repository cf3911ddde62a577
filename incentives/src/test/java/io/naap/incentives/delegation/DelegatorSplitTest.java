package io.naap.incentives.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The delegators' split: hand-computed cases, the fallbacks, and exactness over generated stakes.
 */
class DelegatorSplitTest {
  private static final EvmAddress ORCHESTRATOR = address(0x0f);
  private static final EvmAddress ALICE = address(0xa1);
  private static final EvmAddress BOB = address(0xb0);
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  static EvmAddress address(int id) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) id;
    bytes[19] = (byte) id;
    return EvmAddress.of(bytes);
  }

  private static Stake stake(EvmAddress delegator, long bonded) {
    return new Stake(delegator, BigInteger.valueOf(bonded));
  }

  /**
   * A payout of 1,000,000 with a 40% fee share: the delegators' part is 400,000, shared over stakes
   * of 1,000 (the self-bond), 2,000 and 3,000: 66,666 (66,666.7 floored), 133,333 and 200,000,
   * together 399,999; the orchestrator keeps 600,000 and the 1 wei left: 600,001.
   */
  @Test
  void sharesTheDelegatorsPartByStakeAndGivesTheFlooringRemainderToTheOrchestrator() {
    Delegation delegation =
        new Delegation(
            ORCHESTRATOR,
            400_000,
            List.of(stake(BOB, 3_000), stake(ORCHESTRATOR, 1_000), stake(ALICE, 2_000)));

    OrchestratorSplit split =
        DelegatorSplit.split(ORCHESTRATOR, BigInteger.valueOf(1_000_000), Optional.of(delegation));

    assertThat(split.payout()).isEqualTo(1_000_000);
    assertThat(split.feeSharePpm()).isEqualTo(400_000);
    assertThat(split.delegatorsPart()).isEqualTo(400_000);
    assertThat(split.delegators())
        .containsExactly(
            new DelegatorShare(ORCHESTRATOR, BigInteger.valueOf(1_000), BigInteger.valueOf(66_666)),
            new DelegatorShare(ALICE, BigInteger.valueOf(2_000), BigInteger.valueOf(133_333)),
            new DelegatorShare(BOB, BigInteger.valueOf(3_000), BigInteger.valueOf(200_000)));
    assertThat(split.commission()).isEqualTo(600_001);
    assertThat(split.basis())
        .isEqualTo(
            "the delegators get 40% of the payout (400000), shared in proportion to stake; the"
                + " orchestrator keeps the rest as commission, plus the 1 left by flooring the"
                + " delegators' amounts");
  }

  @Test
  void withoutAKnownDelegationTheOrchestratorKeepsEverything() {
    OrchestratorSplit split =
        DelegatorSplit.split(ORCHESTRATOR, BigInteger.valueOf(777), Optional.empty());

    assertThat(split.commission()).isEqualTo(777);
    assertThat(split.delegatorsPart()).isZero();
    assertThat(split.feeSharePpm()).isZero();
    assertThat(split.delegators()).isEmpty();
    assertThat(split.basis())
        .isEqualTo("no delegation known: the whole payout goes to the orchestrator");
  }

  @Test
  void withoutStakeTheOrchestratorKeepsEverything() {
    Delegation unbonded =
        new Delegation(ORCHESTRATOR, 500_000, List.of(stake(ALICE, 0), stake(BOB, 0)));

    OrchestratorSplit split =
        DelegatorSplit.split(ORCHESTRATOR, BigInteger.valueOf(777), Optional.of(unbonded));

    assertThat(split.commission()).isEqualTo(777);
    assertThat(split.delegatorsPart()).isZero();
    assertThat(split.delegators()).extracting(DelegatorShare::amount).containsOnly(BigInteger.ZERO);
    assertThat(split.basis())
        .isEqualTo("no stake bonded to the orchestrator: the whole payout goes to it");
  }

  @Test
  void aFeeShareOfZeroOrAllGoesWhollyToOneSide() {
    List<Stake> stakes = List.of(stake(ALICE, 1), stake(BOB, 1));

    OrchestratorSplit none =
        DelegatorSplit.split(
            ORCHESTRATOR,
            BigInteger.valueOf(101),
            Optional.of(new Delegation(ORCHESTRATOR, 0, stakes)));
    OrchestratorSplit all =
        DelegatorSplit.split(
            ORCHESTRATOR,
            BigInteger.valueOf(101),
            Optional.of(new Delegation(ORCHESTRATOR, 1_000_000, stakes)));

    assertThat(none.commission()).isEqualTo(101);
    assertThat(none.delegators()).extracting(DelegatorShare::amount).containsOnly(BigInteger.ZERO);
    assertThat(all.delegatorsPart()).isEqualTo(101);
    assertThat(all.delegators())
        .extracting(DelegatorShare::amount)
        .containsOnly(BigInteger.valueOf(50));
    assertThat(all.commission()).isEqualTo(1);
  }

  @Test
  void accountsSumWhatEachAddressReceivesByAddress() {
    EvmAddress other = address(0x0e);
    OrchestratorSplit first =
        DelegatorSplit.split(
            ORCHESTRATOR,
            BigInteger.valueOf(1_000),
            Optional.of(
                new Delegation(ORCHESTRATOR, 500_000, List.of(stake(ALICE, 1), stake(other, 1)))));
    OrchestratorSplit second =
        DelegatorSplit.split(
            other,
            BigInteger.valueOf(100),
            Optional.of(new Delegation(other, 1_000_000, List.of(stake(ALICE, 1), stake(BOB, 0)))));

    Map<EvmAddress, BigInteger> accounts = DelegatorSplit.accounts(List.of(first, second));

    // the orchestrator 500; other: 250 as a delegator + 0 commission; alice 250 + 100; bob nothing
    assertThat(accounts.keySet()).containsExactly(other, ORCHESTRATOR, ALICE);
    assertThat(accounts.get(ORCHESTRATOR)).isEqualTo(500);
    assertThat(accounts.get(other)).isEqualTo(250);
    assertThat(accounts.get(ALICE)).isEqualTo(350);
    assertThatThrownBy(() -> DelegatorSplit.accounts(List.of(first, first)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two splits of the payout of " + ORCHESTRATOR);
  }

  @Test
  void refusesInconsistentInput() {
    Delegation alices = new Delegation(ALICE, 0, List.of());

    assertThatThrownBy(
            () -> DelegatorSplit.split(ORCHESTRATOR, BigInteger.ONE, Optional.of(alices)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the delegation of " + ALICE + " cannot split the payout of " + ORCHESTRATOR);
    assertThatThrownBy(
            () -> DelegatorSplit.split(ORCHESTRATOR, BigInteger.ONE.negate(), Optional.empty()))
        .hasMessage("payout must be >= 0: -1");
    assertThatThrownBy(() -> new Delegation(ORCHESTRATOR, 1_000_001, List.of()))
        .hasMessage("feeSharePpm must be 0 to 1000000: 1000001");
    assertThatThrownBy(
            () -> new Delegation(ORCHESTRATOR, 0, List.of(stake(ALICE, 1), stake(ALICE, 2))))
        .hasMessage("delegator " + ALICE + " has two stakes with orchestrator " + ORCHESTRATOR);
    assertThatThrownBy(() -> stake(ALICE, -1)).hasMessage("bonded stake must be >= 0: -1");
  }

  /**
   * Exact for any payout, fee share and stakes: {@code commission + sum == payout}, nothing
   * negative, each delegator within one wei below its exact pro-rata part of {@code D}, the
   * orchestrator never below {@code payout - D}, and the flooring remainder below the number of
   * stakes.
   */
  @Property(tries = 2_000, seed = "20261129")
  void theSplitIsExactAndFair(
      @ForAll("payouts") BigInteger payout, @ForAll("delegations") Delegation delegation) {
    OrchestratorSplit split = DelegatorSplit.split(ORCHESTRATOR, payout, Optional.of(delegation));

    BigInteger sum = split.commission();
    BigInteger totalStake = BigInteger.ZERO;
    for (DelegatorShare share : split.delegators()) {
      assertThat(share.amount()).isNotNegative();
      sum = sum.add(share.amount());
      totalStake = totalStake.add(share.stake());
    }
    assertThat(sum).isEqualTo(payout);
    assertThat(split.commission()).isNotNegative();
    BigInteger part =
        totalStake.signum() == 0
            ? BigInteger.ZERO
            : payout
                .multiply(BigInteger.valueOf(delegation.feeSharePpm()))
                .divide(BigInteger.valueOf(1_000_000));
    assertThat(split.delegatorsPart()).isEqualTo(part);
    assertThat(split.commission()).isGreaterThanOrEqualTo(payout.subtract(part));
    assertThat(split.commission().subtract(payout.subtract(part)))
        .isLessThan(BigInteger.valueOf(Math.max(1, delegation.stakes().size())));
    for (DelegatorShare share : split.delegators()) {
      if (totalStake.signum() == 0) {
        assertThat(share.amount()).isZero();
        continue;
      }
      // amount <= part x stake / total < amount + 1
      assertThat(share.amount().multiply(totalStake))
          .isLessThanOrEqualTo(part.multiply(share.stake()));
      assertThat(share.amount().add(BigInteger.ONE).multiply(totalStake))
          .isGreaterThan(part.multiply(share.stake()));
    }
    assertThat(split.delegators())
        .extracting(DelegatorShare::delegator)
        .containsExactlyInAnyOrderElementsOf(
            delegation.stakes().stream().map(Stake::delegator).toList());
  }

  /** Whatever the splits, the accounts receive exactly the payouts, none of them nothing. */
  @Property(tries = 500, seed = "20261129")
  void accountsReceiveExactlyThePayouts(
      @ForAll("payouts") BigInteger first,
      @ForAll("delegations") Delegation firstDelegation,
      @ForAll("payouts") BigInteger second,
      @ForAll("delegations") Delegation secondDelegation) {
    EvmAddress otherOrchestrator = address(0x0e);
    Delegation other =
        new Delegation(
            otherOrchestrator, secondDelegation.feeSharePpm(), secondDelegation.stakes());
    List<OrchestratorSplit> splits =
        List.of(
            DelegatorSplit.split(ORCHESTRATOR, first, Optional.of(firstDelegation)),
            DelegatorSplit.split(otherOrchestrator, second, Optional.of(other)));

    Map<EvmAddress, BigInteger> accounts = DelegatorSplit.accounts(splits);

    assertThat(accounts.values().stream().reduce(BigInteger.ZERO, BigInteger::add))
        .isEqualTo(first.add(second));
    assertThat(accounts.values()).allSatisfy(amount -> assertThat(amount).isPositive());
    List<EvmAddress> keys = new ArrayList<>(accounts.keySet());
    assertThat(keys).isSortedAccordingTo(io.naap.incentives.AddressOrder.ASCENDING);
  }

  @Provide
  Arbitrary<BigInteger> payouts() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(BigInteger.ZERO)),
        Tuple.of(1, Arbitraries.just(BigInteger.ONE)),
        Tuple.of(3, Arbitraries.bigIntegers().between(BigInteger.TWO, BigInteger.valueOf(10_000))),
        Tuple.of(
            3, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(15), BigInteger.TEN.pow(22))),
        Tuple.of(1, Arbitraries.just(MAX_UINT256)));
  }

  @Provide
  Arbitrary<Delegation> delegations() {
    Arbitrary<Long> feeShare =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0L)),
            Tuple.of(1, Arbitraries.just(1_000_000L)),
            Tuple.of(4, Arbitraries.longs().between(0, 1_000_000)));
    Arbitrary<BigInteger> bonded =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(BigInteger.ZERO)),
            Tuple.of(
                3, Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.valueOf(1_000))),
            Tuple.of(
                3,
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(18), BigInteger.TEN.pow(24))));
    Arbitrary<List<Stake>> stakes =
        Combinators.combine(Arbitraries.integers().between(1, 60), bonded)
            .as((id, amount) -> new Stake(address(id), amount))
            .list()
            .ofMaxSize(10)
            .uniqueElements(Stake::delegator);
    return Combinators.combine(feeShare, stakes)
        .as((share, list) -> new Delegation(ORCHESTRATOR, share, list));
  }
}
