package io.naap.api.score;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small JSON object sent as a request body, read strictly: {@code application/json} (or no
 * content type), at most {@value #MAX_BYTES} bytes, one object with no duplicate, unknown or
 * mistyped member. Every refusal names the member and shows the expected body.
 */
final class JsonBody {
  static final int MAX_BYTES = 16 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final ObjectNode node;
  private final String example;

  private JsonBody(ObjectNode node, String example) {
    this.node = node;
    this.example = example;
  }

  /**
   * Reads the request's body.
   *
   * @param example the expected body, for messages
   * @param members the members it may have
   */
  static JsonBody read(ServerRequest request, String example, Set<String> members) {
    request
        .headers()
        .contentType()
        .map(type -> type.mediaType().text().toLowerCase(Locale.ROOT))
        .filter(type -> !type.equals("application/json"))
        .ifPresent(
            type -> {
              throw new ApiException(
                  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                  "send the body as application/json, not " + type + ": " + example,
                  Map.of("contentType", type, "supported", List.of("application/json")));
            });
    if (!request.content().hasEntity()) {
      throw bad("the request needs a JSON body: " + example, Map.of());
    }
    byte[] bytes;
    try (InputStream in = request.content().inputStream()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw bad("the body could not be read: " + e.getMessage(), Map.of());
    }
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the body exceeds " + MAX_BYTES + " bytes; send " + example,
          Map.of("limitBytes", MAX_BYTES));
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      JsonLocation location = e.getLocation();
      if (location != null && location.getLineNr() > 0) {
        details.put("line", location.getLineNr());
        details.put("column", location.getColumnNr());
      }
      throw bad(
          "the body is not valid JSON (" + e.getOriginalMessage() + "); send " + example, details);
    } catch (IOException e) {
      throw bad("the body could not be read: " + e.getMessage(), Map.of());
    }
    if (parsed == null || !parsed.isObject()) {
      throw bad("the body must be a JSON object: " + example, Map.of());
    }
    List<String> unknown = new ArrayList<>();
    parsed
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!members.contains(name)) {
                unknown.add(name);
              }
            });
    if (!unknown.isEmpty()) {
      throw bad(
          "the body has unknown members " + unknown + "; send " + example,
          Map.of("unknown", unknown, "allowed", members.stream().sorted().toList()));
    }
    return new JsonBody((ObjectNode) parsed, example);
  }

  /** A text member, trimmed: 1 to {@code maxLength} characters, no control characters. */
  Optional<String> text(String name, int maxLength) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String text = value.isTextual() ? value.asText().strip() : "";
    if (text.isEmpty()
        || text.length() > maxLength
        || text.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, "a text of 1 to " + maxLength + " characters");
    }
    return Optional.of(text);
  }

  String requiredText(String name, int maxLength) {
    return text(name, maxLength).orElseThrow(() -> missing(name));
  }

  /** A whole number member in {@code [min, max]}. */
  int requiredInteger(String name, int min, int max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw missing(name);
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < min
        || value.intValue() > max) {
      throw invalid(name, "a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }

  private ApiException missing(String name) {
    return bad("the body needs '" + name + "': " + example, Map.of("member", name));
  }

  private ApiException invalid(String name, String expected) {
    String shown = node.get(name).toString();
    shown = shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    return bad(
        "'" + name + "' must be " + expected + ", got " + shown + "; send " + example,
        Map.of("member", name));
  }

  private static ApiException bad(String message, Map<String, ?> details) {
    return new ApiException(ErrorCode.BAD_REQUEST, message, details);
  }
}
