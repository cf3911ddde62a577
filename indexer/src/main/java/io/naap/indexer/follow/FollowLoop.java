package io.naap.indexer.follow;

import io.naap.indexer.chain.ChainSourceException;
import io.naap.storage.StorageException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a {@link ChainFollower}: passes back to back while it is behind, one every poll interval
 * once it has caught up. A pass that fails (the chain source spent its retry budget, the database
 * is away) is reported and tried again after the interval: the follower resumes from its stored
 * checkpoints, so nothing is lost.
 */
public final class FollowLoop {
  private final ChainFollower follower;
  private final Duration pollInterval;
  private final Consumer<String> log;
  private final Observer observer;
  private volatile ChainFollower.Pass lastPass;
  private volatile String lastFailure;

  /** Told after every pass, for the status others read. */
  @FunctionalInterface
  public interface Observer {
    /**
     * @param lastPass the last pass that completed, null before the first
     * @param failure why this pass failed, null when it did not
     */
    void passed(ChainFollower.Pass lastPass, String failure);
  }

  public FollowLoop(ChainFollower follower, Duration pollInterval, Consumer<String> log) {
    this(follower, pollInterval, log, (pass, failure) -> {});
  }

  public FollowLoop(
      ChainFollower follower, Duration pollInterval, Consumer<String> log, Observer observer) {
    this.follower = Objects.requireNonNull(follower, "follower");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.log = Objects.requireNonNull(log, "log");
    this.observer = Objects.requireNonNull(observer, "observer");
    if (pollInterval.isNegative()) {
      throw new IllegalArgumentException("the poll interval must not be negative");
    }
  }

  /**
   * Runs until {@code stop} says so (checked between passes) or, with {@code untilCaughtUp}, until
   * a pass finds every contract at the head.
   *
   * @return the last pass, null when none completed
   */
  public ChainFollower.Pass run(boolean untilCaughtUp, BooleanSupplier stop)
      throws InterruptedException {
    while (!stop.getAsBoolean()) {
      boolean caughtUp;
      try {
        ChainFollower.Pass pass = follower.pass();
        lastPass = pass;
        lastFailure = null;
        observer.passed(pass, null);
        caughtUp = pass.caughtUp();
        if (pass.blocksIndexed() > 0) {
          log.accept(
              "indexed "
                  + pass.blocksIndexed()
                  + " blocks, "
                  + pass.eventsStored()
                  + " events; "
                  + (caughtUp
                      ? "caught up with head " + pass.head()
                      : "head " + pass.head() + " still ahead"));
        }
      } catch (ChainSourceException | StorageException e) {
        lastFailure = e.getMessage();
        log.accept("pass failed, retrying in " + pollInterval + ": " + e.getMessage());
        try {
          observer.passed(lastPass, lastFailure);
        } catch (StorageException recording) {
          log.accept("cannot record the status: " + recording.getMessage());
        }
        caughtUp = false;
        Thread.sleep(pollInterval);
        continue;
      }
      if (caughtUp && untilCaughtUp) {
        return lastPass;
      }
      if (caughtUp) {
        Thread.sleep(pollInterval);
      }
    }
    return lastPass;
  }

  /** The last pass that completed, null before the first. */
  public ChainFollower.Pass lastPass() {
    return lastPass;
  }

  /** Why the last pass failed, null when it did not. */
  public String lastFailure() {
    return lastFailure;
  }
}
