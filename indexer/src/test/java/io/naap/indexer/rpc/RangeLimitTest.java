package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.indexer.rpc.RangeLimit.BlockCap;
import io.naap.indexer.rpc.RangeLimit.SuggestedRange;
import io.naap.indexer.rpc.RangeLimit.TooLarge;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each provider's range-limit text, exactly as it sends it, and what it suggests. */
class RangeLimitTest {
  @Test
  void readsAlchemysSuggestedRange() {
    assertThat(
            RangeLimit.recognise(
                -32602,
                "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block"
                    + " range and no limit on the response size, or you can request any block range"
                    + " with a cap of 10K logs in the response. Based on your parameters, this block"
                    + " range should work: [0x7f29d5, 0x7f2ab1]",
                Optional.empty()))
        .contains(new SuggestedRange(0x7f29d5, 0x7f2ab1));
  }

  @Test
  void readsInfurasSuggestedRangeFromItsData() {
    assertThat(
            RangeLimit.recognise(
                -32005,
                "query returned more than 10000 results",
                Optional.of("{\"from\":\"0x1cb7e3a\",\"to\":\"0x1cb80a6\"}")))
        .contains(new SuggestedRange(0x1cb7e3aL, 0x1cb80a6L));
  }

  @Test
  void readsInfurasSuggestedRangeFromItsNewerMessage() {
    assertThat(
            RangeLimit.recognise(
                -32005,
                "query returned more than 10000 results. Try with this block range [0x1CB7E3A,"
                    + " 0x1CB80A6].",
                Optional.empty()))
        .contains(new SuggestedRange(0x1cb7e3aL, 0x1cb80a6L));
  }

  @Test
  void readsInfurasBlockCap() {
    assertThat(
            RangeLimit.recognise(-32602, "range 1000000 exceeds limit of 10000", Optional.empty()))
        .contains(new BlockCap(10_000));
  }

  @Test
  void readsQuickNodesBlockCap() {
    assertThat(
            RangeLimit.recognise(
                -32614, "eth_getLogs is limited to a 10,000 range", Optional.empty()))
        .contains(new BlockCap(10_000));
    assertThat(
            RangeLimit.recognise(
                -32614,
                "eth_getLogs and eth_newFilter are limited to a 10,000 blocks range",
                Optional.empty()))
        .contains(new BlockCap(10_000));
  }

  @Test
  void readsTenderlysBlockCapFromItsData() {
    assertThat(
            RangeLimit.recognise(
                -32602,
                "Invalid params",
                Optional.of("range 9009594 is bigger than range limit 2000")))
        .contains(new BlockCap(2_000));
  }

  @Test
  void readsRethsDecimalSuggestedRange() {
    assertThat(
            RangeLimit.recognise(
                -32602,
                "query exceeds max results 20000, retry with the range 25766988-25775072",
                Optional.empty()))
        .contains(new SuggestedRange(25_766_988, 25_775_072));
  }

  @Test
  void takesRangeErrorsWithoutNumbersAsTooLarge() {
    for (String message :
        new String[] {
          "block range is bigger than maxBlockRange",
          "Log response size exceeded",
          "query timeout exceeded",
          "response too large",
          "query returned more than 10000 results"
        }) {
      assertThat(RangeLimit.recognise(-32000, message, Optional.empty()))
          .as(message)
          .contains(new TooLarge());
    }
    // QuickNode's code alone says it
    assertThat(RangeLimit.recognise(-32614, "", Optional.empty())).contains(new TooLarge());
  }

  @Test
  void ignoresErrorsThatAreNotAboutTheRange() {
    assertThat(RangeLimit.recognise(-32005, "project ID request rate exceeded", Optional.empty()))
        .isEmpty();
    assertThat(RangeLimit.recognise(-32000, "header not found", Optional.empty())).isEmpty();
    assertThat(RangeLimit.recognise(-32601, "the method eth_foo does not exist", Optional.empty()))
        .isEmpty();
  }

  @Test
  void ignoresSuggestionsThatAreNotRanges() {
    // an upside-down suggestion is no hint: only "too large" remains
    assertThat(
            RangeLimit.recognise(
                -32602,
                "Log response size exceeded. this block range should work: [0x20, 0x10]",
                Optional.empty()))
        .contains(new TooLarge());
    // a number too large for a block is no cap
    assertThat(
            RangeLimit.recognise(
                -32602, "range 1 exceeds limit of 99999999999999999999", Optional.empty()))
        .contains(new TooLarge());
  }
}
