package io.naap.telemetry.decode;

/**
 * The index of the first record that had each event id, in one input: an open-addressing hash table
 * over the id's 128 bits, with no object per entry. An input of millions of events keeps 32 bytes a
 * slot here (at most half of the slots used), where a {@code HashMap<UUID, Long>} kept about 100
 * bytes an id and cost a cache miss or more per lookup.
 */
final class FirstIndexById {
  private static final int INITIAL_CAPACITY = 1 << 12;
  private static final long EMPTY = -1;

  /**
   * Each slot's id (high and low bits) and first index side by side, {@value #STRIDE} longs a slot
   * (the last unused): a probe of a large table touches one cache line, not three.
   */
  private static final int STRIDE = 4;

  /** Slots at most: the table must fit one array (2^28 slots, 8 GiB, half of them ids). */
  private static final int MAX_CAPACITY = 1 << 28;

  private long[] slots = emptySlots(INITIAL_CAPACITY);
  private int capacity = INITIAL_CAPACITY;
  private int size;

  /**
   * Records {@code recordIndex} for the id unless it was seen; returns the index recorded first for
   * it, or -1 when it is new.
   */
  long putIfAbsent(long idHigh, long idLow, long recordIndex) {
    if (recordIndex < 0) {
      throw new IllegalArgumentException("recordIndex must be >= 0, got " + recordIndex);
    }
    if (2 * (size + 1) > capacity) {
      grow();
    }
    int mask = capacity - 1;
    for (int slot = slot(idHigh, idLow, mask); ; slot = (slot + 1) & mask) {
      int at = slot * STRIDE;
      if (slots[at + 2] == EMPTY) {
        slots[at] = idHigh;
        slots[at + 1] = idLow;
        slots[at + 2] = recordIndex;
        size++;
        return EMPTY;
      }
      if (slots[at] == idHigh && slots[at + 1] == idLow) {
        return slots[at + 2];
      }
    }
  }

  private void grow() {
    if (capacity > MAX_CAPACITY / 2) {
      throw new IllegalStateException(
          "more than " + MAX_CAPACITY / 2 + " distinct event ids in one input: split it");
    }
    long[] old = slots;
    int oldCapacity = capacity;
    capacity = oldCapacity * 2;
    slots = emptySlots(capacity);
    int mask = capacity - 1;
    for (int o = 0; o < oldCapacity; o++) {
      int from = o * STRIDE;
      if (old[from + 2] != EMPTY) {
        int slot = slot(old[from], old[from + 1], mask);
        while (slots[slot * STRIDE + 2] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, from, slots, slot * STRIDE, 3);
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

  private static long[] emptySlots(int capacity) {
    long[] values = new long[capacity * STRIDE];
    for (int slot = 0; slot < capacity; slot++) {
      values[slot * STRIDE + 2] = EMPTY;
    }
    return values;
  }
}
