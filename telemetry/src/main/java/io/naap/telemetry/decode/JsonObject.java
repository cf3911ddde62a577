package io.naap.telemetry.decode;

import java.util.Arrays;
import java.util.List;

/**
 * A JSON object as {@link JsonTreeReader} reads it: its fields in the order received, and where its
 * text lies in the record. A value is a {@link String}, a {@link Long} (an integer that fits), a
 * {@link JsonNumber} (any other number), a {@link Boolean}, a {@link JsonObject}, a {@link
 * JsonArray} or {@link JsonTreeReader#NULL}.
 *
 * <p>Far lighter than a general-purpose tree: no map, fields found by a scan that starts where the
 * previous one ended (the decoders read most fields in the order producers write them). Not
 * thread-safe: a tree belongs to the one decode call that read it.
 */
final class JsonObject {
  private final String[] names;
  private final int[] hashes;
  private final Object[] values;
  private final int size;
  private final JsonSpan span;
  private int cursor;

  /** The names' hash codes at the same index: a scan compares ints, touching no name. */
  JsonObject(String[] names, int[] hashes, Object[] values, int size, JsonSpan span) {
    this.names = names;
    this.hashes = hashes;
    this.values = values;
    this.size = size;
    this.span = span;
  }

  /** The value of the field, or {@code null} when the object has no such field. */
  Object get(String name) {
    int hash = name.hashCode();
    for (int n = 0, i = cursor; n < size; n++, i = i + 1 == size ? 0 : i + 1) {
      if (hashes[i] == hash && names[i].equals(name)) {
        cursor = i + 1 == size ? 0 : i + 1;
        return values[i];
      }
    }
    return null;
  }

  int size() {
    return size;
  }

  /** The field names, in the order received. */
  List<String> names() {
    return Arrays.asList(names).subList(0, size);
  }

  JsonSpan span() {
    return span;
  }
}
