package io.naap.api.error;

import io.helidon.http.Status;
import java.util.Arrays;
import java.util.Locale;

/**
 * The single catalogue of API error codes. Each code has one HTTP status and a stable lowercase
 * string that clients may rely on; the OpenAPI document lists the same strings in {@code
 * components.schemas.Error}.
 */
public enum ErrorCode {
  BAD_REQUEST(Status.BAD_REQUEST_400),
  UNAUTHORIZED(Status.UNAUTHORIZED_401),
  FORBIDDEN(Status.FORBIDDEN_403),
  NOT_FOUND(Status.NOT_FOUND_404),
  METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED_405),
  NOT_ACCEPTABLE(Status.NOT_ACCEPTABLE_406),
  PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE_413),
  URI_TOO_LONG(Status.REQUEST_URI_TOO_LONG_414),
  UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE_415),
  INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR_500),
  NOT_IMPLEMENTED(Status.NOT_IMPLEMENTED_501),
  SERVICE_UNAVAILABLE(Status.SERVICE_UNAVAILABLE_503),
  HTTP_VERSION_NOT_SUPPORTED(Status.HTTP_VERSION_NOT_SUPPORTED_505);

  private final Status status;
  private final String code;

  ErrorCode(Status status) {
    this.status = status;
    this.code = name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status every response with this code carries. */
  public Status status() {
    return status;
  }

  /** The stable string sent as {@code error.code}. */
  public String code() {
    return code;
  }

  /**
   * The code for an HTTP status that Helidon chose (for example when it rejects a request before
   * routing). A status outside the catalogue falls back to {@link #BAD_REQUEST} for 4xx and {@link
   * #INTERNAL_ERROR} otherwise.
   */
  static ErrorCode forStatus(Status status) {
    return Arrays.stream(values())
        .filter(it -> it.status.code() == status.code())
        .findFirst()
        .orElse(status.family() == Status.Family.CLIENT_ERROR ? BAD_REQUEST : INTERNAL_ERROR);
  }
}
