package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonObjectSyntaxTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.naap.storage.telemetry.JsonEdgeCases#all")
  void letsARowCarryExactlyTheDocumentsItMay(JsonEdgeCases.Case edge) {
    if (edge.row()) {
      assertThatCode(() -> JsonObjectSyntax.requireObject(edge.json(), "payload"))
          .doesNotThrowAnyException();
    } else {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> JsonObjectSyntax.requireObject(edge.json(), "payload"))
          .withMessageStartingWith("payload is not a JSON object PostgreSQL accepts: ");
    }
  }

  @Test
  void namesTheProblemAndWhereItIs() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonObjectSyntax.requireObject("{\"a\":1,}", "payload of event x"))
        .withMessage(
            "payload of event x is not a JSON object PostgreSQL accepts: a member name (a string) is"
                + " expected at index 7");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonObjectSyntax.requireObject("{\"a\":\"\\u0000\"}", "payload"))
        .withMessageEndingWith("the escape \\u0000 cannot be stored in jsonb at index 6");
  }

  @Test
  void acceptsARealGatewayEvent() {
    String event =
        """
        {"id":"3f0b3c5e-8a3b-4f7e-9d59-2f3e8b1f0a11","type":"stream_trace","timestamp":"1767867330123",\
        "gateway":"","data":{"type":"gateway_receive_stream_request","timestamp":1767867330120,\
        "stream_id":"aiJobStream-1","request_id":"5b3c","pipeline_id":"",\
        "orchestrator_info":{"address":"","url":""},"message":"tab\\tnewline\\n \\"q\\" \\\\ \\u00e9"}}
        """;
    assertThatCode(() -> JsonObjectSyntax.requireObject(event, "payload"))
        .doesNotThrowAnyException();
  }
}
