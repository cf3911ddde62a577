package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON form of incentive figures: addresses EIP-55 checksummed, other hex lower case with
 * {@code 0x}, amounts (wei, or the distributor asset's smallest unit) as decimal strings, epochs,
 * blocks and counts as integers, instants ISO-8601, unknown values null.
 */
final class IncentiveJson {
  private static final HexFormat HEX = HexFormat.of();

  private IncentiveJson() {}

  static String hex(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** The contract a report is about: {@code chainId} and {@code distributor}. */
  static void distributor(JsonGenerator json, DistributorContract distributor) throws IOException {
    json.writeNumberField("chainId", distributor.chainId());
    json.writeStringField("distributor", distributor.address().toChecksumHex());
  }

  static void address(JsonGenerator json, String name, EthereumAddress address) throws IOException {
    json.writeStringField(name, address.toChecksumHex());
  }

  static void amount(JsonGenerator json, String name, BigInteger amount) throws IOException {
    json.writeStringField(name, amount.toString());
  }

  static void instant(JsonGenerator json, String name, Instant instant) throws IOException {
    json.writeStringField(name, instant.toString());
  }

  static void text(JsonGenerator json, String name, Optional<String> text) throws IOException {
    if (text.isPresent()) {
      json.writeStringField(name, text.get());
    } else {
      json.writeNullField(name);
    }
  }

  static void number(JsonGenerator json, String name, OptionalLong number) throws IOException {
    if (number.isPresent()) {
      json.writeNumberField(name, number.getAsLong());
    } else {
      json.writeNullField(name);
    }
  }

  /**
   * A share's figures: {@code qualifies}, {@code amount}, {@code fairFees}, {@code feesCredited}
   * and {@code explanation}, the stored JSON as is.
   */
  static void payout(JsonGenerator json, ShareRow share) throws IOException {
    json.writeBooleanField("qualifies", share.qualifies());
    amount(json, "amount", share.amount());
    amount(json, "fairFees", share.fairFees());
    amount(json, "feesCredited", share.feesCredited());
    json.writeFieldName("explanation");
    json.writeRawValue(share.explanation());
  }

  /**
   * A split row's fields: {@code kind}, {@code orchestrator}, {@code account} (unless the report is
   * about the account), {@code role}, {@code amount}, {@code stake} and {@code feeSharePpm}.
   */
  static void split(JsonGenerator json, SplitRow split, boolean withAccount) throws IOException {
    json.writeStringField("kind", split.kind().text());
    address(json, "orchestrator", split.orchestrator());
    if (withAccount) {
      address(json, "account", split.account());
    }
    json.writeStringField("role", split.role().text());
    amount(json, "amount", split.amount());
    text(json, "stake", split.stake().map(BigInteger::toString));
    number(json, "feeSharePpm", split.feeSharePpm());
  }
}
