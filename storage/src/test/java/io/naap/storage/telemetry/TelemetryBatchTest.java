package io.naap.storage.telemetry;

import static io.naap.storage.telemetry.TelemetryRows.RECEIVED_AT;
import static io.naap.storage.telemetry.TelemetryRows.event;
import static io.naap.storage.telemetry.TelemetryRows.id;
import static io.naap.storage.telemetry.TelemetryRows.quarantined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelemetryBatchTest {
  @Test
  void receivedCountsEventsQuarantinedAndKnownDuplicates() {
    TelemetryBatch batch =
        new TelemetryBatch(
            "kafka",
            RECEIVED_AT,
            List.of(event(id(1), "kafka"), event(id(1), "kafka"), event(id(2), "kafka")),
            List.of(quarantined("kafka", "invalid_json", RECEIVED_AT)),
            4);

    assertThat(batch.received()).isEqualTo(8);
  }

  @Test
  void holdsACopyOfTheLists() {
    List<TelemetryEventRow> events = new ArrayList<>(List.of(event(id(1), "http")));
    TelemetryBatch batch = new TelemetryBatch("http", RECEIVED_AT, events, List.of(), 0);
    events.clear();

    assertThat(batch.events()).hasSize(1);
  }

  @Test
  void requiresOneSourceForEveryRow() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TelemetryBatch(
                    "kafka", RECEIVED_AT, List.of(event(id(7), "http")), List.of(), 0))
        .withMessageContaining("event " + id(7) + " came from source 'http'")
        .withMessageContaining("one batch per source");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TelemetryBatch(
                    "kafka",
                    RECEIVED_AT,
                    List.of(),
                    List.of(quarantined("file", "x", RECEIVED_AT)),
                    0))
        .withMessageContaining("a quarantined record came from source 'file'");
  }

  @Test
  void rejectsNegativeKnownDuplicates() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TelemetryBatch("http", RECEIVED_AT, List.of(), List.of(), -1))
        .withMessage("knownDuplicates must be >= 0, got -1");
  }

  @Test
  void rejectsMoreRecordsThanAnIntCounts() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TelemetryBatch(
                    "http",
                    RECEIVED_AT,
                    List.of(event(id(1), "http")),
                    List.of(),
                    Integer.MAX_VALUE))
        .withMessageContaining("more than 2^31 - 1 records");
  }

  @Test
  void ingestBatchRowRequiresTheCountsToAddUp() {
    assertThat(new IngestBatchRow("http", RECEIVED_AT, 6, 3, 2, 1).received()).isEqualTo(6);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new IngestBatchRow("http", RECEIVED_AT, 7, 3, 2, 1))
        .withMessage(
            "received must equal accepted + duplicate + quarantined, got received 7, accepted 3,"
                + " duplicate 2, quarantined 1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new IngestBatchRow("http", RECEIVED_AT, 0, 1, -1, 0))
        .withMessageStartingWith("batch counts must be >= 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new IngestBatchRow("http", RECEIVED_AT, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, 4))
        .withMessageStartingWith("received must equal");
  }

  @Test
  void ingestResultMatchesTheInsertedIdsToTheAcceptedCount() {
    IngestBatchRow batch = new IngestBatchRow("http", RECEIVED_AT, 2, 1, 1, 0);

    assertThat(new IngestResult(9, batch, Set.of(id(1))).inserted()).containsExactly(id(1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new IngestResult(9, batch, Set.of(id(1), id(2))))
        .withMessage("inserted 2 ids but the batch accepted 1");
  }
}
