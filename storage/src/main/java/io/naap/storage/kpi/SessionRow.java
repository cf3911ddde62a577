package io.naap.storage.kpi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored live stream session: the queried columns and the engine's full state document.
 *
 * @param status {@code open}, {@code closed} or {@code final}
 * @param state the session engine's state, a JSON object
 */
public record SessionRow(
    String streamId,
    Optional<String> requestId,
    Optional<String> gateway,
    String traffic,
    Optional<String> workload,
    String status,
    Instant startedAt,
    Instant lastEventAt,
    Instant lastArrivalAt,
    Optional<Instant> closedAt,
    Optional<Instant> closedArrivalAt,
    Optional<String> closeReason,
    String state) {
  public SessionRow {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    Objects.requireNonNull(lastArrivalAt, "lastArrivalAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(closedArrivalAt, "closedArrivalAt");
    Objects.requireNonNull(closeReason, "closeReason");
    Objects.requireNonNull(state, "state");
  }
}
