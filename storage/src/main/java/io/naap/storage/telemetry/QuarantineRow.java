package io.naap.storage.telemetry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One record the pipeline rejected, as table {@code telemetry_quarantine} holds it. Construction
 * enforces the table's constraints. Text must not contain U+0000 (NUL) or unpaired surrogates,
 * which PostgreSQL cannot store: pass a received record through {@link #storable(String, int)}
 * first, which also bounds its length.
 *
 * @param receivedAt when naap received the record, truncated to microseconds; years 1 to 9999
 * @param source how it reached naap: a lower-case code such as {@code http} or {@code kafka}
 * @param reason why it was rejected, a machine code: a lower-case letter, then up to 63 of {@code
 *     a-z 0-9 _ . -} (e.g. {@code invalid_json}, {@code number_unparsable})
 * @param detail a human-readable explanation, at most {@value #MAX_DETAIL_LENGTH} characters; may
 *     be empty
 * @param eventId the event id as given, when one could be read (not necessarily a UUID); 1 to
 *     {@value #MAX_EVENT_ID_LENGTH} characters
 * @param raw the record as received, at most {@value #MAX_RAW_LENGTH} characters
 */
public record QuarantineRow(
    Instant receivedAt,
    String source,
    String reason,
    String detail,
    Optional<String> eventId,
    String raw) {
  public static final int MAX_DETAIL_LENGTH = 4096;
  public static final int MAX_EVENT_ID_LENGTH = 256;
  public static final int MAX_RAW_LENGTH = 65_536;

  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final char REPLACEMENT = '\uFFFD';

  public QuarantineRow {
    receivedAt = ColumnRules.instant(receivedAt, "receivedAt");
    ColumnRules.source(source);
    requireReason(reason);
    ColumnRules.text(detail, "detail", 0, MAX_DETAIL_LENGTH);
    ColumnRules.optionalText(eventId, "eventId", MAX_EVENT_ID_LENGTH);
    ColumnRules.text(raw, "raw", 0, MAX_RAW_LENGTH);
  }

  /**
   * {@code text} made storable: each U+0000 (NUL) and each unpaired surrogate replaced by U+FFFD,
   * then cut after {@code maxLength} characters (code points), never inside a surrogate pair.
   */
  public static String storable(String text, int maxLength) {
    Objects.requireNonNull(text, "text");
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
    }
    StringBuilder storable = new StringBuilder(Math.min(text.length(), maxLength));
    int codePoints = 0;
    for (int index = 0; index < text.length() && codePoints < maxLength; codePoints++) {
      char c = text.charAt(index);
      if (Character.isHighSurrogate(c)
          && index + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(index + 1))) {
        storable.append(c).append(text.charAt(index + 1));
        index += 2;
      } else {
        storable.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
        index++;
      }
    }
    return storable.toString();
  }

  static String requireReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (!REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException(
          "reason must be a lower-case letter then up to 63 of a-z, 0-9, '_', '.' or '-' (e.g."
              + " invalid_json), got '"
              + reason
              + "'");
    }
    return reason;
  }
}
