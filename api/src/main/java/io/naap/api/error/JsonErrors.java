package io.naap.api.error;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ErrorHandler;

/**
 * The two places where Helidon answers errors, both producing the one JSON error shape: the
 * routing's error handler (exceptions from filters and handlers, including 404 and 405) and the
 * listener's direct handlers (requests rejected before routing).
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** Register for {@code Throwable} on the HTTP routing. */
  public static ErrorHandler<Throwable> errorHandler() {
    return new JsonErrorHandler();
  }

  /** Set on the listener, for every event type. */
  public static DirectHandlers directHandlers() {
    DirectHandler handler = new JsonDirectHandler();
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      builder.addHandler(type, handler);
    }
    return builder.build();
  }
}
