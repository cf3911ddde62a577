package io.naap.indexer.config;

import io.naap.storage.EthereumAddress;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contract to mirror as configured: {@code Name=0xADDRESS@BLOCK}, or {@code Name=0xADDRESS} when
 * its first block is not known (the indexer then finds the block its code appeared in).
 *
 * @param name letters, digits and underscores, starting with a letter, at most 64
 */
public record ContractSpec(String name, EthereumAddress address, OptionalLong startBlock) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern SPEC =
      Pattern.compile("([^=]+)=(0x[0-9a-fA-F]{40})(?:@([0-9]{1,19}))?");

  public ContractSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(startBlock, "startBlock");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a contract name is a letter, then letters, digits or underscores (at most 64): " + name);
    }
    if (startBlock.isPresent() && startBlock.getAsLong() < 0) {
      throw new IllegalArgumentException(name + ": the start block must be >= 0");
    }
  }

  /**
   * Parses {@code Name=0xADDRESS[@BLOCK]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ContractSpec parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher matcher = SPEC.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "a contract is Name=0xADDRESS (40 hex digits) with an optional @BLOCK: " + text);
    }
    OptionalLong start;
    try {
      start =
          matcher.group(3) == null
              ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(matcher.group(3)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the start block is too large: " + text, e);
    }
    return new ContractSpec(
        matcher.group(1).strip(), EthereumAddress.fromHex(matcher.group(2)), start);
  }

  @Override
  public String toString() {
    return name
        + "="
        + address.toChecksumHex()
        + (startBlock.isPresent() ? "@" + startBlock.getAsLong() : "");
  }
}
