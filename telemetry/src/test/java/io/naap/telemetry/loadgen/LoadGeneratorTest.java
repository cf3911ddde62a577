package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  private final SteppedClock clock = new SteppedClock(Simulation.START);

  private static LoadScheduler scheduler() {
    return LoadScheduler.seeded(8, LoadSettings.defaults(), Simulation.START);
  }

  @Test
  void eachTickDeliversWhatHappenedUpToTheClock() {
    List<List<String>> batches = new ArrayList<>();
    LoadGenerator generator =
        new LoadGenerator(
            scheduler(),
            events -> {
              batches.add(events);
              return new Delivery(events.size(), 0, 0);
            },
            clock,
            Duration.ofSeconds(1));
    LoadScheduler reference = scheduler();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      generator.tick();
      expected.addAll(reference.advance(clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(expected);
    assertThat(batches).allSatisfy(batch -> assertThat(batch).isNotEmpty());
    LoadGenerator.Progress progress = generator.progress();
    assertThat(progress.ticks()).isEqualTo(120);
    assertThat(progress.events()).isEqualTo(expected.size());
    assertThat(progress.accepted()).isEqualTo(expected.size());
    assertThat(progress.quarantined()).isZero();
    assertThat(progress.activeStreams()).isEqualTo(reference.activeStreams()).isPositive();
    assertThat(progress.streamsStarted()).isEqualTo(reference.streamsStarted());
  }

  @Test
  void aSinkThatFailsStopsTheGeneratorWithTheReason() {
    LoadGenerator generator =
        new LoadGenerator(
            scheduler(),
            events -> {
              throw new IllegalStateException("database is down");
            },
            clock,
            Duration.ofMillis(10));
    generator.start();

    assertThat(generator.stopped())
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(LoadGenerationException.class)
        .withMessageContaining("could not deliver")
        .withMessageContaining("database is down");
    generator.close();
    assertThat(generator.progress().ticks()).isZero();
  }

  @Test
  void closingStopsTicksAndCompletesOnce() {
    LoadGenerator generator =
        new LoadGenerator(
            scheduler(), events -> new Delivery(0, events.size(), 0), clock, Duration.ofMillis(5));
    generator.start();
    assertThatThrownBy(generator::start).isInstanceOf(IllegalStateException.class);
    generator.close();
    generator.close();

    assertThat(generator.stopped()).isCompleted();
    long ticks = generator.progress().ticks();
    assertThat(generator.stopped().join().ticks()).isEqualTo(ticks);
  }

  @Test
  void theTickMustBePositive() {
    assertThatThrownBy(() -> new LoadGenerator(scheduler(), events -> null, clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tick must be > 0");
  }
}
