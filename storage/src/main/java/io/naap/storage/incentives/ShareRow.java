package io.naap.storage.incentives;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An orchestrator's part of a workload's pool in an epoch.
 *
 * @param amount its bonus, paid by claims
 * @param fairFees what the same rules give it of the workload's credited fees
 * @param feesCredited what the protocol credited it, attributed to the workload
 * @param explanation the rules' explanation of every factor, as JSON
 */
public record ShareRow(
    long epoch,
    String workload,
    EthereumAddress orchestrator,
    BigInteger amount,
    BigInteger fairFees,
    BigInteger feesCredited,
    boolean qualifies,
    String explanation) {
  public ShareRow {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(explanation, "explanation");
    if (amount.signum() < 0 || fairFees.signum() < 0 || feesCredited.signum() < 0) {
      throw new IllegalArgumentException("share amounts are >= 0");
    }
  }
}
