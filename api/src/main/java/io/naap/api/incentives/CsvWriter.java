package io.naap.api.incentives;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes comma-separated values as RFC 4180 has them: records end with CRLF, and a field holding a
 * comma, a double quote, CR or LF is enclosed in double quotes, each of its double quotes doubled.
 * Every record must have as many fields as the header.
 */
final class CsvWriter {
  private final Writer out;
  private final int columns;

  /** Writes {@code header} at once; the rows follow. */
  CsvWriter(Writer out, List<String> header) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    this.columns = header.size();
    row(header);
  }

  void row(List<String> fields) throws IOException {
    if (fields.size() != columns) {
      throw new IllegalArgumentException(
          "a CSV row of " + fields.size() + " fields under a header of " + columns);
    }
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write("\r\n");
  }

  /** A field as written: quoted when it must be. */
  static String field(String value) {
    Objects.requireNonNull(value, "a CSV field (empty, not null, for nothing)");
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
