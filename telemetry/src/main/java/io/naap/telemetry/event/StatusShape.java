package io.naap.telemetry.event;

/**
 * Which of the two {@code ai_stream_status} layouts an event used. Producers differ by version; the
 * decoder reads both and records which one it saw.
 */
public enum StatusShape {
  /**
   * The documented struct: {@code inference_status{output_fps, input_fps, start_time (unix
   * seconds), last_input_time, ...}}.
   */
  DOCUMENTED,
  /**
   * The layout of the real capture: {@code inference_status.fps} (output), {@code
   * input_status.fps}, {@code data.start_time} in unix milliseconds, {@code data.state}.
   */
  CAPTURED,
  /** Fields of both layouts at once; where both name a value, the captured field is used. */
  MIXED,
  /** Neither layout's distinguishing fields (e.g. a status sent before inference started). */
  NEITHER
}
