package io.naap.sla.workload;

import io.naap.sla.config.ConfigTextException;

/**
 * A workload config text that is not valid: the message reads {@code source:line: what is wrong},
 * the line counted from 1.
 */
public final class WorkloadConfigException extends ConfigTextException {
  private static final long serialVersionUID = 1L;

  WorkloadConfigException(String source, int line, String problem) {
    super(source, line, problem);
  }
}
