package io.naap.app.up;

import io.naap.app.features.OracleFeatures;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Credentials;

/** Whether {@code naap up} runs the score oracle's publisher, with what, or why not. */
sealed interface OraclePlan {
  /**
   * The publisher of {@code contract}.
   *
   * @param block the block SlaOracle was deployed in
   * @param signers the operator keys naap up signs with (signers of the contract)
   * @param submitter the funded account that sends publications
   * @param threshold the signatures the contract requires
   */
  record Run(
      EvmAddress contract,
      long block,
      List<SnapshotSigner> signers,
      Credentials submitter,
      int threshold,
      OracleFeatures.Settings settings)
      implements OraclePlan {
    public Run {
      Objects.requireNonNull(contract, "contract");
      Objects.requireNonNull(submitter, "submitter");
      Objects.requireNonNull(settings, "settings");
      signers = List.copyOf(signers);
    }
  }

  /** No publisher; {@code reason} says why and what would start one. */
  record Off(String reason) implements OraclePlan {
    public Off {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
