package io.naap.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReplyTest {

  @Test
  void writesTheOneErrorShapeWithDetailsInKeyOrder() {
    ApiException exception =
        new ApiException(
            ErrorCode.NOT_FOUND,
            "no orchestrator 0xabc",
            Map.of("path", "/orchestrators/0xabc", "address", "0xabc"));

    String json = new String(ErrorReply.of(exception).json(), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no orchestrator 0xabc\","
                + "\"details\":{\"address\":\"0xabc\",\"path\":\"/orchestrators/0xabc\"}}}");
  }

  @Test
  void writesEmptyDetailsAsAnEmptyObject() {
    String json =
        new String(
            ErrorReply.of(ErrorCode.INTERNAL_ERROR, "failed").json(), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"error\":{\"code\":\"internal_error\",\"message\":\"failed\",\"details\":{}}}");
  }

  @Test
  void escapesWhatTheClientSent() {
    ErrorReply reply =
        new ErrorReply(
            ErrorCode.BAD_REQUEST, "bad \"quote\"\n", Map.of("list", List.of(1, 2)), List.of());

    assertThat(new String(reply.json(), StandardCharsets.UTF_8))
        .contains("\"message\":\"bad \\\"quote\\\"\\n\"")
        .contains("\"list\":[1,2]");
  }
}
