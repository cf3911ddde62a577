package io.naap.app.verify;

import java.util.function.Supplier;

/**
 * One value read from the chain, or why it could not be read (a reverted call, an address that is
 * not an SlaOracle, a node that stopped answering): a failed read fails its check, with the reason.
 */
sealed interface ChainRead<T> {
  record Value<T>(T value) implements ChainRead<T> {}

  record Failed<T>(String reason) implements ChainRead<T> {}

  /** Runs the read; any runtime failure becomes a {@link Failed} with its message. */
  static <T> ChainRead<T> of(Supplier<T> read) {
    try {
      return new Value<>(read.get());
    } catch (RuntimeException e) {
      String message = e.getMessage();
      return new Failed<>(
          message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }
  }
}
