package io.naap.attestations;

import java.math.BigInteger;

/**
 * Solidity's {@code abi.encode} of static values: one 32-byte word each, numbers big-endian and
 * left-padded, addresses left-padded, {@code bytes32} as they are.
 */
final class AbiWords {
  private final byte[] words;
  private int position;

  AbiWords(int count) {
    this.words = new byte[32 * count];
  }

  AbiWords uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("an unsigned value cannot be negative: " + value);
    }
    for (int i = 0; i < 8; i++) {
      words[position + 31 - i] = (byte) (value >>> (8 * i));
    }
    position += 32;
    return this;
  }

  AbiWords uint(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    byte[] magnitude = value.toByteArray();
    int length = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - length, words, position + 32 - length, length);
    position += 32;
    return this;
  }

  AbiWords address(EvmAddress address) {
    address.copyTo(words, position + 12);
    position += 32;
    return this;
  }

  AbiWords bytes32(Bytes32 value) {
    value.copyTo(words, position);
    position += 32;
    return this;
  }

  byte[] encoded() {
    if (position != words.length) {
      throw new IllegalStateException(position / 32 + " of " + words.length / 32 + " words set");
    }
    return words;
  }
}
