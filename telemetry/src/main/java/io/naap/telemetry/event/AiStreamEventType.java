package io.naap.telemetry.event;

/** The kinds of {@code ai_stream_events} event the KPIs tell apart. */
public enum AiStreamEventType {
  /** {@code params_update}: new parameters (prompt) sent to the runner. */
  PARAMS_UPDATE,
  /** {@code error}: a stream error with {@code capability} and {@code message}. */
  ERROR,
  /** Any other type, or none: events the runner passes through the gateway. */
  OTHER;

  public static AiStreamEventType fromWireName(String wireName) {
    return switch (wireName) {
      case "params_update" -> PARAMS_UPDATE;
      case "error" -> ERROR;
      default -> OTHER;
    };
  }
}
