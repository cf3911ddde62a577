package io.naap.telemetry.decode;

/**
 * Bounds of the decoder. Every bound protects memory and the store from a hostile or broken
 * producer; the defaults are far above what the gateway sends (its largest events, {@code
 * network_capabilities} for ~100 orchestrators, are well under 256 KiB).
 *
 * @param maxRecordBytes largest record, in bytes of JSON text; a larger one is quarantined {@code
 *     too_large} without being held in memory whole
 * @param maxStringLength longest string value or field name, in characters
 * @param maxNestingDepth deepest nesting of objects and arrays within a record
 * @param maxRawTextBytes how much of a quarantined record's text is kept
 */
public record DecoderSettings(
    int maxRecordBytes, int maxStringLength, int maxNestingDepth, int maxRawTextBytes) {

  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
  public static final int DEFAULT_MAX_RAW_TEXT_BYTES = 8 * 1024;

  public DecoderSettings {
    requireRange("maxRecordBytes", maxRecordBytes, 1024, 64 << 20);
    requireRange("maxStringLength", maxStringLength, 256, maxRecordBytes);
    requireRange("maxNestingDepth", maxNestingDepth, 8, 1000);
    requireRange("maxRawTextBytes", maxRawTextBytes, 256, maxRecordBytes);
  }

  public static DecoderSettings defaults() {
    return new DecoderSettings(
        DEFAULT_MAX_RECORD_BYTES,
        DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_NESTING_DEPTH,
        DEFAULT_MAX_RAW_TEXT_BYTES);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "decoder setting "
              + name
              + " is "
              + value
              + ": set it between "
              + min
              + " and "
              + max
              + " (default "
              + defaultOf(name)
              + ")");
    }
  }

  private static int defaultOf(String name) {
    return switch (name) {
      case "maxRecordBytes" -> DEFAULT_MAX_RECORD_BYTES;
      case "maxStringLength" -> DEFAULT_MAX_STRING_LENGTH;
      case "maxNestingDepth" -> DEFAULT_MAX_NESTING_DEPTH;
      default -> DEFAULT_MAX_RAW_TEXT_BYTES;
    };
  }
}
