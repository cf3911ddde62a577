package io.naap.storage.oracle;

import io.naap.storage.EthereumAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One leaf of a snapshot with what it was scored from.
 *
 * @param workload the workload's model id; {@code workloadId} is its bytes32 in the leaf
 * @param kpis the epoch's KPI aggregate in its binary form; {@code kpiDigest} is its keccak-256
 * @param gpu the GPU the orchestrator served the workload on (or {@code unknown})
 * @param region the orchestrator's region (or {@code unknown})
 * @param prior the prior the score was shrunk toward, in [0, 1]
 * @param previous the state the previous epoch left, empty for a newcomer
 * @param state the state this epoch leaves
 * @param minScoreBps the workload's minimum score when the epoch ended
 * @param lastActiveEpoch the last epoch with sessions of this orchestrator and workload (this one,
 *     or an earlier one when it had none)
 */
public record StoredScore(
    long epoch,
    EthereumAddress orchestrator,
    String workload,
    byte[] workloadId,
    int scoreBps,
    int flags,
    byte[] kpiDigest,
    byte[] kpis,
    String gpu,
    String region,
    double prior,
    Optional<State> previous,
    State state,
    int minScoreBps,
    long lastActiveEpoch) {
  public StoredScore {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(workload, "workload");
    workloadId = StoredSnapshot.bytes32(workloadId, "workloadId");
    kpiDigest = StoredSnapshot.bytes32(kpiDigest, "kpiDigest");
    kpis = Objects.requireNonNull(kpis, "kpis").clone();
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(state, "state");
    if (scoreBps < 0 || scoreBps > 10_000 || minScoreBps < 0 || minScoreBps > 10_000) {
      throw new IllegalArgumentException("scores are 0 to 10000 bps");
    }
    if (flags < 0 || flags > 255) {
      throw new IllegalArgumentException("flags are a uint8: " + flags);
    }
  }

  @Override
  public byte[] workloadId() {
    return workloadId.clone();
  }

  @Override
  public byte[] kpiDigest() {
    return kpiDigest.clone();
  }

  @Override
  public byte[] kpis() {
    return kpis.clone();
  }

  /** A score's carried state: the moving mean and the sessions of evidence behind it. */
  public record State(double mean, double sessions) {}
}
