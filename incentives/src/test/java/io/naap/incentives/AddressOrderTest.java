package io.naap.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Address order: unsigned, stable, and the same through the fast primitive sort. */
class AddressOrderTest {
  private static EvmAddress address(String hex) {
    return EvmAddress.fromHex(hex);
  }

  /** An item of a sort: its address and where it was in the input. */
  record Item(EvmAddress address, int position) {}

  @Test
  void ordersAddressesAsUnsignedNumbers() {
    EvmAddress low = address("0x0000000000000000000000000000000000000001");
    EvmAddress middle = address("0x7fffffffffffffffffffffffffffffffffffffff");
    EvmAddress high = address("0x8000000000000000000000000000000000000000");
    EvmAddress highest = address("0xffffffffffffffffffffffffffffffffffffffff");

    assertThat(AddressOrder.sorted(List.of(highest, high, low, middle), a -> a))
        .containsExactly(low, middle, high, highest);
    assertThat(AddressOrder.ASCENDING.compare(high, middle)).isPositive();
    assertThat(AddressOrder.ASCENDING.compare(low, low)).isZero();
  }

  @Test
  void keepsTheInputOrderOfEqualAddressesAndCanRefuseThem() {
    EvmAddress a = address("0x00000000000000000000000000000000000000aa");
    EvmAddress b = address("0x00000000000000000000000000000000000000bb");
    List<Item> items = List.of(new Item(b, 0), new Item(a, 1), new Item(b, 2), new Item(a, 3));

    assertThat(AddressOrder.sorted(items, Item::address))
        .extracting(Item::position)
        .containsExactly(1, 3, 0, 2);
    assertThatThrownBy(
            () ->
                AddressOrder.sortedDistinct(
                    items, Item::address, twice -> new IllegalStateException("twice: " + twice)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("twice: " + a);
    assertThat(
            AddressOrder.sortedDistinct(
                List.of(new Item(b, 0), new Item(a, 1)),
                Item::address,
                twice -> new IllegalStateException("twice: " + twice)))
        .extracting(Item::position)
        .containsExactly(1, 0);
    assertThat(AddressOrder.sorted(List.<Item>of(), Item::address)).isEmpty();
  }

  @Test
  void aSortedCopyIteratesByAddress() {
    Map<EvmAddress, Integer> map = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      byte[] bytes = new byte[20];
      new Random(i).nextBytes(bytes);
      map.put(EvmAddress.of(bytes), i);
    }

    Map<EvmAddress, Integer> copy = AddressOrder.sortedCopy(map);

    assertThat(copy).isEqualTo(map);
    assertThat(new ArrayList<>(copy.keySet())).isSortedAccordingTo(AddressOrder.ASCENDING);
    assertThatThrownBy(() -> copy.put(address("0x0000000000000000000000000000000000000001"), 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * The primitive sort gives what a plain stable sort by the comparator gives, for addresses that
   * differ anywhere: in the top bits (the fast path), only in the bottom ones (the ties), or not at
   * all (duplicates).
   */
  @Property(tries = 1_000, seed = "20261129")
  void sortsExactlyAsTheComparatorDoes(@ForAll("addressLists") List<EvmAddress> addresses) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      items.add(new Item(addresses.get(i), i));
    }
    List<Item> expected = new ArrayList<>(items);
    expected.sort(Comparator.comparing(Item::address, AddressOrder.ASCENDING));

    assertThat(AddressOrder.sorted(items, Item::address)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<EvmAddress>> addressLists() {
    Arbitrary<EvmAddress> random =
        Arbitraries.bytes().array(byte[].class).ofSize(20).map(EvmAddress::of);
    Arbitrary<EvmAddress> sharedTop =
        Arbitraries.integers()
            .between(0, 300)
            .map(
                n -> {
                  byte[] bytes = new byte[20];
                  bytes[0] = (byte) 0x9c;
                  byte[] tail = BigInteger.valueOf(n).toByteArray();
                  System.arraycopy(tail, 0, bytes, 20 - tail.length, tail.length);
                  return EvmAddress.of(bytes);
                });
    Arbitrary<EvmAddress> few =
        Arbitraries.of(
            address("0x0000000000000000000000000000000000000001"),
            address("0x8000000000000000000000000000000000000000"),
            address("0x8000000000000000000000000000000000000001"));
    return Arbitraries.frequencyOf(Tuple.of(3, random), Tuple.of(3, sharedTop), Tuple.of(1, few))
        .list()
        .ofMaxSize(600);
  }
}
