package io.naap.incentives;

import io.naap.attestations.EvmAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Accounts in ascending address order: the 20 bytes read as an unsigned number, as Solidity orders
 * an {@code address} (a {@code uint160}). Every list and map of accounts the incentive engine
 * returns is in this order, so that its results do not depend on the order of its inputs and read
 * the same on every machine.
 *
 * <p>{@link EvmAddress} is not {@link Comparable} and hands out copies of its bytes, so the sorts
 * here read each address once and sort primitives: a key per item holding the top bits of its
 * address above the item's index, sign-flipped so that signed order is unsigned order, sorted as
 * {@code long}s; items whose top bits tie (rare among real addresses, common among made-up ones)
 * are then ordered by their whole address.
 */
public final class AddressOrder {
  /** Ascending unsigned byte order. */
  public static final Comparator<EvmAddress> ASCENDING =
      (a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes());

  private static final VarHandle LONG = view(long[].class);
  private static final VarHandle INT = view(int[].class);

  private AddressOrder() {}

  /** The items sorted by their address, ascending; items with equal addresses keep their order. */
  public static <T> List<T> sorted(
      Collection<? extends T> items, Function<? super T, EvmAddress> address) {
    return sort(items, address, null);
  }

  /**
   * The items sorted by their address, ascending, when no two share an address.
   *
   * @param duplicate the exception to throw for an address two items share
   */
  public static <T> List<T> sortedDistinct(
      Collection<? extends T> items,
      Function<? super T, EvmAddress> address,
      Function<? super EvmAddress, ? extends RuntimeException> duplicate) {
    return sort(items, address, Objects.requireNonNull(duplicate, "duplicate"));
  }

  /**
   * An unmodifiable copy of the map that iterates its entries in ascending address order (lookups
   * by hash).
   */
  public static <V> Map<EvmAddress, V> sortedCopy(Map<EvmAddress, V> map) {
    List<Map.Entry<EvmAddress, V>> entries = sorted(map.entrySet(), Map.Entry::getKey);
    Map<EvmAddress, V> copy = LinkedHashMap.newLinkedHashMap(entries.size());
    for (Map.Entry<EvmAddress, V> entry : entries) {
      copy.put(entry.getKey(), Objects.requireNonNull(entry.getValue(), "value"));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static <T> List<T> sort(
      Collection<? extends T> items,
      Function<? super T, EvmAddress> address,
      Function<? super EvmAddress, ? extends RuntimeException> duplicate) {
    Objects.requireNonNull(address, "address");
    Object[] array = items.toArray();
    int n = array.length;
    long[] high = new long[n];
    long[] middle = new long[n];
    int[] low = new int[n];
    for (int i = 0; i < n; i++) {
      byte[] bytes = Objects.requireNonNull(address.apply(item(array, i)), "address").bytes();
      high[i] = (long) LONG.get(bytes, 0);
      middle[i] = (long) LONG.get(bytes, 8);
      low[i] = (int) INT.get(bytes, 16);
    }
    int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    long indexMask = (1L << indexBits) - 1;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((high[i] & ~indexMask) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & indexMask);
    }
    Comparator<Integer> whole =
        (a, b) -> {
          int byHigh = Long.compareUnsigned(high[a], high[b]);
          if (byHigh != 0) {
            return byHigh;
          }
          int byMiddle = Long.compareUnsigned(middle[a], middle[b]);
          return byMiddle != 0 ? byMiddle : Integer.compareUnsigned(low[a], low[b]);
        };
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && (keys[end] & ~indexMask) == (keys[start] & ~indexMask)) {
        end++;
      }
      if (end - start > 1) {
        Integer[] tied = new Integer[end - start];
        for (int i = start; i < end; i++) {
          tied[i - start] = order[i];
        }
        Arrays.sort(tied, whole); // stable: equal addresses keep their index order
        for (int i = start; i < end; i++) {
          order[i] = tied[i - start];
          if (duplicate != null && i > start && whole.compare(order[i - 1], order[i]) == 0) {
            throw duplicate.apply(address.apply(item(array, order[i])));
          }
        }
      }
      start = end;
    }
    List<T> sorted = new ArrayList<>(n);
    for (int index : order) {
      sorted.add(item(array, index));
    }
    return sorted;
  }

  @SuppressWarnings("unchecked")
  private static <T> T item(Object[] array, int index) {
    return (T) array[index];
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.BIG_ENDIAN);
  }
}
