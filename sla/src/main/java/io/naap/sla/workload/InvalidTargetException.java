package io.naap.sla.workload;

/**
 * A {@link WorkloadTarget} component out of its range; names the component so that the config
 * reader can point at the line that set it.
 */
final class InvalidTargetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String component;

  InvalidTargetException(String component, String message) {
    super(message);
    this.component = component;
  }

  /** The record component, e.g. {@code targetFps}. */
  String component() {
    return component;
  }
}
