package io.naap.telemetry.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code stream_ingest_metrics} event: the gateway's WebRTC ingest statistics of a stream
 * (bandwidth up and down, network quality).
 *
 * @param bytesReceived {@code stats.peer_conn_stats.BytesReceived}, cumulative
 * @param bytesSent {@code stats.peer_conn_stats.BytesSent}, cumulative
 * @param tracks {@code stats.track_stats}, in the order received
 * @param connectionQuality {@code stats.conn_quality}, e.g. {@code good}
 */
public record StreamIngestMetrics(
    EventHeader header,
    Optional<String> subtype,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<String> pipelineId,
    OrchestratorInfo orchestratorInfo,
    OptionalLong bytesReceived,
    OptionalLong bytesSent,
    List<TrackStats> tracks,
    Optional<String> connectionQuality)
    implements GatewayEvent {

  public StreamIngestMetrics {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(subtype, "subtype");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(pipelineId, "pipelineId");
    Objects.requireNonNull(orchestratorInfo, "orchestratorInfo");
    Objects.requireNonNull(bytesReceived, "bytesReceived");
    Objects.requireNonNull(bytesSent, "bytesSent");
    tracks = List.copyOf(tracks);
    Objects.requireNonNull(connectionQuality, "connectionQuality");
  }

  @Override
  public Optional<EthAddress> orchestrator() {
    return orchestratorInfo.address();
  }
}
