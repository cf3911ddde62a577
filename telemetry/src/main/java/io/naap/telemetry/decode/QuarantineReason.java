package io.naap.telemetry.decode;

/**
 * Why a record was quarantined. Every quarantined record has exactly one reason: the first rule it
 * breaks, in the order the decoder checks them (size, JSON syntax and bounds, UTF-8 and storability
 * of the text, shape, envelope fields in the order id, type, timestamp, gateway, data, then the
 * family's fields). The {@link #code()}s are stable: they are stored and counted.
 */
public enum QuarantineReason {
  /**
   * The record is not valid JSON: syntax error, trailing content, a repeated field name, or text
   * that is not valid UTF-8.
   */
  MALFORMED_JSON("malformed_json"),
  /**
   * Valid JSON that the store cannot hold faithfully: the escape {@code \u0000} or an unpaired
   * UTF-16 surrogate escape such as {@code \ud800} (PostgreSQL {@code text} and {@code jsonb}
   * refuse both). The pipeline also uses it for an event its store refuses for the same kind of
   * reason.
   */
  UNSTORABLE("unstorable"),
  /**
   * The record is larger than the configured bound, or a string, field name or number in it is
   * longer than its bound, or a number's exponent is beyond what the parser holds ({@code
   * 1e-2147483649}).
   */
  TOO_LARGE("too_large"),
  /** The record nests objects and arrays deeper than the configured bound. */
  TOO_DEEP("too_deep"),
  /** The record (or a Kafka record's {@code value}) is not a JSON object. */
  NOT_AN_OBJECT("not_an_object"),
  /** A required field is absent, {@code null} or empty. */
  MISSING_FIELD("missing_field"),
  /** A field has a JSON type the format does not allow there (e.g. a number for a string id). */
  WRONG_TYPE("wrong_type"),
  /** The envelope {@code id} is not a UUID. */
  INVALID_ID("invalid_id"),
  /** The envelope {@code type} is not a family name ({@code [a-z][a-z0-9_]*}, 64 characters). */
  INVALID_FAMILY("invalid_family"),
  /** A time does not parse as unix time, or lies outside [2015-01-01, 2100-01-01). */
  INVALID_TIMESTAMP("invalid_timestamp"),
  /**
   * A number does not parse: not a number, NaN or infinite, a fraction where an integer is needed,
   * or a unit other than the field's.
   */
  INVALID_NUMBER("invalid_number"),
  /** A number parses but lies outside the field's documented range (e.g. negative bytes). */
  OUT_OF_RANGE("out_of_range"),
  /** An address is neither empty nor {@code 0x} and 40 hex digits. */
  INVALID_ADDRESS("invalid_address");

  private final String code;

  QuarantineReason(String code) {
    this.code = code;
  }

  /** The stable, lower-case, machine-readable code, e.g. {@code malformed_json}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
