package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuarantineRowTest {
  private static final Instant AT = Instant.parse("2026-01-08T10:15:30.123456Z");

  @ParameterizedTest
  @ValueSource(strings = {"invalid_json", "number.unparsable", "a", "missing-field"})
  void acceptsMachineCodesAsReasons(String reason) {
    assertThat(row(reason, "", Optional.empty(), "").reason()).isEqualTo(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Invalid", "1st", "bad reason", "_x", "é"})
  void rejectsOtherReasons(String reason) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row(reason, "", Optional.empty(), ""))
        .withMessageStartingWith("reason must be a lower-case letter");
  }

  @Test
  void acceptsAReasonOfUpToSixtyFourCharacters() {
    String longest = "r".repeat(64);
    assertThat(row(longest, "", Optional.empty(), "").reason()).isEqualTo(longest);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row(longest + "r", "", Optional.empty(), ""));
  }

  @Test
  void boundsDetailEventIdAndRaw() {
    String detail = "d".repeat(QuarantineRow.MAX_DETAIL_LENGTH);
    String eventId = "e".repeat(QuarantineRow.MAX_EVENT_ID_LENGTH);
    String raw = "r".repeat(QuarantineRow.MAX_RAW_LENGTH);

    assertThat(row("x", detail, Optional.of(eventId), raw).raw()).isEqualTo(raw);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("x", detail + "d", Optional.empty(), ""))
        .withMessage("detail must have at most 4096 characters, got 4097");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("x", "", Optional.of(eventId + "e"), ""))
        .withMessage("eventId must have 1 to 256 characters, got 257");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("x", "", Optional.empty(), raw + "r"))
        .withMessage("raw must have at most 65536 characters, got 65537");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("x", "", Optional.of(""), ""))
        .withMessageContaining("eventId must be absent rather than empty");
  }

  @Test
  void rejectsNulInRaw() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> row("x", "", Optional.empty(), "{\"a\":\u0000}"))
        .withMessageContaining("raw contains U+0000 (NUL) at index 5");
  }

  @Test
  void storableReplacesNulAndUnpairedSurrogates() {
    String received = "a\u0000b\uD83D\uDE00c\uD83Dd\uDE00";

    String storable = QuarantineRow.storable(received, 100);

    assertThat(storable).isEqualTo("a\uFFFDb\uD83D\uDE00c\uFFFDd\uFFFD");
    assertThat(row("x", "", Optional.empty(), storable).raw()).isEqualTo(storable);
  }

  @Test
  void storableCutsAfterWholeCodePoints() {
    assertThat(QuarantineRow.storable("ab\uD83D\uDE00cd", 3)).isEqualTo("ab\uD83D\uDE00");
    assertThat(QuarantineRow.storable("ab\uD83D\uDE00cd", 2)).isEqualTo("ab");
    assertThat(QuarantineRow.storable("abc", 0)).isEmpty();
    assertThat(QuarantineRow.storable("tab\there\nand \\ \"quotes\"", 1000))
        .isEqualTo("tab\there\nand \\ \"quotes\"");
    String huge = "x".repeat(QuarantineRow.MAX_RAW_LENGTH * 2);
    assertThat(QuarantineRow.storable(huge, QuarantineRow.MAX_RAW_LENGTH))
        .hasSize(QuarantineRow.MAX_RAW_LENGTH);
  }

  @Test
  void truncatesTheReceptionTimeToMicroseconds() {
    QuarantineRow row =
        new QuarantineRow(
            Instant.parse("2026-01-08T10:15:30.123456789Z"),
            "kafka",
            "x",
            "",
            Optional.empty(),
            "");
    assertThat(row.receivedAt()).isEqualTo(AT);
  }

  private static QuarantineRow row(
      String reason, String detail, Optional<String> eventId, String raw) {
    return new QuarantineRow(AT, "kafka", reason, detail, eventId, raw);
  }
}
