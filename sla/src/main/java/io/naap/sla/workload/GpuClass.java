package io.naap.sla.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A GPU model as a class of hardware that performs alike: the GPU's name as {@code gpu_info.name}
 * or {@code nvidia-smi} give it, normalised so that the spellings drivers and platforms use for the
 * same card fall into one class.
 *
 * <p>Normalisation ({@link #of(String)}):
 *
 * <ol>
 *   <li>lower case ({@link Locale#ROOT});
 *   <li>every run of characters other than {@code a-z} and {@code 0-9} becomes one space, and
 *       leading and trailing spaces go ({@code A100-SXM4-40GB} becomes {@code a100 sxm4 40gb});
 *   <li>the leading words {@code nvidia}, {@code geforce} and {@code tesla} go: drivers name the
 *       same card with and without them ({@code Tesla T4} and {@code NVIDIA T4}, {@code GeForce RTX
 *       4090} and {@code NVIDIA GeForce RTX 4090});
 *   <li>nothing left, or {@code unknown}: {@link #UNKNOWN}.
 * </ol>
 *
 * So {@code NVIDIA GeForce RTX 4090} is {@code rtx 4090} and {@code NVIDIA GeForce RTX 4070 Ti
 * SUPER} is {@code rtx 4070 ti super}. Everything else that tells cards apart stays: memory and
 * form factor ({@code a100 sxm4 40gb} and {@code a100 pcie 80gb} are two classes), generation
 * suffixes ({@code rtx 6000 ada generation}, {@code rtx 4090 d}).
 *
 * @param name the normalised name: words of {@code a-z} and {@code 0-9}, one space apart
 */
public record GpuClass(String name) {
  /** A GPU whose name nobody reported. */
  public static final GpuClass UNKNOWN = new GpuClass("unknown");

  private static final Set<String> DROPPED_LEADING_WORDS = Set.of("nvidia", "geforce", "tesla");

  public GpuClass {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9]+( [a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "a GPU class is words of a-z and 0-9 one space apart (see GpuClass.of): \""
              + name
              + "\"");
    }
  }

  /** The class of a GPU by the name its telemetry reports; blank is {@link #UNKNOWN}. */
  public static GpuClass of(String gpuName) {
    Objects.requireNonNull(gpuName, "gpuName");
    String[] words = gpuName.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
    List<String> kept = new ArrayList<>();
    for (String word : words) {
      if (word.isEmpty() || (kept.isEmpty() && DROPPED_LEADING_WORDS.contains(word))) {
        continue;
      }
      kept.add(word);
    }
    return kept.isEmpty() ? UNKNOWN : new GpuClass(String.join(" ", kept));
  }

  /** Whether the GPU's name was reported (and is not {@code unknown}). */
  public boolean isKnown() {
    return !equals(UNKNOWN);
  }
}
