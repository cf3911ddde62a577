package io.naap.telemetry.decode;

import io.naap.telemetry.event.GatewayEvent;
import java.util.Objects;

/** A record that decoded into a typed event. */
public record Decoded(GatewayEvent event) implements DecodeResult, RecordOutcome {

  public Decoded {
    Objects.requireNonNull(event, "event");
  }
}
