package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory set of recent event ids that deduplication reads. */
class RecentIdsTest {
  @Test
  void holdsExactlyTheIdsAddedAsTheTableGrows() {
    RecentIds ids = new RecentIds(1);
    List<UUID> added = random(200_000, 2);
    for (UUID id : added) {
      add(ids, id, 100);
    }
    assertThat(ids.held()).isEqualTo(added.size());
    assertThat(ids.capacity()).isGreaterThanOrEqualTo(2 * added.size());
    assertThat(added).allMatch(ids::contains);
    assertThat(random(200_000, 3)).noneMatch(ids::contains);
  }

  @Test
  void tellsIdsThatShareOneHalfApart() {
    RecentIds ids = new RecentIds(4);
    for (long n = 0; n < 10_000; n++) {
      add(ids, new UUID(42, n), 1);
    }
    assertThat(ids.contains(new UUID(42, 9_999))).isTrue();
    assertThat(ids.contains(new UUID(42, 10_000))).isFalse();
    assertThat(ids.contains(new UUID(43, 0))).isFalse();
    assertThat(ids.contains(new UUID(0, 42))).isFalse();
  }

  @Test
  void anIdAddedAgainIsHeldOnceWithItsLaterMinute() {
    RecentIds ids = new RecentIds(5);
    UUID id = new UUID(7, 7);
    add(ids, id, 50);
    add(ids, id, 10);
    add(ids, id, 30);
    assertThat(ids.held()).isEqualTo(1);
    ids.expireBefore(49);
    assertThat(ids.contains(id)).isTrue();
    ids.expireBefore(51);
    assertThat(ids.contains(id)).isFalse();
  }

  @Test
  void expiredIdsCountAsAbsentAndLeaveMemoryAtTheNextRebuild() {
    RecentIds ids = new RecentIds(6);
    List<UUID> old = random(1_000, 7);
    old.forEach(id -> add(ids, id, 10));
    UUID recent = new UUID(1, 1);
    add(ids, recent, 20);

    ids.expireBefore(15);
    assertThat(old).noneMatch(ids::contains);
    assertThat(ids.contains(recent)).isTrue();
    // an expired id received again is present again
    add(ids, old.get(0), 21);
    assertThat(ids.contains(old.get(0))).isTrue();
    assertThat(ids.held()).isEqualTo(1_001);

    // enough new ids to rebuild the table: the expired ones are dropped then
    List<UUID> fresh = random(ids.capacity(), 8);
    fresh.forEach(id -> add(ids, id, 22));
    assertThat(ids.held()).isEqualTo(fresh.size() + 2);
    assertThat(fresh).allMatch(ids::contains);
    assertThat(ids.contains(recent)).isTrue();
    assertThat(ids.contains(old.get(0))).isTrue();
    assertThat(old.subList(1, old.size())).noneMatch(ids::contains);
  }

  @Test
  void expiryNeverMovesBack() {
    RecentIds ids = new RecentIds(9);
    UUID id = new UUID(3, 3);
    add(ids, id, 10);
    ids.expireBefore(11);
    ids.expireBefore(5);
    assertThat(ids.contains(id)).isFalse();
  }

  @Test
  void refusesAMinuteOutOfRange() {
    RecentIds ids = new RecentIds(10);
    assertThatThrownBy(() -> ids.add(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ids.add(1, 1, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void add(RecentIds ids, UUID id, int minute) {
    ids.add(id.getMostSignificantBits(), id.getLeastSignificantBits(), minute);
  }

  private static List<UUID> random(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    return ids;
  }
}
