package io.naap.api.error;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers requests that Helidon rejects before routing (malformed request line or headers, entity
 * too large, unsupported HTTP version) with the JSON error shape.
 */
final class JsonDirectHandler implements DirectHandler {

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      Status defaultStatus,
      ServerResponseHeaders responseHeaders,
      String message) {
    ErrorCode code = ErrorCode.forStatus(defaultStatus);
    String text;
    if (code == ErrorCode.INTERNAL_ERROR) {
      text = JsonErrorHandler.INTERNAL_ERROR_MESSAGE;
    } else if (message == null || message.isBlank()) {
      text = code.status().reasonPhrase();
    } else {
      // Helidon passes only messages it marked safe for clients, otherwise a generic one
      text = message;
    }
    responseHeaders.set(HeaderValues.CONTENT_TYPE_JSON);
    TransportResponse.Builder response =
        TransportResponse.builder().status(code.status()).headers(responseHeaders);
    if (!"HEAD".equals(request.method())) {
      response.entity(ErrorReply.of(code, text).json());
    }
    return response.build();
  }
}
