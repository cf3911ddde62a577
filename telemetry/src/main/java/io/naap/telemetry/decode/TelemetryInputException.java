package io.naap.telemetry.decode;

/** Reading a telemetry input failed: the stream could not be read. */
public class TelemetryInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TelemetryInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
