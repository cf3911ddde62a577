package io.naap.buildtools.bindings;

import java.nio.file.Path;
import java.util.List;

/** What a run of {@link BindingsGenerator} did. */
public sealed interface GenerationOutcome {

  /** The wrapper source files, one per contract, sorted by contract name. */
  List<Path> wrappers();

  /** The wrappers were (re)written from the ABI and BIN files. */
  record Generated(List<Path> wrappers) implements GenerationOutcome {
    public Generated {
      wrappers = List.copyOf(wrappers);
    }
  }

  /** The wrappers already matched the ABI and BIN files, so none was touched. */
  record UpToDate(List<Path> wrappers) implements GenerationOutcome {
    public UpToDate {
      wrappers = List.copyOf(wrappers);
    }
  }
}
