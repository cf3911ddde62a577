package io.naap.storage.telemetry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows to {@code COPY ... FROM STDIN (FORMAT binary)} through pgjdbc's {@link CopyIn}. The
 * binary format needs no escaping at all (every value is length-prefixed) and spares the server
 * from parsing uuids and timestamps. Values go through a 64 KiB buffer; larger ones are written
 * straight through. Not thread-safe; one instance per copy.
 */
public final class BinaryCopy {
  /** Writes one row: {@link #row(int)}, then exactly that many values. */
  @FunctionalInterface
  public interface RowWriter<T> {
    void write(BinaryCopy copy, T row) throws SQLException;
  }

  /** The 11-byte signature that opens binary COPY data. */
  private static final byte[] SIGNATURE =
      "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

  private static final int BUFFER_SIZE = 64 * 1024;
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
  private static final byte JSONB_VERSION = 1;

  // the format's integers are big-endian (network order)
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final CopyIn copyIn;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;

  private BinaryCopy(CopyIn copyIn) {
    this.copyIn = copyIn;
  }

  /**
   * Runs {@code copySql} ({@code COPY <table> (<columns>) FROM STDIN (FORMAT binary)}) on the
   * connection, in its current transaction, writing each row with {@code writer}; returns the rows
   * the server counted. A failure cancels the copy, which aborts the transaction.
   */
  public static <T> long copy(
      Connection connection, String copySql, List<T> rows, RowWriter<T> writer)
      throws SQLException {
    CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      BinaryCopy copy = new BinaryCopy(copyIn);
      copy.put(SIGNATURE);
      copy.putInt(0); // flags: no OIDs
      copy.putInt(0); // header extension length
      for (T row : rows) {
        writer.write(copy, row);
      }
      copy.putShort(-1); // trailer
      copy.flush();
      return copyIn.endCopy();
    } catch (SQLException | RuntimeException e) {
      cancel(copyIn, e);
      throw e;
    }
  }

  private static void cancel(CopyIn copyIn, Exception failure) {
    if (copyIn.isActive()) {
      try {
        copyIn.cancelCopy();
      } catch (SQLException cancelFailure) {
        failure.addSuppressed(cancelFailure);
      }
    }
  }

  public void row(int fields) throws SQLException {
    putShort(fields);
  }

  public void nullValue() throws SQLException {
    putInt(-1);
  }

  public void uuid(UUID value) throws SQLException {
    putInt(16);
    putLong(value.getMostSignificantBits());
    putLong(value.getLeastSignificantBits());
  }

  /** A {@code timestamptz}: microseconds since 2000-01-01 UTC (the value is whole microseconds). */
  public void timestamp(Instant value) throws SQLException {
    putInt(8);
    putLong(postgresMicros(value));
  }

  /** PostgreSQL's binary {@code timestamptz}: microseconds since 2000-01-01 UTC. */
  public static long postgresMicros(Instant value) {
    return (value.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000;
  }

  /** The instant of a binary {@code timestamptz}, the inverse of {@link #postgresMicros}. */
  public static Instant fromPostgresMicros(long micros) {
    return Instant.ofEpochSecond(
        POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** A {@code text} in UTF-8 (pgjdbc always sets {@code client_encoding} to UTF8). */
  public void text(String value) throws SQLException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    putInt(bytes.length);
    put(bytes);
  }

  /** A {@code text} whose UTF-8 bytes are at hand: sent as they are. */
  void text(JsonText value) throws SQLException {
    bytes(value.utf8());
  }

  public void text(Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      text(value.get());
    } else {
      nullValue();
    }
  }

  /** An {@code integer}. */
  public void integer(int value) throws SQLException {
    putInt(4);
    putInt(value);
  }

  /** A {@code bigint}. */
  public void bigint(long value) throws SQLException {
    putInt(8);
    putLong(value);
  }

  public void bytes(byte[] value) throws SQLException {
    putInt(value.length);
    put(value);
  }

  /** A {@code jsonb}: format version 1, then the JSON text in UTF-8; the server parses it. */
  public void jsonb(String json) throws SQLException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    putInt(bytes.length + 1);
    room(1);
    buffer[position++] = JSONB_VERSION;
    put(bytes);
  }

  private void putShort(int value) throws SQLException {
    room(Short.BYTES);
    SHORTS.set(buffer, position, (short) value);
    position += Short.BYTES;
  }

  private void putInt(int value) throws SQLException {
    room(Integer.BYTES);
    INTS.set(buffer, position, value);
    position += Integer.BYTES;
  }

  private void putLong(long value) throws SQLException {
    room(Long.BYTES);
    LONGS.set(buffer, position, value);
    position += Long.BYTES;
  }

  private void put(byte[] bytes) throws SQLException {
    if (bytes.length > buffer.length - position) {
      flush();
      if (bytes.length > buffer.length) {
        copyIn.writeToCopy(bytes, 0, bytes.length);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  private void room(int bytes) throws SQLException {
    if (buffer.length - position < bytes) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (position > 0) {
      copyIn.writeToCopy(buffer, 0, position);
      position = 0;
    }
  }
}
