package io.naap.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Sends JSON answers. */
public final class JsonReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReplies() {}

  public static void send(ServerResponse response, JsonNode body) {
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    try {
      response.send(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON answer", e);
    }
  }
}
