package io.naap.telemetry.loadgen;

import java.util.PriorityQueue;

/**
 * What happens next in the simulation: actions at instants (unix milliseconds), run in time order,
 * ties in the order they were scheduled. An action may schedule more, at its own time or later.
 */
final class Timeline {
  private record Action(long time, long sequence, Runnable run) implements Comparable<Action> {
    @Override
    public int compareTo(Action other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  private final PriorityQueue<Action> queue = new PriorityQueue<>();
  private long sequence;
  private long now = Long.MIN_VALUE;

  /** Schedules {@code action} at {@code time}; a time in the past runs at the current time. */
  void at(long time, Runnable action) {
    queue.add(new Action(Math.max(time, now), sequence++, action));
  }

  /** Runs every action due at or before {@code until}, in time order. */
  void runUntil(long until) {
    while (!queue.isEmpty() && queue.peek().time() <= until) {
      Action action = queue.poll();
      now = action.time();
      action.run().run();
    }
  }

  /** The time of the action running or last run. */
  long now() {
    return now;
  }
}
