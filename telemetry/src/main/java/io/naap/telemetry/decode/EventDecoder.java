package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.Fields.IDENTIFIER_LENGTH;
import static io.naap.telemetry.decode.Fields.SUBTYPE_LENGTH;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.naap.storage.telemetry.JsonText;
import io.naap.telemetry.event.EventFamily;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.OtherEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes one record: a gateway event envelope, or a Kafka record carrying one in its {@code
 * value}. Thread-safe and stateless: build one per application and share it.
 *
 * <p>Never throws on bad input: every record gives {@link Decoded} or {@link Quarantined}.
 */
public final class EventDecoder {

  private static final int MAX_DETAIL_LENGTH = 1024;

  /** Tokens the id hint reads at most before giving up. */
  private static final int ID_HINT_TOKENS = 256;

  private final DecoderSettings settings;
  private final JsonFactory hintFactory;

  public EventDecoder(DecoderSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.hintFactory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(settings.maxNestingDepth())
                    .maxStringLength(settings.maxRawTextBytes())
                    .maxNameLength(settings.maxRawTextBytes())
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CHARSET_DETECTION)
            .build();
  }

  public DecoderSettings settings() {
    return settings;
  }

  /** Decodes one record: the UTF-8 JSON text of an event or of a Kafka record wrapping one. */
  public DecodeResult decode(byte[] record) {
    return decode(record, 0, record.length);
  }

  /** Decodes the record in {@code buffer[offset, offset + length)}. */
  public DecodeResult decode(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length > settings.maxRecordBytes()) {
      return oversized(length, true, buffer, offset, Math.min(length, settings.maxRawTextBytes()));
    }
    JsonTreeReader reader =
        new JsonTreeReader(
            buffer, offset, length, settings.maxNestingDepth(), settings.maxStringLength());
    Object root;
    try {
      root = reader.read();
    } catch (JsonTreeReader.MalformedJson e) {
      return switch (e.kind()) {
        case SYNTAX ->
            rejectedText(
                QuarantineReason.MALFORMED_JSON,
                "not valid JSON at byte " + e.byteOffset() + ": " + e.getMessage(),
                buffer,
                offset,
                length);
        case TOO_DEEP, TOO_LARGE ->
            rejectedText(
                e.kind() == JsonTreeReader.MalformedJson.Kind.TOO_DEEP
                    ? QuarantineReason.TOO_DEEP
                    : QuarantineReason.TOO_LARGE,
                "a bound is exceeded at byte " + e.byteOffset() + ": " + e.getMessage(),
                buffer,
                offset,
                length);
      };
    } catch (NumberFormatException e) {
      // valid JSON, but a number's exponent overflows a decimal's scale (e.g. 1e-2147483649)
      return rejectedText(
          QuarantineReason.TOO_LARGE,
          "a number is beyond the range the parser holds: " + e.getMessage(),
          buffer,
          offset,
          length);
    }
    if (root == null) {
      return rejectedText(
          QuarantineReason.MALFORMED_JSON, "the record is empty", buffer, offset, length);
    }
    RecordRejected storeRule = reader.storeRule();
    if (storeRule != null) {
      return rejectedText(storeRule.reason(), storeRule.detail(), buffer, offset, length);
    }
    return decodeTree(root, buffer, offset, length);
  }

  /**
   * The outcome of a record too large to hold, of which only a prefix was kept.
   *
   * @param exactLength whether {@code length} is the record's length or only a lower bound
   */
  Quarantined oversized(
      long length, boolean exactLength, byte[] prefix, int prefixOffset, int prefixLength) {
    String detail =
        "the record has "
            + (exactLength ? "" : "more than ")
            + length
            + " bytes, the bound is "
            + settings.maxRecordBytes();
    return new Quarantined(
        QuarantineReason.TOO_LARGE,
        detail,
        idHint(prefix, prefixOffset, prefixLength),
        RawText.of(prefix, prefixOffset, prefixLength, settings.maxRawTextBytes()));
  }

  private DecodeResult decodeTree(Object root, byte[] buffer, int offset, int length) {
    JsonObject envelope;
    UUID id;
    try {
      envelope = unwrap(root);
      id = id(envelope);
    } catch (RecordRejected rejected) {
      return quarantine(rejected, Optional.empty(), buffer, offset, length);
    }
    try {
      return new Decoded(decodeEnvelope(envelope, id, payload(envelope)));
    } catch (RecordRejected rejected) {
      return quarantine(rejected, Optional.of(id.toString()), buffer, offset, length);
    }
  }

  /** The event envelope: the record itself, or the {@code value} of a Kafka record. */
  private static JsonObject unwrap(Object root) {
    if (!(root instanceof JsonObject record)) {
      throw new RecordRejected(
          QuarantineReason.NOT_AN_OBJECT,
          "the record is " + JsonTreeReader.kind(root) + ", expected an event object");
    }
    Object value = record.get("value");
    if (value == null || record.get(Envelope.DATA) != null) {
      return record;
    }
    if (value instanceof JsonObject event) {
      return event;
    }
    throw new RecordRejected(
        QuarantineReason.NOT_AN_OBJECT,
        "value: the Kafka record's value is "
            + JsonTreeReader.kind(value)
            + (value == JsonTreeReader.NULL ? " (a tombstone)" : "")
            + ", expected an event object");
  }

  private static UUID id(JsonObject envelope) {
    String text = Fields.requiredText(envelope, "id", "", Fields.FREE_TEXT);
    return EventIds.parse(text)
        .orElseThrow(
            () ->
                new RecordRejected(
                    QuarantineReason.INVALID_ID, "id: " + Fields.quote(text) + " is not a UUID"));
  }

  /**
   * The envelope's text as the store keeps it: its own bytes (the record's, or the Kafka record's
   * value's) without whitespace between tokens.
   */
  private static JsonText payload(JsonObject envelope) {
    try {
      return JsonText.adoptUtf8(envelope.span().compactUtf8());
    } catch (IllegalArgumentException unstorable) {
      // too long for the store (RecordText has ruled out the rest)
      throw new RecordRejected(QuarantineReason.UNSTORABLE, unstorable.getMessage());
    }
  }

  private static GatewayEvent decodeEnvelope(JsonObject envelope, UUID id, JsonText json) {
    String family = Fields.requiredText(envelope, "type", "", Fields.FREE_TEXT);
    if (!isFamilyName(family)) {
      throw new RecordRejected(
          QuarantineReason.INVALID_FAMILY,
          "type: "
              + Fields.quote(family)
              + " is not a family name (a lower-case letter, then lower-case letters, digits or"
              + " '_', at most 64 characters)");
    }
    if (!Fields.present(envelope, "timestamp")) {
      throw Fields.missing("timestamp");
    }
    Instant envelopeTime =
        Fields.time(envelope, "timestamp", "", TimeScale.MILLISECONDS, false)
            .orElseThrow(
                () -> new RecordRejected(QuarantineReason.MISSING_FIELD, "timestamp: is empty"));
    Optional<String> gateway = Fields.text(envelope, "gateway", "", IDENTIFIER_LENGTH);
    Object data = Fields.value(envelope, Envelope.DATA);
    if (data == null) {
      throw Fields.missing(Envelope.DATA);
    }
    Envelope validated = new Envelope(id, family, envelopeTime, gateway, data, json);
    Optional<EventFamily> known = EventFamily.fromWireName(family);
    if (known.isEmpty() || !known.get().typed()) {
      return otherEvent(validated);
    }
    return switch (known.get()) {
      case STREAM_TRACE -> StreamEventDecoding.streamTrace(validated);
      case AI_STREAM_STATUS -> StreamEventDecoding.aiStreamStatus(validated);
      case AI_STREAM_EVENTS -> StreamEventDecoding.aiStreamEvent(validated);
      case STREAM_INGEST_METRICS -> StreamEventDecoding.streamIngestMetrics(validated);
      case NETWORK_CAPABILITIES -> NetworkEventDecoding.networkCapabilities(validated);
      case DISCOVERY_RESULTS -> NetworkEventDecoding.discoveryResults(validated);
      case CREATE_NEW_PAYMENT -> NetworkEventDecoding.createNewPayment(validated);
      case GPU_METRICS -> StreamEventDecoding.gpuMetrics(validated);
      default -> otherEvent(validated);
    };
  }

  /**
   * A family without a family record: the envelope is validated, {@code data} is kept as received,
   * and the few common fields are read leniently (the family's schema is not known, so nothing in
   * {@code data} can break a rule).
   */
  private static OtherEvent otherEvent(Envelope envelope) {
    Object data = envelope.data();
    return new OtherEvent(
        envelope.header(Fields.lenientMillis(data, "timestamp")),
        Fields.lenientText(data, "type", SUBTYPE_LENGTH),
        Fields.lenientText(data, "stream_id", IDENTIFIER_LENGTH),
        Fields.lenientText(data, "request_id", IDENTIFIER_LENGTH),
        JsonTreeReader.text(data));
  }

  /** {@code [a-z][a-z0-9_]*}, at most 64 characters. */
  private static boolean isFamilyName(String family) {
    if (family.length() > 64 || family.charAt(0) < 'a' || family.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < family.length(); i++) {
      char c = family.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private Quarantined quarantine(
      RecordRejected rejected, Optional<String> eventId, byte[] buffer, int offset, int length) {
    return new Quarantined(
        rejected.reason(),
        bounded(rejected.detail()),
        eventId,
        RawText.of(buffer, offset, length, settings.maxRawTextBytes()));
  }

  private Quarantined rejectedText(
      QuarantineReason reason, String detail, byte[] buffer, int offset, int length) {
    return new Quarantined(
        reason,
        bounded(detail),
        idHint(buffer, offset, Math.min(length, settings.maxRawTextBytes())),
        RawText.of(buffer, offset, length, settings.maxRawTextBytes()));
  }

  private static String bounded(String detail) {
    return detail.length() <= MAX_DETAIL_LENGTH
        ? detail
        : detail.substring(0, MAX_DETAIL_LENGTH) + "...";
  }

  /**
   * The event id of a record that could not be parsed whole (cut, too large, too deep), when its
   * first bytes name one: the top-level {@code id}, or the {@code id} inside a Kafka record's
   * {@code value}. Only a valid UUID counts.
   */
  private Optional<String> idHint(byte[] buffer, int offset, int length) {
    try (JsonParser parser = hintFactory.createParser(buffer, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      return findId(parser, true, new int[] {ID_HINT_TOKENS});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> findId(JsonParser parser, boolean mayDescend, int[] budget)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME && budget[0]-- > 0) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && "id".equals(name)) {
        Optional<String> id = EventIds.parse(parser.getText()).map(UUID::toString);
        if (id.isPresent()) {
          return id;
        }
      } else if (value == JsonToken.START_OBJECT && mayDescend && "value".equals(name)) {
        Optional<String> id = findId(parser, false, budget);
        if (id.isPresent()) {
          return id;
        }
      } else {
        parser.skipChildren();
      }
    }
    return Optional.empty();
  }
}
