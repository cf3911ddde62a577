package io.naap.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.helidon.http.Header;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One error answer: the JSON body {@code {"error": {"code", "message", "details"}}} plus extra
 * headers.
 */
record ErrorReply(ErrorCode code, String message, Map<String, ?> details, List<Header> headers) {
  // ObjectWriter is immutable and thread-safe.
  private static final ObjectWriter JSON = new ObjectMapper().writerFor(Body.class);

  ErrorReply {
    details = new TreeMap<>(details);
    headers = List.copyOf(headers);
  }

  static ErrorReply of(ErrorCode code, String message) {
    return new ErrorReply(code, message, Map.of(), List.of());
  }

  static ErrorReply of(ApiException exception) {
    return new ErrorReply(
        exception.code(), exception.getMessage(), exception.details(), exception.headers());
  }

  byte[] json() {
    try {
      return JSON.writeValueAsBytes(new Body(new Error(code.code(), message, details)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "error details of " + code + " are not serialisable as JSON", e);
    }
  }

  private record Body(Error error) {}

  private record Error(String code, String message, Map<String, ?> details) {}
}
