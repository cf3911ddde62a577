package io.naap.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDirectHandlerTest {
  private final DirectHandler handler = new JsonDirectHandler();

  @Test
  void answersARejectedRequestWithTheErrorShape() {
    DirectHandler.TransportResponse response =
        handle("GET", Status.REQUEST_URI_TOO_LONG_414, "Request URI too long.");

    assertThat(response.status()).isEqualTo(Status.REQUEST_URI_TOO_LONG_414);
    assertThat(response.headers().get(HeaderNames.CONTENT_TYPE).get())
        .isEqualTo("application/json");
    assertThat(body(response))
        .isEqualTo(
            "{\"error\":{\"code\":\"uri_too_long\",\"message\":\"Request URI too long.\",\"details\":{}}}");
  }

  @Test
  void neverSendsTheMessageOfAnInternalError() {
    DirectHandler.TransportResponse response =
        handle("GET", Status.INTERNAL_SERVER_ERROR_500, "NPE at Foo.java:12");

    assertThat(body(response)).contains("\"code\":\"internal_error\"").doesNotContain("Foo.java");
  }

  @Test
  void usesTheReasonPhraseWhenHelidonGivesNoMessage() {
    assertThat(body(handle("GET", Status.BAD_REQUEST_400, "")))
        .contains("\"message\":\"Bad Request\"");
  }

  @Test
  void sendsNoContentToAHeadRequest() {
    assertThat(handle("HEAD", Status.BAD_REQUEST_400, "bad").entity()).isEmpty();
  }

  private DirectHandler.TransportResponse handle(String method, Status status, String message) {
    return handler.handle(
        new Request(method),
        DirectHandler.EventType.BAD_REQUEST,
        status,
        ServerResponseHeaders.create(),
        message);
  }

  private static String body(DirectHandler.TransportResponse response) {
    return new String(response.entity().orElseThrow(), StandardCharsets.UTF_8);
  }

  private record Request(String method) implements DirectHandler.TransportRequest {
    @Override
    public String protocolVersion() {
      return "1.1";
    }

    @Override
    public String path() {
      return "/";
    }

    @Override
    public ServerRequestHeaders headers() {
      return ServerRequestHeaders.create(WritableHeaders.create());
    }
  }
}
