package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One entry of {@code stats.track_stats}: WebRTC statistics of one ingest track.
 *
 * @param type {@code video} or {@code audio}
 * @param packetsLost cumulative loss as RTCP reports it; can be negative (duplicates)
 */
public record TrackStats(
    Optional<String> type,
    OptionalDouble jitter,
    OptionalLong packetsLost,
    OptionalLong packetsReceived,
    OptionalDouble packetLossPercent,
    OptionalDouble rtt,
    OptionalDouble latency) {

  public TrackStats {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(packetsLost, "packetsLost");
    Objects.requireNonNull(packetsReceived, "packetsReceived");
    Objects.requireNonNull(packetLossPercent, "packetLossPercent");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(latency, "latency");
  }
}
