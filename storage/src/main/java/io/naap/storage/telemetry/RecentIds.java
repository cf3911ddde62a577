package io.naap.storage.telemetry;

import java.util.UUID;

/**
 * A set of event ids, each with the minute its event was received, kept in three primitive arrays
 * (open addressing, linear probing; 20 bytes a slot, a quarter to a half of the slots taken: 40 to
 * 80 bytes an id), no object per id. An id counts as present only while its minute is not older
 * than {@link #expireBefore}'s bound; expired ids are dropped from memory when the table is next
 * rebuilt. Not thread-safe.
 */
final class RecentIds {
  private static final int MIN_CAPACITY = 1 << 12;

  /** Rebuilt (and grown if needed) when more than this share of the slots is taken. */
  private static final double MAX_LOAD = 0.5;

  private final long seed;
  private long[] highs;
  private long[] lows;

  /** The received minute (since 1970) of the id in a slot, plus one; 0 marks a free slot. */
  private int[] minutes;

  private int taken;
  private int oldestMinute = Integer.MIN_VALUE;

  /**
   * @param seed mixed into every hash, so that ids chosen to collide with one process's table do
   *     not collide with another's
   */
  RecentIds(long seed) {
    this.seed = seed;
    allocate(MIN_CAPACITY);
  }

  /** Whether the id was added, with a minute not older than the expiry bound. */
  boolean contains(UUID id) {
    int slot = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
    return minutes[slot] != 0 && minutes[slot] - 1 >= oldestMinute;
  }

  /** Adds the id, received in {@code minute}; an id present already keeps the later minute. */
  void add(long high, long low, int minute) {
    if (minute < 0 || minute == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("minute out of range: " + minute);
    }
    int slot = find(high, low);
    if (minutes[slot] != 0) {
      minutes[slot] = Math.max(minutes[slot], minute + 1);
      return;
    }
    if (taken + 1 > highs.length * MAX_LOAD) {
      rebuild(taken + 1);
      slot = find(high, low);
    }
    highs[slot] = high;
    lows[slot] = low;
    minutes[slot] = minute + 1;
    taken++;
  }

  /** From now on, ids received before {@code minute} count as absent. Never moves back. */
  void expireBefore(int minute) {
    oldestMinute = Math.max(oldestMinute, minute);
  }

  /** Ids held in memory, expired ones not yet dropped included. */
  int held() {
    return taken;
  }

  /** Slots allocated (a power of two). */
  int capacity() {
    return highs.length;
  }

  private int find(long high, long low) {
    int mask = highs.length - 1;
    int slot = (int) mix(high, low) & mask;
    while (minutes[slot] != 0 && (highs[slot] != high || lows[slot] != low)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private long mix(long high, long low) {
    long h = (high ^ seed) * 0x9E3779B97F4A7C15L + low;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 32);
  }

  /** Drops the expired ids, then sizes the table for {@code needed} ids at a quarter load. */
  private void rebuild(int needed) {
    long[] oldHighs = highs;
    long[] oldLows = lows;
    int[] oldMinutes = minutes;
    int live = 0;
    for (int minute : oldMinutes) {
      if (minute != 0 && minute - 1 >= oldestMinute) {
        live++;
      }
    }
    int wanted = Math.max(live + (needed - taken), 1);
    int capacity = MIN_CAPACITY;
    while (capacity < wanted * 4L) {
      if (capacity == 1 << 30) {
        throw new IllegalStateException("more than " + (1 << 28) + " recent event ids");
      }
      capacity <<= 1;
    }
    allocate(capacity);
    for (int i = 0; i < oldMinutes.length; i++) {
      if (oldMinutes[i] != 0 && oldMinutes[i] - 1 >= oldestMinute) {
        int slot = find(oldHighs[i], oldLows[i]);
        highs[slot] = oldHighs[i];
        lows[slot] = oldLows[i];
        minutes[slot] = oldMinutes[i];
        taken++;
      }
    }
  }

  private void allocate(int capacity) {
    highs = new long[capacity];
    lows = new long[capacity];
    minutes = new int[capacity];
    taken = 0;
  }
}
