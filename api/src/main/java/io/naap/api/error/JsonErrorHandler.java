package io.naap.api.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.media.UnsupportedTypeException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers every exception that reaches the routing with the JSON error shape. */
final class JsonErrorHandler implements ErrorHandler<Throwable> {
  static final String INTERNAL_ERROR_MESSAGE =
      "The server could not complete the request; the failure is logged.";
  private static final System.Logger LOGGER = System.getLogger(JsonErrorHandler.class.getName());

  @Override
  public void handle(ServerRequest request, ServerResponse response, Throwable thrown) {
    ErrorReply reply = reply(request, thrown);
    response.status(reply.code().status());
    reply.headers().forEach(response::header);
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    response.header(HeaderValues.CACHE_NO_CACHE);
    if (request.prologue().method().equals(Method.HEAD)) {
      // a HEAD answer has no content, or the connection's framing breaks
      response.send();
    } else {
      response.send(reply.json());
    }
  }

  private static ErrorReply reply(ServerRequest request, Throwable thrown) {
    String target = request.prologue().method().text() + " " + request.path().rawPath();
    if (thrown instanceof ApiException api) {
      if (isServerError(api.code())) {
        LOGGER.log(
            Level.WARNING,
            () -> target + " answered " + api.code().code() + ": " + api.getMessage(),
            api);
      }
      return ErrorReply.of(api);
    }
    if (thrown instanceof HttpException http) {
      ErrorCode code = ErrorCode.forStatus(http.status());
      if (isServerError(code)) {
        LOGGER.log(Level.ERROR, "Failed to answer " + target, http);
        return ErrorReply.of(code, INTERNAL_ERROR_MESSAGE);
      }
      LOGGER.log(Level.DEBUG, () -> target + " rejected: " + http.getMessage());
      return new ErrorReply(
          code,
          http.getMessage() == null ? http.status().reasonPhrase() : http.getMessage(),
          Map.of(
              "method", request.prologue().method().text(),
              "path", request.path().rawPath()),
          http.headers().stream().toList());
    }
    if (thrown instanceof UnsupportedTypeException) {
      // a handler asked for the body as a type that no media support reads from this content type
      LOGGER.log(Level.DEBUG, () -> target + " rejected: " + thrown.getMessage());
      return new ErrorReply(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The content type of the request body is not supported by this operation.",
          request
              .headers()
              .contentType()
              .map(type -> Map.<String, Object>of("contentType", type.text()))
              .orElse(Map.of()),
          List.of());
    }
    Optional<ErrorReply> unreadableBody = unreadableBody(thrown);
    if (unreadableBody.isPresent()) {
      LOGGER.log(Level.DEBUG, () -> target + " rejected: unreadable body", thrown);
      return unreadableBody.get();
    }
    LOGGER.log(Level.ERROR, "Unhandled exception while answering " + target, thrown);
    return ErrorReply.of(ErrorCode.INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE);
  }

  /**
   * A request body that Jackson cannot read into the handler's type: not JSON, the wrong shape, or
   * a value the target record's constructor rejects. Failures to write a response stay internal
   * errors.
   */
  private static Optional<ErrorReply> unreadableBody(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException
          || cause instanceof MismatchedInputException
          || cause instanceof ValueInstantiationException) {
        Map<String, Object> details = new LinkedHashMap<>();
        JsonLocation location = ((JsonProcessingException) cause).getLocation();
        if (location != null && location.getLineNr() > 0) {
          details.put("line", location.getLineNr());
          details.put("column", location.getColumnNr());
        }
        if (cause instanceof ValueInstantiationException rejected
            && rejected.getCause() instanceof IllegalArgumentException invalid
            && invalid.getMessage() != null) {
          // our value records explain what they reject, for the client
          details.put("reason", invalid.getMessage());
        }
        return Optional.of(
            new ErrorReply(
                ErrorCode.BAD_REQUEST,
                "The request body is not valid JSON for this operation.",
                details,
                List.of()));
      }
    }
    return Optional.empty();
  }

  private static boolean isServerError(ErrorCode code) {
    return code.status().family() == Status.Family.SERVER_ERROR;
  }
}
