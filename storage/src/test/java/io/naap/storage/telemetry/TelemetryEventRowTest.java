package io.naap.storage.telemetry;

import static io.naap.storage.telemetry.TelemetryRows.ORCHESTRATOR;
import static io.naap.storage.telemetry.TelemetryRows.PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryEventRowTest {
  private static final UUID ID = TelemetryRows.id(1);
  private static final Instant AT = Instant.parse("2026-01-08T10:15:30.123456Z");

  @Test
  void truncatesBothTimesToMicroseconds() {
    TelemetryEventRow row =
        row(
            "stream_trace",
            Optional.empty(),
            Instant.parse("2026-01-08T10:15:30.123456789Z"),
            Instant.parse("2026-01-08T10:15:30.123456999Z"),
            PAYLOAD);

    assertThat(row.occurredAt()).isEqualTo(AT);
    assertThat(row.receivedAt()).isEqualTo(AT);
  }

  @Test
  void acceptsTimesFromYearOneToYear9999() {
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");

    assertThat(row("f", Optional.empty(), first, last, PAYLOAD).receivedAt())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), first.minusNanos(1), AT, PAYLOAD))
        .withMessageContaining("occurredAt must lie between the years 1 and 9999");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> row("f", Optional.empty(), AT, Instant.parse("+10000-01-01T00:00:00Z"), PAYLOAD))
        .withMessageContaining("receivedAt must lie between the years 1 and 9999");
  }

  @Test
  void rejectsNulInAnyTextBecausePostgresTextCannotHoldIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("stream\u0000trace", Optional.empty(), AT, AT, PAYLOAD))
        .withMessageContaining("family contains U+0000 (NUL) at index 6");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.of("a\u0000"), AT, AT, PAYLOAD))
        .withMessageContaining("subtype contains U+0000");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), AT, AT, "{\"a\": \"\u0000\"}"))
        .withMessageContaining("payload of event " + ID);
    // the escape is six plain characters: text holds it (the decoder still quarantines it, so
    // that every stored payload also casts to jsonb)
    assertThat(row("f", Optional.empty(), AT, AT, "{\"a\": \"\\u0000\"}").payloadJson())
        .isEqualTo("{\"a\": \"\\u0000\"}");
  }

  @Test
  void rejectsUnpairedSurrogatesThatUtf8CannotCarry() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f\uD83D", Optional.empty(), AT, AT, PAYLOAD))
        .withMessage("family contains an unpaired UTF-16 surrogate at index 1");
    assertThat(row("f\uD83D\uDE00", Optional.empty(), AT, AT, PAYLOAD).family())
        .isEqualTo("f\uD83D\uDE00");
  }

  @Test
  void findsNulAndSurrogatesAnywhereInALongPayload() {
    // beyond the first blocks the fast pre-check reads: the exact pass must still name the index
    String filler = "x".repeat(1_000);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), AT, AT, "{\"a\":\"" + filler + "\u0000\"}"))
        .withMessageContaining(
            "payload of event " + ID + ": the JSON text contains U+0000 (NUL) at index 1006");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), AT, AT, "{\"a\":\"" + filler + "\uDE00\"}"))
        .withMessageContaining("unpaired UTF-16 surrogate at index 1006");
    String paired = "{\"a\":\"" + filler + "\uD83D\uDE00\"}";
    assertThat(row("f", Optional.empty(), AT, AT, paired).payloadJson()).isEqualTo(paired);
  }

  @Test
  void countsLengthsInCodePoints() {
    String longestFamily = "\uD83D\uDE00".repeat(TelemetryEventRow.MAX_FIELD_LENGTH);

    assertThat(row(longestFamily, Optional.empty(), AT, AT, PAYLOAD).family())
        .isEqualTo(longestFamily);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row(longestFamily + "x", Optional.empty(), AT, AT, PAYLOAD))
        .withMessage("family must have 1 to 256 characters, got 257");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("", Optional.empty(), AT, AT, PAYLOAD))
        .withMessage("family must have 1 to 256 characters, got 0");
  }

  @Test
  void wantsAbsentRatherThanEmptyOptionalText() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.of(""), AT, AT, PAYLOAD))
        .withMessage("subtype must be absent rather than empty (empty means unknown)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"text\"", "1", "null", "{", "}", "{]", "", " "})
  void rejectsAPayloadThatIsNoJsonObject(String payload) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), AT, AT, payload))
        .withMessage("payload of event " + ID + ": the JSON text is not an object");
  }

  @Test
  void boundsThePayload() {
    // in bytes of UTF-8: "é" is two
    String filler = "\u00e9".repeat(JsonText.MAX_BYTES / 2 - 4);
    String largest = "{\"a\":\"" + filler + "\"}";

    assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(JsonText.MAX_BYTES);
    assertThat(row("f", Optional.empty(), AT, AT, largest).payloadJson()).isEqualTo(largest);
    assertThat(row("f", Optional.empty(), AT, AT, largest).payload().utf8Length())
        .isEqualTo(JsonText.MAX_BYTES);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("f", Optional.empty(), AT, AT, "{\"a\":\"" + filler + "x\"}"))
        .withMessageContaining("more than 4194304");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "kafka-eu_1", "z0", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void acceptsLowerCaseSourceCodesUpTo32Characters(String source) {
    assertThat(fromSource(source).source()).isEqualTo(source);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Kafka",
        "",
        "1file",
        "http server",
        "kAfka",
        "a.b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void rejectsSourcesThatAreNoLowerCaseCode(String source) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> fromSource(source))
        .withMessageStartingWith("source must be a lower-case letter");
  }

  private static TelemetryEventRow fromSource(String source) {
    return new TelemetryEventRow(
        ID,
        "f",
        Optional.empty(),
        AT,
        AT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        source,
        PAYLOAD);
  }

  @Test
  void requiresEveryReference() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new TelemetryEventRow(
                    null,
                    "f",
                    Optional.empty(),
                    AT,
                    AT,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "http",
                    PAYLOAD));
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new TelemetryEventRow(
                    ID,
                    "f",
                    Optional.empty(),
                    AT,
                    AT,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    null,
                    "http",
                    PAYLOAD));
    assertThatNullPointerException().isThrownBy(() -> row("f", Optional.empty(), AT, AT, null));
    assertThatNullPointerException().isThrownBy(() -> row("f", null, AT, AT, PAYLOAD));
  }

  @Test
  void equalRowsAreEqualIncludingTheAddress() {
    TelemetryEventRow one = TelemetryRows.event(ID, "kafka");
    TelemetryEventRow two = TelemetryRows.event(ID, "kafka");

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one.orchestrator()).contains(ORCHESTRATOR);
  }

  private static TelemetryEventRow row(
      String family,
      Optional<String> subtype,
      Instant occurredAt,
      Instant receivedAt,
      String json) {
    return new TelemetryEventRow(
        ID,
        family,
        subtype,
        occurredAt,
        receivedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "http",
        json);
  }
}
