package io.naap.indexer.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one JSON-RPC request: its result or its error. {@link #parse} reads the envelope
 * with Jackson's streaming parser and hands the {@code result} to a {@link ResultReader}, so a
 * large {@code eth_getLogs} answer goes straight into records without a tree in between.
 */
sealed interface JsonRpcResponse<T> {
  /** A successful answer. */
  record Result<T>(T value) implements JsonRpcResponse<T> {}

  /** An answer with a JSON-RPC error object. */
  record Failure<T>(JsonRpcError error) implements JsonRpcResponse<T> {}

  /** Reads a {@code result} value; the parser stands on its first token. */
  @FunctionalInterface
  interface ResultReader<T> {
    T read(JsonParser parser) throws IOException, RpcException;
  }

  /** Thread-safe and shared: creating a factory is the expensive part. */
  JsonFactory JSON = JsonFactory.builder().build();

  /**
   * Parses {@code body}, the answer to the request with id {@code id}.
   *
   * @throws RpcException ({@link RpcErrorKind#MALFORMED_RESPONSE}) when it is not JSON, is
   *     truncated, is not a JSON-RPC response object, answers another id, has neither result nor
   *     error, or its result is not what {@code reader} expects
   */
  static <T> JsonRpcResponse<T> parse(byte[] body, long id, ResultReader<T> reader)
      throws RpcException {
    Objects.requireNonNull(body, "body");
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw RpcException.malformed("the answer is not a JSON object: " + preview(body));
      }
      T result = null;
      boolean hasResult = false;
      JsonRpcError error = null;
      IdMatch idMatch = IdMatch.ABSENT;
      String field;
      while ((field = parser.nextFieldName()) != null) {
        parser.nextToken();
        switch (field) {
          case "result" -> {
            result = reader.read(parser);
            hasResult = true;
          }
          case "error" ->
              error = parser.currentToken() == JsonToken.VALUE_NULL ? null : error(parser);
          case "id" -> idMatch = IdMatch.of(parser, id);
          default -> parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw RpcException.malformed("the answer's object is not closed");
      }
      if (parser.nextToken() != null) {
        throw RpcException.malformed("the answer goes on after its object");
      }
      if (idMatch == IdMatch.OTHER) {
        throw RpcException.malformed("the answer is for another request than id " + id);
      }
      if (error != null) {
        return new Failure<>(error);
      }
      if (!hasResult) {
        throw RpcException.malformed("the answer has neither result nor error");
      }
      if (idMatch != IdMatch.SAME) {
        throw RpcException.malformed("the answer does not name request id " + id);
      }
      return new Result<>(result);
    } catch (IOException e) {
      throw RpcException.malformed(
          "the answer is not valid JSON (" + e.getClass().getSimpleName() + "): " + preview(body));
    }
  }

  private static JsonRpcError error(JsonParser parser) throws IOException, RpcException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw RpcException.malformed("the answer's error is not an object");
    }
    int code = 0;
    String message = "";
    Optional<String> data = Optional.empty();
    String field;
    while ((field = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      switch (field) {
        case "code" -> {
          if (token != JsonToken.VALUE_NUMBER_INT) {
            throw RpcException.malformed("the answer's error code is not an integer");
          }
          code = parser.getIntValue();
        }
        case "message" -> message = token == JsonToken.VALUE_STRING ? parser.getText() : "";
        case "data" -> data = data(parser);
        default -> parser.skipChildren();
      }
    }
    return new JsonRpcError(code, message, data);
  }

  /** A string's content; any other value as compact JSON text; nothing for null. */
  private static Optional<String> data(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NULL -> Optional.empty();
      case VALUE_STRING -> Optional.of(parser.getText());
      default -> {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
          generator.copyCurrentStructure(parser);
        }
        yield Optional.of(text.toString());
      }
    };
  }

  /** The start of a body, for error messages. */
  static String preview(byte[] body) {
    int length = Math.min(body.length, 120);
    String start = new String(body, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    return (body.length > length ? start + "..." : start).replaceAll("\\s+", " ");
  }

  /** How an answer's id relates to the request's. */
  enum IdMatch {
    ABSENT,
    SAME,
    OTHER;

    static IdMatch of(JsonParser parser, long id) throws IOException {
      return switch (parser.currentToken()) {
        case VALUE_NULL -> ABSENT;
        case VALUE_NUMBER_INT -> parser.getLongValue() == id ? SAME : OTHER;
        case VALUE_STRING -> parser.getText().equals(Long.toString(id)) ? SAME : OTHER;
        default -> {
          parser.skipChildren();
          yield OTHER;
        }
      };
    }
  }
}
