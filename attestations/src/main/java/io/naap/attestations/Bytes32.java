package io.naap.attestations;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.Hash;

/** 32 bytes: a hash, a Merkle root, a {@code bytes32} value. Immutable. */
public final class Bytes32 implements Comparable<Bytes32> {
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of exactly 32 bytes. */
  public static Bytes32 of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** {@code 0x} and 64 hex digits, either case. */
  public static Bytes32 fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 66 || !hex.startsWith("0x")) {
      throw new IllegalArgumentException("expected 0x and 64 hex digits: " + hex);
    }
    try {
      return new Bytes32(HexFormat.of().parseHex(hex, 2, 66));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected 0x and 64 hex digits: " + hex, e);
    }
  }

  /** keccak-256 of the bytes. */
  public static Bytes32 keccak(byte[] data) {
    return new Bytes32(Hash.sha3(data));
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, 32);
  }

  /** {@code 0x} and 64 lower-case hex digits. */
  public String hex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  /** Unsigned byte order, as Solidity compares {@code bytes32}. */
  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes32 that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
