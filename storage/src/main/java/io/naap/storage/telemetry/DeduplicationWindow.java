package io.naap.storage.telemetry;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which event ids are stored already: the ids of the events received within the window (its length)
 * before the newest ingestion call, held in memory ({@link RecentIds}) and brought up to date from
 * the database before each call decides. An event whose id is among them is a duplicate; an id
 * stored longer ago than the window is not looked for, and its event is stored again.
 *
 * <p>Every call runs while the caller's transaction holds {@link io.naap.storage.TelemetryLock},
 * the lock every writer of telemetry holds until it commits. Block ids come from a sequence (cache
 * 1) and are drawn under that lock, so they increase in commit order: the blocks with an id above
 * the last one read are exactly those committed since, by this process or any other sharing the
 * database. {@link #catchUp} reads their ids (column {@code ids}); so the window never holds an id
 * whose transaction rolled back, and writers in several processes deduplicate against each other.
 * The first call loads the window from the blocks received within it.
 */
final class DeduplicationWindow {
  private static final String LAST_BLOCK = "select coalesce(max(id), 0) from telemetry_event_block";
  private static final String BLOCKS_RECEIVED_SINCE =
      "select id, received_at, ids from telemetry_event_block where received_at >= ?";
  private static final String BLOCKS_AFTER =
      "select id, received_at, ids from telemetry_event_block where id > ? order by id";

  private final Duration length;
  private final RecentIds ids = new RecentIds(ThreadLocalRandom.current().nextLong());
  private boolean loaded;
  private long lastBlockId;
  private Instant newest = Instant.EPOCH;

  DeduplicationWindow(Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the deduplication window must be >= 1 minute: " + length);
    }
    this.length = length;
  }

  Duration length() {
    return length;
  }

  /**
   * Adds the ids of every block committed since the last call (on the first, of every block
   * received within the window), and moves the window's end to {@code receivedAt} if that is later.
   */
  synchronized void catchUp(Connection connection, Instant receivedAt) throws SQLException {
    if (receivedAt.isAfter(newest)) {
      newest = receivedAt;
    }
    Instant start = newest.minus(length);
    ids.expireBefore(minuteOf(start));
    if (!loaded) {
      long last;
      try (PreparedStatement statement = connection.prepareStatement(LAST_BLOCK);
          ResultSet result = statement.executeQuery()) {
        result.next();
        last = result.getLong(1);
      }
      try (PreparedStatement statement = connection.prepareStatement(BLOCKS_RECEIVED_SINCE)) {
        statement.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(minuteOf(start) * 60L)));
        read(statement);
      }
      lastBlockId = last;
      loaded = true;
    } else {
      try (PreparedStatement statement = connection.prepareStatement(BLOCKS_AFTER)) {
        statement.setLong(1, lastBlockId);
        lastBlockId = Math.max(lastBlockId, read(statement));
      }
    }
  }

  /** The events whose id the window does not hold, in their order. */
  synchronized List<TelemetryEventRow> absent(List<TelemetryEventRow> events) {
    List<TelemetryEventRow> absent = null;
    for (int i = 0; i < events.size(); i++) {
      TelemetryEventRow event = events.get(i);
      if (ids.contains(event.id())) {
        if (absent == null) {
          absent = new ArrayList<>(events.subList(0, i));
        }
      } else if (absent != null) {
        absent.add(event);
      }
    }
    return absent == null ? events : absent;
  }

  /** Ids held in memory (expired ones not yet dropped included). */
  synchronized int held() {
    return ids.held();
  }

  /** Reads the blocks' ids into the window; returns the largest block id read (0 if none). */
  private long read(PreparedStatement statement) throws SQLException {
    // a cursor of a few blocks at a time (the transaction is open): the window may be large
    statement.setFetchSize(64);
    long last = 0;
    try (ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        long blockId = result.getLong(1);
        int minute = minuteOf(result.getTimestamp(2).toInstant());
        byte[] blockIds = result.getBytes(3);
        if (blockIds.length % 16 != 0) {
          throw new SQLException(
              "telemetry event block " + blockId + " has " + blockIds.length + " bytes of ids");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blockIds);
        while (buffer.hasRemaining()) {
          ids.add(buffer.getLong(), buffer.getLong(), minute);
        }
        last = Math.max(last, blockId);
      }
    }
    return last;
  }

  private static int minuteOf(Instant instant) {
    return (int) Math.max(0, Math.floorDiv(instant.getEpochSecond(), 60));
  }
}
