package io.naap.app.verify;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SignerSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the chain says about the snapshot and leaves the API answered, read once by {@link
 * SlaOracleReader} and judged by {@link Verification}.
 *
 * @param chainId the chain id the RPC node answers
 * @param contract the SlaOracle read (pinned with {@code --contract}, or the one the API names)
 * @param fromBlock where the logs were searched from
 * @param hasCode whether the contract's address holds code
 * @param publication the contract's SnapshotPublished event of the answered epoch, if any
 * @param storedRoot the root the contract holds for the answered epoch, if any
 * @param signerSet the signer set and threshold of the answered config version, from its
 *     SignerSetChanged event, if any
 * @param currentConfigVersion the contract's config version now
 * @param verifyScore what {@code verifyScore} answers for each answer's leaf and proof, in order
 */
record ChainFacts(
    long chainId,
    EvmAddress contract,
    long fromBlock,
    ChainRead<Boolean> hasCode,
    ChainRead<Optional<Publication>> publication,
    ChainRead<Optional<Bytes32>> storedRoot,
    ChainRead<Optional<SignerSet>> signerSet,
    ChainRead<Long> currentConfigVersion,
    List<ChainRead<Boolean>> verifyScore) {

  ChainFacts {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(hasCode, "hasCode");
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(storedRoot, "storedRoot");
    Objects.requireNonNull(signerSet, "signerSet");
    Objects.requireNonNull(currentConfigVersion, "currentConfigVersion");
    verifyScore = List.copyOf(verifyScore);
  }

  /** A SnapshotPublished event: what the contract accepted for an epoch, and where. */
  record Publication(
      long epoch,
      Bytes32 scoresRoot,
      long leafCount,
      Bytes32 dataHash,
      long configVersion,
      EvmAddress submitter,
      long block,
      Bytes32 transaction) {
    Publication {
      Objects.requireNonNull(scoresRoot, "scoresRoot");
      Objects.requireNonNull(dataHash, "dataHash");
      Objects.requireNonNull(submitter, "submitter");
      Objects.requireNonNull(transaction, "transaction");
    }
  }
}
