package io.naap.sla.config;

import java.util.Objects;

/**
 * A config text that is not valid: the message reads {@code source:line: what is wrong}, the line
 * counted from 1. Each format has its own subclass, so that a caller can tell a bad workload config
 * from a bad GPU cost table.
 */
public abstract class ConfigTextException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String problem;

  protected ConfigTextException(String source, int line, String problem) {
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
