package io.naap.app.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.naap.storage.protocol.IndexerStatusRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Readiness: the indexer of a chain keeps up. DOWN when a contract is more than {@code maxLag}
 * blocks behind the head its indexer last saw, or when its last pass is older than {@code
 * maxSilence}; UP (saying so) before the first pass, which a fresh start must be given time for.
 */
public final class IndexerCheck implements HealthCheck {
  private final ProtocolMirrorStore store;
  private final long chainId;
  private final long maxLag;
  private final Duration maxSilence;
  private final Clock clock;

  public IndexerCheck(
      ProtocolMirrorStore store, long chainId, long maxLag, Duration maxSilence, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.chainId = chainId;
    this.maxLag = maxLag;
    this.maxSilence = Objects.requireNonNull(maxSilence, "maxSilence");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public HealthCheckType type() {
    return HealthCheckType.READINESS;
  }

  @Override
  public String name() {
    return "indexer";
  }

  @Override
  public HealthCheckResponse call() {
    Optional<IndexerStatusRow> status = store.status(chainId);
    if (status.isEmpty()) {
      return HealthCheckResponse.builder()
          .status(true)
          .detail("chainId", chainId)
          .detail("state", "waiting for the first pass")
          .build();
    }
    long lag = store.lag(chainId, status.get().head());
    Duration silence = Duration.between(status.get().lastPassAt(), clock.instant());
    boolean up = lag <= maxLag && silence.compareTo(maxSilence) <= 0;
    HealthCheckResponse.Builder answer =
        HealthCheckResponse.builder()
            .status(up)
            .detail("chainId", chainId)
            .detail("head", status.get().head())
            .detail("lagBlocks", lag)
            .detail("maxLagBlocks", maxLag)
            .detail("secondsSinceLastPass", Math.max(0, silence.toSeconds()));
    status.get().lastFailure().ifPresent(failure -> answer.detail("lastFailure", failure));
    return answer.build();
  }
}
