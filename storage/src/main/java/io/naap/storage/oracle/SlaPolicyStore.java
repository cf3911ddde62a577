package io.naap.storage.oracle;

import static io.naap.storage.generated.Tables.SLA_ENROLLMENT;
import static io.naap.storage.generated.Tables.WORKLOAD_MIN_SCORE;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.generated.tables.records.SlaEnrollmentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * What gateways and orchestrators set about SLAs, kept as history so that any epoch can be
 * recomputed: orchestrators' SLA initialisations ({@code sla_enrollment}) and the workloads'
 * minimum scores ({@code workload_min_score}).
 */
public final class SlaPolicyStore {
  private final DSLContext dsl;

  public SlaPolicyStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * An orchestrator's SLA initialisation for a workload.
   *
   * @param gpu the GPU it declared (or {@code unknown})
   * @param enrolledAt when it enrolled
   */
  public record Enrollment(
      EthereumAddress orchestrator, String workload, String gpu, Instant enrolledAt) {
    public Enrollment {
      Objects.requireNonNull(orchestrator, "orchestrator");
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(gpu, "gpu");
      Objects.requireNonNull(enrolledAt, "enrolledAt");
    }
  }

  /**
   * Enrolls an orchestrator for a workload; idempotent.
   *
   * @return the enrollment as stored (the earlier one when it was already enrolled)
   */
  public Enrollment enroll(Enrollment enrollment) {
    var table = SLA_ENROLLMENT;
    try {
      dsl.insertInto(table)
          .set(table.ORCHESTRATOR, enrollment.orchestrator().bytes())
          .set(table.WORKLOAD, enrollment.workload())
          .set(table.GPU, enrollment.gpu())
          .set(table.ENROLLED_AT, enrollment.enrolledAt())
          .onConflictDoNothing()
          .execute();
      return dsl.selectFrom(table)
          .where(table.ORCHESTRATOR.eq(enrollment.orchestrator().bytes()))
          .and(table.WORKLOAD.eq(enrollment.workload()))
          .fetchSingle(SlaPolicyStore::toEnrollment);
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot enroll " + enrollment.orchestrator() + " for " + enrollment.workload(), e);
    }
  }

  /** The enrollments made before {@code before}, by orchestrator then workload. */
  public List<Enrollment> enrollments(Instant before) {
    var table = SLA_ENROLLMENT;
    try {
      return dsl.selectFrom(table)
          .where(table.ENROLLED_AT.lt(before))
          .orderBy(table.ORCHESTRATOR, table.WORKLOAD)
          .fetch(SlaPolicyStore::toEnrollment);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the SLA enrollments", e);
    }
  }

  /** Sets a workload's minimum score from {@code effectiveAt} on. */
  public void setMinScore(String workload, int minScoreBps, String setBy, Instant effectiveAt) {
    if (minScoreBps < 0 || minScoreBps > 10_000) {
      throw new IllegalArgumentException("a minimum score is 0 to 10000 bps: " + minScoreBps);
    }
    var table = WORKLOAD_MIN_SCORE;
    try {
      dsl.insertInto(table)
          .set(table.WORKLOAD, workload)
          .set(table.EFFECTIVE_AT, effectiveAt)
          .set(table.MIN_SCORE_BPS, minScoreBps)
          .set(table.SET_BY, setBy)
          .onConflict(table.WORKLOAD, table.EFFECTIVE_AT)
          .doUpdate()
          .set(table.MIN_SCORE_BPS, DSL.excluded(table.MIN_SCORE_BPS))
          .set(table.SET_BY, DSL.excluded(table.SET_BY))
          .execute();
    } catch (DataAccessException e) {
      throw new StorageException("cannot set the minimum score of " + workload, e);
    }
  }

  /** A minimum score as set: the value, who set it and from when. */
  public record MinScore(String workload, int minScoreBps, String setBy, Instant effectiveAt) {}

  /** The latest minimum score set for a workload before {@code at}, if any. */
  public Optional<MinScore> minScore(String workload, Instant at) {
    return Optional.ofNullable(minScores(at).get(workload));
  }

  /** Per workload, the latest minimum score set before {@code at}. */
  public Map<String, MinScore> minScores(Instant at) {
    var table = WORKLOAD_MIN_SCORE;
    try {
      Map<String, MinScore> latest = new TreeMap<>();
      // in time order, so the latest value of each workload is put last
      dsl.selectFrom(table)
          .where(table.EFFECTIVE_AT.lt(at))
          .orderBy(table.WORKLOAD, table.EFFECTIVE_AT)
          .fetch()
          .forEach(
              row ->
                  latest.put(
                      row.get(table.WORKLOAD),
                      new MinScore(
                          row.get(table.WORKLOAD),
                          row.get(table.MIN_SCORE_BPS),
                          row.get(table.SET_BY),
                          row.get(table.EFFECTIVE_AT))));
      return latest;
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the minimum scores", e);
    }
  }

  private static Enrollment toEnrollment(SlaEnrollmentRecord row) {
    return new Enrollment(
        new EthereumAddress(row.getOrchestrator()),
        row.getWorkload(),
        row.getGpu(),
        row.getEnrolledAt());
  }
}
