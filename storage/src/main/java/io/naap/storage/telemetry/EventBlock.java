package io.naap.storage.telemetry;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.naap.storage.EthereumAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A block of stored events, as a row of {@code telemetry_event_block} holds it: each event as a
 * binary record, concatenated in arrival order and compressed. The record format is that of {@code
 * V6__telemetry_event_blocks.sql}: the id (16 bytes), occurred_at and received_at (8 bytes each,
 * microseconds since 2000-01-01 UTC), then orchestrator, family, subtype, gateway, stream id,
 * request id, source and payload, each a 4-byte length (-1: absent) and its bytes; all big-endian.
 *
 * <p>Blocks are written compressed with zstd at its fastest level ({@value #LEVEL}): the envelopes
 * of one call share their keys, families, gateways and streams, so a block shrinks 8 to 30 times,
 * and the server writes (and logs) that much less. Blocks migrated from rows are uncompressed
 * ({@code none}).
 *
 * @param source how the events reached naap (each record holds its own copy too)
 * @param receivedAt when naap received them
 * @param events how many records the block holds
 * @param firstOccurredAt the earliest event time of its events
 * @param lastOccurredAt the latest
 * @param codec how {@code data} is compressed: {@value #ZSTD} or {@value #NONE}
 * @param rawBytes the records' length once decompressed
 * @param data the records, compressed
 */
record EventBlock(
    String source,
    Instant receivedAt,
    int events,
    Instant firstOccurredAt,
    Instant lastOccurredAt,
    String codec,
    int rawBytes,
    byte[] data) {
  static final String ZSTD = "zstd";
  static final String NONE = "none";

  /** zstd's fastest regular level: ~2 microseconds an event here, 8 to 30 times smaller. */
  static final int LEVEL = 1;

  /** A block is closed at this many events... */
  static final int MAX_EVENTS = 10_000;

  /** ...or once its records reach this many bytes (one record may exceed it alone). */
  static final int MAX_RAW_BYTES = 8 << 20;

  private static final int ABSENT = -1;

  /**
   * Encodes events into blocks of at most {@link #MAX_EVENTS} events and about {@link
   * #MAX_RAW_BYTES} bytes, in the given order. Not thread-safe; reusable for one batch after
   * another: its buffers grow to the largest block and stay (see {@link #reusable}).
   */
  static final class Writer {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** Buffers kept between uses up to this size; a writer that grew beyond is not reused. */
    private static final int KEPT_BYTES = 2 * MAX_RAW_BYTES;

    private byte[] buffer = new byte[64 * 1024];
    private byte[] compressed = new byte[0];
    private int position;

    /** Whether keeping this writer for another batch keeps a reasonable amount of memory. */
    boolean reusable() {
      return buffer.length <= KEPT_BYTES && compressed.length <= KEPT_BYTES;
    }

    /** The events as blocks, in order; all must share {@code source}. */
    List<EncodedBlock> encode(List<TelemetryEventRow> rows, String source, Instant receivedAt) {
      List<EncodedBlock> blocks = new ArrayList<>();
      int from = 0;
      while (from < rows.size()) {
        position = 0;
        int to = from;
        Instant first = rows.get(from).occurredAt();
        Instant last = first;
        while (to < rows.size() && to - from < MAX_EVENTS && position < MAX_RAW_BYTES) {
          TelemetryEventRow row = rows.get(to++);
          write(row);
          if (row.occurredAt().isBefore(first)) {
            first = row.occurredAt();
          }
          if (row.occurredAt().isAfter(last)) {
            last = row.occurredAt();
          }
        }
        blocks.add(
            new EncodedBlock(
                new EventBlock(
                    source, receivedAt, to - from, first, last, ZSTD, position, compress()),
                rows.subList(from, to)));
        from = to;
      }
      return blocks;
    }

    /** The records written since the block began, compressed into an array of their own. */
    private byte[] compress() {
      int bound = (int) Zstd.compressBound(position);
      if (compressed.length < bound) {
        compressed = new byte[Math.max(bound, Math.min(2 * compressed.length, KEPT_BYTES))];
      }
      long length =
          Zstd.compressByteArray(compressed, 0, compressed.length, buffer, 0, position, LEVEL);
      if (Zstd.isError(length)) {
        throw new IllegalStateException(
            "zstd cannot compress a block of " + position + " bytes: " + Zstd.getErrorName(length));
      }
      return Arrays.copyOf(compressed, (int) length);
    }

    private void write(TelemetryEventRow row) {
      room(16 + 8 + 8);
      UUID id = row.id();
      putLong(id.getMostSignificantBits());
      putLong(id.getLeastSignificantBits());
      putLong(BinaryCopy.postgresMicros(row.occurredAt()));
      putLong(BinaryCopy.postgresMicros(row.receivedAt()));
      Optional<EthereumAddress> orchestrator = row.orchestrator();
      bytes(orchestrator.isPresent() ? orchestrator.get().bytes() : null);
      text(row.family());
      text(row.subtype().orElse(null));
      text(row.gateway().orElse(null));
      text(row.streamId().orElse(null));
      text(row.requestId().orElse(null));
      text(row.source());
      bytes(row.payload().utf8());
    }

    private void text(String value) {
      if (value == null) {
        bytes(null);
        return;
      }
      // ASCII, the usual identifier: its characters are its UTF-8 bytes, written in place
      int length = value.length();
      room(4 + length);
      int at = position + 4;
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c >= 0x80) {
          bytes(value.getBytes(StandardCharsets.UTF_8));
          return;
        }
        buffer[at + i] = (byte) c;
      }
      putInt(length);
      position += length;
    }

    private void bytes(byte[] value) {
      if (value == null) {
        room(4);
        putInt(ABSENT);
        return;
      }
      room(4 + value.length);
      putInt(value.length);
      System.arraycopy(value, 0, buffer, position, value.length);
      position += value.length;
    }

    private void putLong(long value) {
      LONGS.set(buffer, position, value);
      position += Long.BYTES;
    }

    private void putInt(int value) {
      INTS.set(buffer, position, value);
      position += Integer.BYTES;
    }

    private void room(int bytes) {
      if (buffer.length - position < bytes) {
        long wanted = Math.max((long) buffer.length * 2, (long) position + bytes);
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("an event block cannot exceed 2 GiB");
        }
        buffer = Arrays.copyOf(buffer, (int) wanted);
      }
    }
  }

  /** A block and the rows it holds, in its order. */
  record EncodedBlock(EventBlock block, List<TelemetryEventRow> rows) {}

  /**
   * The block's events, in its order.
   *
   * @throws IllegalArgumentException when the block cannot be read: unknown codec, data that does
   *     not decompress to {@code rawBytes}, a malformed record, or a record breaking the row rules
   */
  List<TelemetryEventRow> rows() {
    ByteBuffer records = ByteBuffer.wrap(records());
    List<TelemetryEventRow> rows = new ArrayList<>(events);
    try {
      while (records.hasRemaining()) {
        rows.add(read(records));
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("a record is cut short at byte " + records.position(), e);
    }
    if (rows.size() != events) {
      throw new IllegalArgumentException(
          "the block says " + events + " events but holds " + rows.size());
    }
    return rows;
  }

  private byte[] records() {
    switch (codec) {
      case NONE -> {
        if (data.length != rawBytes) {
          throw new IllegalArgumentException(
              "an uncompressed block of " + data.length + " bytes says " + rawBytes);
        }
        return data;
      }
      case ZSTD -> {
        byte[] out = new byte[rawBytes];
        long length;
        try {
          length = Zstd.decompressByteArray(out, 0, rawBytes, data, 0, data.length);
        } catch (ZstdException e) {
          throw new IllegalArgumentException("the zstd data is corrupt: " + e.getMessage(), e);
        }
        if (Zstd.isError(length) || length != rawBytes) {
          throw new IllegalArgumentException(
              "the zstd data does not decompress to the " + rawBytes + " bytes the block says");
        }
        return out;
      }
      default -> throw new IllegalArgumentException("unknown codec '" + codec + "'");
    }
  }

  private static TelemetryEventRow read(ByteBuffer in) {
    UUID id = new UUID(in.getLong(), in.getLong());
    Instant occurredAt = BinaryCopy.fromPostgresMicros(in.getLong());
    Instant receivedAt = BinaryCopy.fromPostgresMicros(in.getLong());
    Optional<EthereumAddress> orchestrator =
        Optional.ofNullable(bytes(in)).map(EthereumAddress::new);
    String family = text(in);
    Optional<String> subtype = Optional.ofNullable(text(in));
    Optional<String> gateway = Optional.ofNullable(text(in));
    Optional<String> streamId = Optional.ofNullable(text(in));
    Optional<String> requestId = Optional.ofNullable(text(in));
    String source = text(in);
    byte[] payload = bytes(in);
    if (family == null || source == null || payload == null) {
      throw new IllegalArgumentException("event " + id + ": a required field is absent");
    }
    try {
      return new TelemetryEventRow(
          id,
          family,
          subtype,
          occurredAt,
          receivedAt,
          gateway,
          streamId,
          requestId,
          orchestrator,
          source,
          JsonText.adoptUtf8(payload));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("event " + id + ": " + e.getMessage(), e);
    }
  }

  private static String text(ByteBuffer in) {
    byte[] bytes = bytes(in);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer in) {
    int length = in.getInt();
    if (length == ABSENT) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException(
          "a field of " + length + " bytes at byte " + in.position() + " overruns the block");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }
}
