package io.naap.attestations;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 signature as Ethereum writes it: 65 bytes, {@code r || s || v}, with {@code v} 27 or
 * 28 and {@code s} in the lower half of the curve order (EIP-2: the other half is the same
 * signature's malleable twin, which OpenZeppelin's {@code ECDSA} rejects too). Immutable.
 */
public final class Signature {
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  private final BigInteger r;
  private final BigInteger s;
  private final int v;

  private Signature(BigInteger r, BigInteger s, int v) {
    this.r = r;
    this.s = s;
    this.v = v;
  }

  /**
   * @throws IllegalArgumentException when r or s is out of range, s is in the upper half, or v is
   *     neither 27 nor 28
   */
  public static Signature of(BigInteger r, BigInteger s, int v) {
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(s, "s");
    if (r.signum() <= 0 || r.compareTo(N) >= 0) {
      throw new IllegalArgumentException("r is out of range");
    }
    if (s.signum() <= 0 || s.compareTo(HALF_N) > 0) {
      throw new IllegalArgumentException(
          "s is "
              + (s.signum() <= 0 ? "zero" : "in the upper half of the curve order (malleable)"));
    }
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("v must be 27 or 28, got " + v);
    }
    return new Signature(r, s, v);
  }

  /** The 65 bytes {@code r || s || v}. */
  public static Signature fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != 65) {
      throw new IllegalArgumentException("a signature has 65 bytes, got " + bytes.length);
    }
    return of(
        new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)),
        bytes[64] & 0xff);
  }

  /** {@code 0x} and 130 hex digits. */
  public static Signature fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 132 || !hex.startsWith("0x")) {
      throw new IllegalArgumentException("a signature is 0x and 130 hex digits");
    }
    try {
      return fromBytes(HexFormat.of().parseHex(hex, 2, 132));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a signature is 0x and 130 hex digits", e);
    }
  }

  public BigInteger r() {
    return r;
  }

  public BigInteger s() {
    return s;
  }

  public int v() {
    return v;
  }

  /** The 65 bytes {@code r || s || v}. */
  public byte[] bytes() {
    byte[] bytes = new byte[65];
    put(r, bytes, 0);
    put(s, bytes, 32);
    bytes[64] = (byte) v;
    return bytes;
  }

  public String hex() {
    return "0x" + HexFormat.of().formatHex(bytes());
  }

  /** The address whose key made this signature over {@code digest}; empty if no key did. */
  public Optional<EvmAddress> signer(Bytes32 digest) {
    BigInteger publicKey =
        Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), digest.bytes());
    return publicKey == null
        ? Optional.empty()
        : Optional.of(EvmAddress.fromHex("0x" + Keys.getAddress(publicKey)));
  }

  private static void put(BigInteger value, byte[] target, int offset) {
    byte[] magnitude = value.toByteArray();
    int length = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - length, target, offset + 32 - length, length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Signature that && r.equals(that.r) && s.equals(that.s) && v == that.v;
  }

  @Override
  public int hashCode() {
    return Objects.hash(r, s, v);
  }

  @Override
  public String toString() {
    return hex();
  }
}
