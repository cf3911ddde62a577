package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A block gives back exactly the rows it was written from: every field, absent or present. */
class EventBlockTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-28T04:00:00.123456Z");

  @Test
  void readsBackEveryRowAsWritten() {
    SplittableRandom random = new SplittableRandom(28);
    List<TelemetryEventRow> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(row(random, i));
    }

    List<EventBlock.EncodedBlock> blocks = new EventBlock.Writer().encode(rows, "http", RECEIVED);

    List<TelemetryEventRow> read = new ArrayList<>();
    for (EventBlock.EncodedBlock block : blocks) {
      assertThat(block.block().rows()).isEqualTo(block.rows());
      read.addAll(block.block().rows());
    }
    assertThat(read).isEqualTo(rows);
  }

  private static TelemetryEventRow row(SplittableRandom random, int i) {
    return new TelemetryEventRow(
        new UUID(random.nextLong(), random.nextLong()),
        i % 7 == 0 ? "gpu_metrics" : "stream_trace",
        maybe(random, "gateway_receive_stream_request"),
        Instant.ofEpochSecond(
            1_767_908_945L + random.nextInt(100_000), random.nextInt(1000) * 1000L),
        RECEIVED,
        // non-ASCII text (two- and four-byte UTF-8) next to plain identifiers
        maybe(
            random,
            switch (i % 3) {
              case 0 -> "gateway-café"; // Latin-1 beyond ASCII: two bytes of UTF-8
              case 1 -> "gateway-\uD83D\uDE00"; // four bytes
              default -> "gateway-eu-1";
            }),
        maybe(random, "stream-" + i),
        maybe(random, "request-" + i),
        random.nextBoolean()
            ? Optional.of(EthereumAddress.fromHex("0x" + "%040x".formatted(i + 1)))
            : Optional.empty(),
        "http",
        JsonText.of("{\"id\":" + i + ",\"note\":\"" + "é".repeat(i % 5) + "\"}"));
  }

  private static Optional<String> maybe(SplittableRandom random, String value) {
    return random.nextInt(4) == 0 ? Optional.empty() : Optional.of(value);
  }
}
