package io.naap.telemetry.decode;

import io.naap.telemetry.event.GatewayEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A whole input decoded: one outcome per record, in input order (position {@code i} of {@link
 * #outcomes()} is record {@code i}), and the counts.
 *
 * <p>The decoded events have distinct ids within the batch; whether the store has seen an id before
 * is for the pipeline to ask.
 */
public record DecodeBatch(List<RecordOutcome> outcomes, DecodeCounts counts) {

  public DecodeBatch {
    outcomes = List.copyOf(outcomes);
    Objects.requireNonNull(counts, "counts");
    if (outcomes.size() != counts.received()) {
      throw new IllegalArgumentException(
          outcomes.size() + " outcomes for " + counts.received() + " records received");
    }
  }

  /** The decoded events (duplicates excluded), in input order. */
  public List<GatewayEvent> events() {
    List<GatewayEvent> events = new ArrayList<>((int) counts.decoded());
    for (RecordOutcome outcome : outcomes) {
      if (outcome instanceof Decoded decoded) {
        events.add(decoded.event());
      }
    }
    return Collections.unmodifiableList(events);
  }

  /** The quarantined records, in input order. */
  public List<Quarantined> quarantined() {
    List<Quarantined> quarantined = new ArrayList<>((int) counts.quarantined());
    for (RecordOutcome outcome : outcomes) {
      if (outcome instanceof Quarantined record) {
        quarantined.add(record);
      }
    }
    return Collections.unmodifiableList(quarantined);
  }
}
