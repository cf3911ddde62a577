package io.naap.telemetry.decode;

import java.util.Arrays;

/**
 * The index of the first record that had each event id, in one input: an open-addressing hash table
 * over the id's 128 bits, with no object per entry. An input of millions of events keeps 24 bytes
 * per id here, where a {@code HashMap<UUID, Long>} kept about 100 and cost a cache miss or more per
 * lookup.
 */
final class FirstIndexById {
  private static final int INITIAL_CAPACITY = 1 << 12;
  private static final long EMPTY = -1;

  private long[] high = new long[INITIAL_CAPACITY];
  private long[] low = new long[INITIAL_CAPACITY];
  private long[] index = filledEmpty(INITIAL_CAPACITY);
  private int size;

  /**
   * Records {@code recordIndex} for the id unless it was seen; returns the index recorded first for
   * it, or -1 when it is new.
   */
  long putIfAbsent(long idHigh, long idLow, long recordIndex) {
    if (recordIndex < 0) {
      throw new IllegalArgumentException("recordIndex must be >= 0, got " + recordIndex);
    }
    if (2 * (size + 1) > index.length) {
      grow();
    }
    int mask = index.length - 1;
    for (int slot = slot(idHigh, idLow, mask); ; slot = (slot + 1) & mask) {
      if (index[slot] == EMPTY) {
        high[slot] = idHigh;
        low[slot] = idLow;
        index[slot] = recordIndex;
        size++;
        return EMPTY;
      }
      if (high[slot] == idHigh && low[slot] == idLow) {
        return index[slot];
      }
    }
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldIndex = index;
    int capacity = oldIndex.length * 2;
    high = new long[capacity];
    low = new long[capacity];
    index = filledEmpty(capacity);
    int mask = capacity - 1;
    for (int old = 0; old < oldIndex.length; old++) {
      if (oldIndex[old] != EMPTY) {
        int slot = slot(oldHigh[old], oldLow[old], mask);
        while (index[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        high[slot] = oldHigh[old];
        low[slot] = oldLow[old];
        index[slot] = oldIndex[old];
      }
    }
  }

  /** Ids come from producers (random v4 UUIDs, but also any other kind): mix all 128 bits. */
  private static int slot(long idHigh, long idLow, int mask) {
    long mixed = (idHigh * 0x9E3779B97F4A7C15L) ^ idLow;
    mixed ^= mixed >>> 32;
    mixed *= 0xD6E8FEB86659FD93L;
    mixed ^= mixed >>> 29;
    return (int) mixed & mask;
  }

  private static long[] filledEmpty(int capacity) {
    long[] values = new long[capacity];
    Arrays.fill(values, EMPTY);
    return values;
  }
}
