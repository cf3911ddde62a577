package io.naap.sla.workload;

import java.util.Objects;

/**
 * A workload config text that is not valid: the message reads {@code source:line: what is wrong},
 * the line counted from 1.
 */
public final class WorkloadConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String problem;

  WorkloadConfigException(String source, int line, String problem) {
    super(Objects.requireNonNull(source, "source") + ":" + line + ": " + problem);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  /** The name the text was read under, e.g. a file name. */
  public String source() {
    return source;
  }

  /** The line the problem is on, from 1. */
  public int line() {
    return line;
  }

  /** What is wrong, without the source and line. */
  public String problem() {
    return problem;
  }
}
