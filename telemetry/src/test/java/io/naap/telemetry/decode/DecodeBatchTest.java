package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.INPUT;
import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static io.naap.telemetry.decode.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The accounting of a whole input: one outcome per record, duplicates within the input. */
class DecodeBatchTest {

  private static ObjectNode trace(long n) {
    return envelope(n, "stream_trace", object("{\"type\": \"gateway_receive_stream_request\"}"));
  }

  @Test
  void marksARecordWhoseIdWasDecodedEarlierAsADuplicate() {
    DecodeBatch batch =
        INPUT.read(TestEvents.ndjson(List.of(trace(1), trace(2), trace(1), trace(1))));

    assertThat(batch.outcomes().get(2)).isEqualTo(new Duplicate(TestEvents.id(1), 0));
    assertThat(batch.outcomes().get(3)).isEqualTo(new Duplicate(TestEvents.id(1), 0));
    assertThat(batch.counts()).isEqualTo(new DecodeCounts(4, 2, 2, 0, Map.of()));
    assertThat(batch.events()).hasSize(2);
  }

  @Test
  void comparesIdsInTheirCanonicalCase() {
    ObjectNode upper = trace(1);
    upper.put("id", TestEvents.id(1).toUpperCase());
    DecodeBatch batch = INPUT.read(TestEvents.ndjson(List.of(trace(1), upper)));
    assertThat(batch.outcomes().get(1)).isEqualTo(new Duplicate(TestEvents.id(1), 0));
  }

  @Test
  void aQuarantinedRecordDoesNotClaimItsId() {
    ObjectNode broken = envelope(1, "create_new_payment", object("{\"winProb\": \"NaN\"}"));
    DecodeBatch batch = INPUT.read(TestEvents.ndjson(List.of(broken, trace(1), trace(1))));

    assertThat(batch.outcomes().get(0)).isInstanceOf(Quarantined.class);
    assertThat(batch.outcomes().get(1)).isInstanceOf(Decoded.class);
    assertThat(batch.outcomes().get(2)).isEqualTo(new Duplicate(TestEvents.id(1), 1));
    assertThat(batch.counts())
        .isEqualTo(new DecodeCounts(3, 1, 1, 1, Map.of(QuarantineReason.INVALID_NUMBER, 1L)));
  }

  @Test
  void countsEveryRecordExactlyOnce() {
    String ndjson =
        trace(1)
            + "\n"
            + "garbage\n"
            + trace(1)
            + "\n"
            + "[]\n"
            + trace(2)
            + "\n"
            + envelope(3, "Bad", object("{}"))
            + "\n";
    DecodeCounts counts = INPUT.read(utf8(ndjson)).counts();
    assertThat(counts.received()).isEqualTo(6);
    assertThat(counts.decoded()).isEqualTo(2);
    assertThat(counts.duplicates()).isEqualTo(1);
    assertThat(counts.quarantined()).isEqualTo(3);
    assertThat(counts.quarantinedByReason())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                QuarantineReason.MALFORMED_JSON, 1L,
                QuarantineReason.NOT_AN_OBJECT, 1L,
                QuarantineReason.INVALID_FAMILY, 1L));
  }

  @Test
  void decodesRecordsThatArriveAlreadySplit() {
    DecodeBatch batch =
        INPUT.readRecords(
            List.of(
                TestEvents.bytes(trace(1)),
                utf8("{\"value\": " + trace(2) + ", \"topic\": \"t\"}"),
                new byte[0],
                TestEvents.bytes(trace(1))));
    assertThat(batch.counts())
        .isEqualTo(new DecodeCounts(4, 2, 1, 1, Map.of(QuarantineReason.MALFORMED_JSON, 1L)));
    assertThat(((Quarantined) batch.outcomes().get(2)).detail()).isEqualTo("the record is empty");
  }

  @Test
  void refusesCountsThatDoNotAddUp() {
    assertThatThrownBy(() -> new DecodeCounts(3, 1, 1, 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must equal decoded + duplicates + quarantined");
    assertThatThrownBy(() -> new DecodeCounts(2, 1, 0, 1, Map.of(QuarantineReason.TOO_LARGE, 2L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adds up to 2, not 1");
  }

  @Test
  void refusesABatchWhoseOutcomesDoNotMatchItsCounts() {
    assertThatThrownBy(() -> new DecodeBatch(List.of(), new DecodeCounts(1, 1, 0, 0, Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
