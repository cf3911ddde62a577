package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.indexer.rpc.RangeLimit.BlockCap;
import io.naap.indexer.rpc.RangeLimit.SuggestedRange;
import io.naap.indexer.rpc.RangeLimit.TooLarge;
import org.junit.jupiter.api.Test;

/** How ranges grow after successes and shrink on range-limit errors. */
class RangePlannerTest {
  private static RangePlanner planner(int targetLogs, long maxBlocks, long initialBlocks) {
    return new RangePlanner(new RangeSettings(targetLogs, maxBlocks, initialBlocks));
  }

  @Test
  void growsAtMostTwofoldAfterFullWidthSuccessesUpToTheCap() {
    RangePlanner planner = planner(500, 10_000, 1_000);

    planner.succeeded(1_000, 0);
    assertThat(planner.span()).isEqualTo(2_000);
    planner.succeeded(2_000, 400); // 500 logs would take 2,500 blocks
    assertThat(planner.span()).isEqualTo(2_500);
    planner.succeeded(2_500, 10);
    assertThat(planner.span()).isEqualTo(5_000);
    planner.succeeded(5_000, 0);
    planner.succeeded(10_000, 0);
    assertThat(planner.span()).isEqualTo(10_000);
  }

  @Test
  void shrinksInProportionWhenARequestReturnedTooManyLogs() {
    RangePlanner planner = planner(500, 10_000, 1_000);

    planner.succeeded(1_000, 5_000);

    assertThat(planner.span()).isEqualTo(100);
    planner.succeeded(100, 1_000_000);
    assertThat(planner.span()).isEqualTo(1);
  }

  @Test
  void aShortRangeWithFewLogsLeavesTheWidthAlone() {
    RangePlanner planner = planner(500, 10_000, 1_000);

    planner.succeeded(3, 1);

    assertThat(planner.span()).isEqualTo(1_000);
  }

  @Test
  void narrowsToASuggestedRangesWidthWhateverItsStart() {
    RangePlanner planner = planner(500, 10_000, 1_000);

    assertThat(planner.limited(100, 1_099, new SuggestedRange(100, 299))).isTrue();
    assertThat(planner.span()).isEqualTo(200);

    assertThat(planner.limited(300, 499, new SuggestedRange(7_000, 7_049))).isTrue();
    assertThat(planner.span()).isEqualTo(50);
    // a suggestion is not a ceiling
    assertThat(planner.ceiling()).isEqualTo(10_000);
  }

  @Test
  void aBlockCapStaysAsTheCeiling() {
    RangePlanner planner = planner(500, 10_000, 5_000);

    assertThat(planner.limited(0, 4_999, new BlockCap(2_000))).isTrue();

    assertThat(planner.span()).isEqualTo(2_000);
    assertThat(planner.ceiling()).isEqualTo(2_000);
    assertThat(planner.learnedCap()).isTrue();
    for (int i = 0; i < 10; i++) {
      planner.succeeded(planner.span(), 0);
    }
    assertThat(planner.span()).isEqualTo(2_000);
  }

  @Test
  void bisectsWithoutAHintOrWhenTheHintIsNoNarrower() {
    RangePlanner planner = planner(500, 10_000, 1_000);

    assertThat(planner.limited(0, 999, new TooLarge())).isTrue();
    assertThat(planner.span()).isEqualTo(500);
    // the provider refused 500 blocks yet says 2,000 would do: bisect anyway
    assertThat(planner.limited(0, 499, new BlockCap(2_000))).isTrue();
    assertThat(planner.span()).isEqualTo(250);
    assertThat(planner.limited(0, 249, new SuggestedRange(0, 249))).isTrue();
    assertThat(planner.span()).isEqualTo(125);
  }

  @Test
  void aRefusedSingleBlockCannotBeNarrowed() {
    RangePlanner planner = planner(500, 10_000, 1);

    assertThat(planner.limited(7, 7, new TooLarge())).isFalse();

    assertThat(planner.span()).isEqualTo(1);
  }

  @Test
  void neverAsksForMoreThanTheCapOrLessThanOneBlock() {
    RangePlanner planner = planner(1, 300, 300);

    planner.limited(0, 299, new SuggestedRange(0, 0));
    assertThat(planner.span()).isEqualTo(1);
    planner.succeeded(1, 0);
    planner.succeeded(2, 0);
    planner.succeeded(4, 0);
    assertThat(planner.span()).isEqualTo(8);
    for (int i = 0; i < 20; i++) {
      planner.succeeded(planner.span(), 0);
    }
    assertThat(planner.span()).isEqualTo(300);
  }
}
