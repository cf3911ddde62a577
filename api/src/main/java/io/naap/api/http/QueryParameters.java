package io.naap.api.http;

import io.helidon.common.parameters.Parameters;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.storage.EthereumAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads query and path parameters strictly: a value that does not parse is a 400 naming the
 * parameter and what it must be, never a silent default.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /** A non-blank text parameter, trimmed; empty when absent. */
  public static Optional<String> text(Parameters query, String name) {
    if (query.first(name).isEmpty()) {
      return Optional.empty();
    }
    String value = query.first(name).get().trim();
    if (value.isEmpty() || value.length() > 256) {
      throw invalid(name, "a text of 1 to 256 characters", value);
    }
    return Optional.of(value);
  }

  public static int integer(Parameters query, String name, int fallback, int min, int max) {
    if (query.first(name).isEmpty()) {
      return fallback;
    }
    String value = query.first(name).get();
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(name, "an integer from " + min + " to " + max, value);
    }
  }

  public static Instant instant(Parameters query, String name, Instant fallback) {
    if (query.first(name).isEmpty()) {
      return fallback;
    }
    String value = query.first(name).get();
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeException e) {
      throw invalid(name, "an ISO-8601 instant such as 2026-01-08T22:00:00Z", value);
    }
  }

  /** An address in any case; 400 when it is not 0x and 40 hex digits. */
  public static EthereumAddress address(String name, String value) {
    try {
      return EthereumAddress.fromHex(value.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(name, "an address: 0x and 40 hex digits, any case", value);
    }
  }

  /** {@code from} before {@code to}, or a 400. */
  public static void requireOrdered(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'from' must be before 'to'",
          Map.of("from", from.toString(), "to", to.toString()));
    }
  }

  public static ApiException invalid(String name, String expected, String value) {
    String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return new ApiException(
        ErrorCode.BAD_REQUEST,
        "'" + name + "' must be " + expected + ", got '" + shown + "'",
        Map.of("parameter", name));
  }
}
