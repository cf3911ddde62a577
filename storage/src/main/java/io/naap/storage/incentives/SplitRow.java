package io.naap.storage.incentives;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What reaches one account of an orchestrator's epoch total of one kind.
 *
 * @param stake the delegator's bonded stake the part was computed from (delegators only)
 * @param feeSharePpm the orchestrator's fee share (parts per million to delegators), when known
 */
public record SplitRow(
    long epoch,
    Kind kind,
    EthereumAddress orchestrator,
    EthereumAddress account,
    Role role,
    BigInteger amount,
    Optional<BigInteger> stake,
    OptionalLong feeSharePpm) {
  /** Bonus: paid by claims on the distributor. Fees: credited by the protocol itself. */
  public enum Kind {
    BONUS,
    FEES;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** The orchestrator's commission, or a delegator's part by stake (its own bond included). */
  public enum Role {
    ORCHESTRATOR,
    DELEGATOR;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  public SplitRow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(feeSharePpm, "feeSharePpm");
    if (Objects.requireNonNull(amount, "amount").signum() < 0) {
      throw new IllegalArgumentException("a split amount is >= 0");
    }
  }
}
