package io.naap.telemetry.decode;

import java.util.Objects;

/** A JSON array as {@link JsonTreeReader} reads it (elements as in {@link JsonObject}). */
final class JsonArray {
  private final Object[] elements;
  private final int size;
  private final JsonSpan span;

  JsonArray(Object[] elements, int size, JsonSpan span) {
    this.elements = elements;
    this.size = size;
    this.span = span;
  }

  int size() {
    return size;
  }

  Object get(int index) {
    Objects.checkIndex(index, size);
    return elements[index];
  }

  JsonSpan span() {
    return span;
  }
}
