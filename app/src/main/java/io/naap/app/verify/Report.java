package io.naap.app.verify;

import io.naap.attestations.ScoreLeaf;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code naap verify}: one line per check ({@code ok} or {@code FAIL}, with the
 * reason), informative lines, and the verdict: {@code VALID} for each leaf when no check failed,
 * else {@code INVALID} with the number of failed checks.
 *
 * @param lines the checks and informative lines, in the order they were made
 * @param answers the leaves verified
 */
record Report(List<Report.Line> lines, List<ProofAnswer> answers) {
  Report {
    lines = List.copyOf(lines);
    answers = List.copyOf(answers);
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("a report is about at least one leaf");
    }
  }

  /** One line of the report. */
  sealed interface Line {
    String text();
  }

  /** A check: passed or failed, and what was compared or why it failed. */
  record Check(String name, boolean passed, String detail) implements Line {
    Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }

    static Check ok(String name, String detail) {
      return new Check(name, true, detail);
    }

    static Check fail(String name, String detail) {
      return new Check(name, false, detail);
    }

    @Override
    public String text() {
      return (passed ? "ok   " : "FAIL ") + name + ": " + detail;
    }
  }

  /** Something worth knowing that is no failure (a signer set rotated since, for one). */
  record Info(String detail) implements Line {
    Info {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String text() {
      return "info " + detail;
    }
  }

  List<Check> failures() {
    return lines.stream()
        .filter(line -> line instanceof Check check && !check.passed())
        .map(Check.class::cast)
        .toList();
  }

  boolean valid() {
    return failures().isEmpty();
  }

  /** {@code VALID: ...} for each leaf, or {@code INVALID: n checks failed}. */
  List<String> verdict() {
    int failed = failures().size();
    if (failed > 0) {
      return List.of("INVALID: " + failed + (failed == 1 ? " check failed" : " checks failed"));
    }
    return answers.stream().map(Report::valid).toList();
  }

  private static String valid(ProofAnswer answer) {
    ScoreLeaf leaf = answer.leaf();
    String standing = (leaf.flags() & ScoreLeaf.QUALIFIES) != 0 ? "qualifies" : "does not qualify";
    if ((leaf.flags() & ScoreLeaf.PROVISIONAL) != 0) {
      standing += ", provisional";
    }
    return "VALID: "
        + leaf.orchestrator().checksummed()
        + " scored "
        + leaf.scoreBps()
        + " bps for "
        + answer.workload()
        + " in epoch "
        + leaf.epoch()
        + " ("
        + standing
        + ")";
  }
}
