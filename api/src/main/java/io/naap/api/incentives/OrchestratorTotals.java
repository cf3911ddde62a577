package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What an orchestrator was paid (in an epoch, or over a range) and how it was split.
 *
 * @param bonus its bonus: the sum of its shares' amounts
 * @param fairFees the sum of its shares' fair fees
 * @param feesCredited the sum of the fees the protocol credited it, attributed to workloads
 * @param commissionBonus its commission of the bonus (split rows of role orchestrator)
 * @param commissionFees its commission of the fees
 * @param delegatorsBonus the delegators' part of the bonus (role delegator; its own bond included)
 * @param delegatorsFees the delegators' part of the fees
 */
record OrchestratorTotals(
    BigInteger bonus,
    BigInteger fairFees,
    BigInteger feesCredited,
    BigInteger commissionBonus,
    BigInteger commissionFees,
    BigInteger delegatorsBonus,
    BigInteger delegatorsFees) {
  static final OrchestratorTotals ZERO =
      new OrchestratorTotals(
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO,
          BigInteger.ZERO);

  OrchestratorTotals {
    Objects.requireNonNull(bonus, "bonus");
    Objects.requireNonNull(fairFees, "fairFees");
    Objects.requireNonNull(feesCredited, "feesCredited");
    Objects.requireNonNull(commissionBonus, "commissionBonus");
    Objects.requireNonNull(commissionFees, "commissionFees");
    Objects.requireNonNull(delegatorsBonus, "delegatorsBonus");
    Objects.requireNonNull(delegatorsFees, "delegatorsFees");
  }

  OrchestratorTotals plus(ShareRow share) {
    return new OrchestratorTotals(
        bonus.add(share.amount()),
        fairFees.add(share.fairFees()),
        feesCredited.add(share.feesCredited()),
        commissionBonus,
        commissionFees,
        delegatorsBonus,
        delegatorsFees);
  }

  OrchestratorTotals plus(SplitRow split) {
    boolean commission = split.role() == SplitRow.Role.ORCHESTRATOR;
    boolean isBonus = split.kind() == SplitRow.Kind.BONUS;
    BigInteger amount = split.amount();
    return new OrchestratorTotals(
        bonus,
        fairFees,
        feesCredited,
        commission && isBonus ? commissionBonus.add(amount) : commissionBonus,
        commission && !isBonus ? commissionFees.add(amount) : commissionFees,
        !commission && isBonus ? delegatorsBonus.add(amount) : delegatorsBonus,
        !commission && !isBonus ? delegatorsFees.add(amount) : delegatorsFees);
  }

  OrchestratorTotals plus(OrchestratorTotals other) {
    return new OrchestratorTotals(
        bonus.add(other.bonus),
        fairFees.add(other.fairFees),
        feesCredited.add(other.feesCredited),
        commissionBonus.add(other.commissionBonus),
        commissionFees.add(other.commissionFees),
        delegatorsBonus.add(other.delegatorsBonus),
        delegatorsFees.add(other.delegatorsFees));
  }

  /**
   * {@code bonus}, {@code fairFees}, {@code feesCredited}, {@code commission} and {@code
   * delegators} (each {@code {bonus, fees}}).
   */
  void writeFields(JsonGenerator json) throws IOException {
    IncentiveJson.amount(json, "bonus", bonus);
    IncentiveJson.amount(json, "fairFees", fairFees);
    IncentiveJson.amount(json, "feesCredited", feesCredited);
    json.writeObjectFieldStart("commission");
    IncentiveJson.amount(json, "bonus", commissionBonus);
    IncentiveJson.amount(json, "fees", commissionFees);
    json.writeEndObject();
    json.writeObjectFieldStart("delegators");
    IncentiveJson.amount(json, "bonus", delegatorsBonus);
    IncentiveJson.amount(json, "fees", delegatorsFees);
    json.writeEndObject();
  }
}
