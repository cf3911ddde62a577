package io.naap.telemetry.loadgen;

import java.util.Locale;

/** What a prompt of the datasets is for. */
public enum PromptKind {
  /** Fixed prompt of the "good" dataset: cost depends on the GPU and workload only. */
  GOOD,
  /** Ordinary user prompt: cost varies a little with the content. */
  AVERAGE,
  /** Valid but expensive prompt (resolution, steps, length): costs fps. */
  EDGE,
  /** Invalid params: the runner rejects the update with an error; the stream keeps its params. */
  BAD;

  /** The kind as the dataset files spell it, e.g. {@code edge}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static PromptKind fromCode(String code) {
    for (PromptKind kind : values()) {
      if (kind.code().equals(code)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown prompt kind: " + code);
  }
}
