package io.naap.incentives.gpu;

import io.naap.sla.config.ConfigTextException;

/**
 * A GPU cost table text that is not valid: the message reads {@code source:line: what is wrong},
 * the line counted from 1.
 */
public final class GpuCostTableException extends ConfigTextException {
  private static final long serialVersionUID = 1L;

  GpuCostTableException(String source, int line, String problem) {
    super(source, line, problem);
  }
}
