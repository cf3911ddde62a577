package io.naap.attestations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The oracle's signers and how many of them must sign ({@code threshold} of {@code n}), as the
 * {@code SlaOracle} contract holds them under a config version.
 */
public record SignerSet(List<EvmAddress> signers, int threshold) {
  public SignerSet {
    signers = List.copyOf(Objects.requireNonNull(signers, "signers"));
    if (new LinkedHashSet<>(signers).size() != signers.size()) {
      throw new IllegalArgumentException("a signer set lists each signer once");
    }
    if (threshold < 1 || threshold > signers.size()) {
      throw new IllegalArgumentException(
          "the threshold must be in [1, " + signers.size() + "], got " + threshold);
    }
  }

  /**
   * Checks the signatures over {@code digest}: valid when each one recovers to a signer of this
   * set, no signer signs twice, and at least {@code threshold} signers signed. Every problem is
   * listed, with the signature's position.
   */
  public Verdict verify(Bytes32 digest, List<Signature> signatures) {
    Objects.requireNonNull(digest, "digest");
    Set<EvmAddress> counted = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      Optional<EvmAddress> signer = signatures.get(i).signer(digest);
      if (signer.isEmpty()) {
        problems.add("signature " + i + " recovers no key");
      } else if (!signers.contains(signer.get())) {
        problems.add("signature " + i + " is by " + signer.get() + ", not a signer of the set");
      } else if (!counted.add(signer.get())) {
        problems.add("signature " + i + " is by " + signer.get() + " again");
      }
    }
    if (counted.size() < threshold) {
      problems.add(counted.size() + " signer(s) of the set signed, " + threshold + " must");
    }
    return new Verdict(problems.isEmpty(), List.copyOf(counted), List.copyOf(problems));
  }

  /**
   * What a contract of this set accepts, chosen from {@code signatures} over {@code digest}: one
   * signature per signer of the set (others and repeats dropped), in ascending order of signer
   * address as the contracts require, at most {@code threshold} of them (fewer when not enough
   * signers signed).
   */
  public List<Signature> submission(Bytes32 digest, List<Signature> signatures) {
    Objects.requireNonNull(digest, "digest");
    java.util.TreeMap<EvmAddress, Signature> bySigner =
        new java.util.TreeMap<>(
            java.util.Comparator.comparing(EvmAddress::bytes, java.util.Arrays::compareUnsigned));
    for (Signature signature : signatures) {
      Optional<EvmAddress> signer = signature.signer(digest);
      if (signer.isPresent() && signers.contains(signer.get())) {
        bySigner.putIfAbsent(signer.get(), signature);
      }
    }
    return bySigner.values().stream().limit(threshold).toList();
  }

  /**
   * @param valid whether the signatures meet the set's rules
   * @param signers the distinct signers of the set who signed, in signature order
   * @param problems why not, one line each (empty when valid)
   */
  public record Verdict(boolean valid, List<EvmAddress> signers, List<String> problems) {}
}
