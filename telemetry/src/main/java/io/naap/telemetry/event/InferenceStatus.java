package io.naap.telemetry.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The runner's inference figures in an {@code ai_stream_status} event, whichever {@link
 * StatusShape} carried them.
 *
 * @param outputFps {@code inference_status.fps} (captured) or {@code inference_status.output_fps}
 *     (documented)
 * @param inputFps {@code input_status.fps} (captured) or {@code inference_status.input_fps}
 *     (documented)
 * @param startTime {@code data.start_time} in unix ms (captured) or {@code
 *     inference_status.start_time} in unix seconds (documented)
 * @param lastParamsHash hash of the parameters (prompt) in force; changes after a {@code
 *     params_update}
 */
public record InferenceStatus(
    OptionalDouble outputFps,
    OptionalDouble inputFps,
    Optional<Instant> startTime,
    Optional<Instant> lastInputTime,
    Optional<Instant> lastOutputTime,
    OptionalInt restartCount,
    Optional<Instant> lastRestartTime,
    Optional<String> lastError,
    Optional<Instant> lastErrorTime,
    Optional<String> lastParamsHash,
    Optional<Instant> lastParamsUpdateTime) {

  public InferenceStatus {
    Objects.requireNonNull(outputFps, "outputFps");
    Objects.requireNonNull(inputFps, "inputFps");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(lastInputTime, "lastInputTime");
    Objects.requireNonNull(lastOutputTime, "lastOutputTime");
    Objects.requireNonNull(restartCount, "restartCount");
    Objects.requireNonNull(lastRestartTime, "lastRestartTime");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastErrorTime, "lastErrorTime");
    Objects.requireNonNull(lastParamsHash, "lastParamsHash");
    Objects.requireNonNull(lastParamsUpdateTime, "lastParamsUpdateTime");
  }
}
