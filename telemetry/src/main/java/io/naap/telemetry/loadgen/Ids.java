package io.naap.telemetry.loadgen;

import java.util.random.RandomGenerator;

/**
 * The identifiers of generated events and streams, shaped like the gateway's: event ids are
 * version-4 UUIDs, stream ids {@code stream-<6>-<8>} in base 36, request, session and manifest ids
 * 8 hex digits. Drawn from the scheduler's random source and salted with the run's start time, so a
 * run is reproducible from its seed and start, while two runs with one seed at different times do
 * not collide in a database that deduplicates on event ids.
 */
final class Ids {
  private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private final RandomGenerator random;
  private final long salt;

  Ids(RandomGenerator random, long salt) {
    this.random = random;
    this.salt = mix(salt);
  }

  String eventId() {
    return uuid(random.nextLong() ^ salt, random.nextLong() ^ Long.rotateLeft(salt, 29));
  }

  String streamId() {
    return "stream-" + base36(6) + "-" + base36(8);
  }

  /** Eight lower-case hex digits: request, session and manifest ids. */
  String shortHex() {
    return String.format("%08x", (int) (random.nextLong() ^ salt));
  }

  private String base36(int length) {
    long bits = random.nextLong() ^ salt;
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE36[(int) Long.remainderUnsigned(bits, 36)];
      bits = Long.divideUnsigned(bits, 36);
    }
    return new String(chars);
  }

  /** A version-4 (random) UUID from 128 random bits, lower-case. */
  static String uuid(long high, long low) {
    long versioned = (high & ~0xF000L) | 0x4000L;
    long variant = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(versioned, variant).toString();
  }

  /** SplitMix64's finaliser: spreads a time value over all 64 bits. */
  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
