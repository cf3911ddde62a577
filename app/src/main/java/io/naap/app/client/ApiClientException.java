package io.naap.app.client;

/** naap's HTTP API cannot be reached, has no such resource, or answers something unexpected. */
public final class ApiClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ApiClientException(String message) {
    super(message);
  }

  ApiClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
