package io.naap.api.error;

import io.helidon.http.Header;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by HTTP handlers to answer with an error from the catalogue. The routing's error handler
 * turns it into the JSON error shape: {@code {"error": {"code", "message", "details"}}}.
 *
 * <p>The message and details are sent to the client, so they must not carry secrets. Detail values
 * must be JSON-friendly: strings, numbers, booleans, lists and maps of those.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;
  private final transient Map<String, ?> details;
  private final transient List<Header> headers;

  /** An error without details. */
  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  /**
   * An error with details and, optionally, headers to add to the response (such as {@code Allow}).
   */
  public ApiException(ErrorCode code, String message, Map<String, ?> details, Header... headers) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
    this.details = Map.copyOf(details);
    this.headers = List.of(headers);
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, ?> details() {
    return details;
  }

  public List<Header> headers() {
    return headers;
  }
}
