package io.naap.telemetry.loadgen;

import java.util.Objects;
import java.util.Optional;

/**
 * One prompt of a dataset: the params a client sends in a {@code params_update}, and its effect.
 *
 * @param id e.g. {@code good-07}, {@code random-21}
 * @param kind good, average, edge or bad
 * @param params the params object as compact JSON (prompt, seed, resolution, ...)
 * @param fpsFactor output fps relative to the workload's on the GPU (1.0 for good prompts)
 * @param error the runner's error message for a bad prompt
 */
public record Prompt(
    String id, PromptKind kind, String params, double fpsFactor, Optional<String> error) {

  public Prompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(error, "error");
    if (!(fpsFactor > 0 && fpsFactor <= 2)) {
      throw new IllegalArgumentException(id + ": fps_factor must be in (0, 2]: " + fpsFactor);
    }
    if ((kind == PromptKind.BAD) != error.isPresent()) {
      throw new IllegalArgumentException(id + ": a bad prompt, and only a bad one, has an error");
    }
    if (kind == PromptKind.GOOD && fpsFactor != 1.0) {
      throw new IllegalArgumentException(id + ": a good prompt costs nothing (fps_factor 1.0)");
    }
  }
}
