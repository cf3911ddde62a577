package io.naap.storage.telemetry;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 20-byte orchestrator address as a telemetry event names it (which may be the orchestrator's
 * local signing address rather than its on-chain one). Parses {@code 0x}-prefixed hex of either
 * case and prints lower-case {@code 0x} hex.
 */
public record OrchestratorAddress(byte[] bytes) {
  public static final int LENGTH = 20;
  private static final HexFormat HEX = HexFormat.of();

  public OrchestratorAddress {
    Objects.requireNonNull(bytes, "orchestrator address");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "orchestrator address must be exactly " + LENGTH + " bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** Parses {@code 0x} followed by 40 hex digits of either case. */
  public static OrchestratorAddress fromHex(String hex) {
    Objects.requireNonNull(hex, "orchestrator address");
    if (!hex.startsWith("0x") || hex.length() != 2 + 2 * LENGTH) {
      throw new IllegalArgumentException(
          "orchestrator address must be 0x and " + 2 * LENGTH + " hex digits, got '" + hex + "'");
    }
    try {
      return new OrchestratorAddress(HEX.parseHex(hex, 2, hex.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "orchestrator address has a non-hex digit: '" + hex + "'", e);
    }
  }

  /** A copy of the 20 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case {@code 0x} hex, 42 characters. */
  public String toHex() {
    return "0x" + HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrchestratorAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
