package io.naap.sla.kpi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every SLA KPI of a set of streams over a period, in mergeable form: counters, sums and percentile
 * sketches. Merging two aggregates gives exactly the aggregate of the union of their observations
 * (sketch bucket counts and counters add), so an hour is the merge of its minutes and any query is
 * a merge of stored rows. Mutable, not thread-safe.
 *
 * <p>KPI definitions (the derived accessors):
 *
 * <ul>
 *   <li>output fps: one observation per runner status ({@code ai_stream_status}); mean and
 *       percentiles from the sketch.
 *   <li>jitter coefficient: pooled within-stream coefficient of variation, {@code sqrt(D / n) /
 *       mean}, where {@code D} is the sum over streams (per serving orchestrator) of the squared
 *       deviations of their fps samples from their own mean. With one stream it is that stream's
 *       population std(fps) / mean(fps); across streams it does not count the differences between
 *       streams (a slower model is not jitter).
 *   <li>startup (all, cold, warm), end-to-end and prompt-to-first-frame latencies in ms: one
 *       observation per stream, percentiles from sketches.
 *   <li>failure rate = failures / segments (a segment is one orchestrator serving one stream);
 *       excused failures (not the orchestrator's fault) are counted apart and not in the rate.
 *   <li>swap rate = swaps charged to the orchestrator abandoned / segments.
 *   <li>bandwidth up / down in kbit/s = bytes x 8 / covered seconds / 1000.
 *   <li>CUDA utilisation efficiency = sum of achieved TFLOPS / sum of peak TFLOPS over {@code
 *       gpu_metrics} samples; unknown (empty), never 0, without samples.
 *   <li>demand: sessions (streams started), inference seconds (time with output), payments,
 *       tickets, expected fees (wei, exact), ticket-weighted mean price (wei per pixel).
 * </ul>
 */
public final class KpiAggregate {
  private static final byte FORMAT = 1;

  private final QuantileSketch outputFps;
  private final QuantileSketch startupMs;
  private final QuantileSketch coldStartupMs;
  private final QuantileSketch warmStartupMs;
  private final QuantileSketch endToEndMs;
  private final QuantileSketch promptToFirstFrameMs;
  private double fpsDeviationSquares;
  private long sessions;
  private long segments;
  private long failures;
  private long excusedFailures;
  private long swaps;
  private long restarts;
  private double inferenceSeconds;
  private long bytesUp;
  private long bytesDown;
  private double transferSeconds;
  private long gpuSamples;
  private double achievedTflops;
  private double peakTflops;
  private long payments;
  private long tickets;
  private BigDecimal expectedFeesWei;
  private long pricedTickets;
  private BigDecimal priceTimesTickets;

  private KpiAggregate(
      QuantileSketch outputFps,
      QuantileSketch startupMs,
      QuantileSketch coldStartupMs,
      QuantileSketch warmStartupMs,
      QuantileSketch endToEndMs,
      QuantileSketch promptToFirstFrameMs) {
    this.outputFps = outputFps;
    this.startupMs = startupMs;
    this.coldStartupMs = coldStartupMs;
    this.warmStartupMs = warmStartupMs;
    this.endToEndMs = endToEndMs;
    this.promptToFirstFrameMs = promptToFirstFrameMs;
    this.expectedFeesWei = BigDecimal.ZERO;
    this.priceTimesTickets = BigDecimal.ZERO;
  }

  /** An aggregate of no observation. */
  public static KpiAggregate empty() {
    return new KpiAggregate(
        QuantileSketch.create(),
        QuantileSketch.create(),
        QuantileSketch.create(),
        QuantileSketch.create(),
        QuantileSketch.create(),
        QuantileSketch.create());
  }

  // ---- observations

  /**
   * One output fps sample of a stream.
   *
   * @param deviationSquaresDelta how much the stream's sum of squared deviations from its own mean
   *     grew with this sample (see {@link FpsMoments#add})
   */
  public KpiAggregate addFps(double fps, double deviationSquaresDelta) {
    requireFinite(fps, "fps");
    requireNonNegative(deviationSquaresDelta, "deviationSquaresDelta");
    outputFps.add(fps);
    fpsDeviationSquares += deviationSquaresDelta;
    return this;
  }

  /** Seconds a stream produced output. */
  public KpiAggregate addInferenceSeconds(double seconds) {
    requireNonNegative(seconds, "seconds");
    inferenceSeconds += seconds;
    return this;
  }

  public KpiAggregate addStartup(double ms, StartupKind kind) {
    requireFinite(ms, "startup ms");
    Objects.requireNonNull(kind, "kind");
    startupMs.add(ms);
    switch (kind) {
      case COLD -> coldStartupMs.add(ms);
      case WARM -> warmStartupMs.add(ms);
      case UNKNOWN -> {}
    }
    return this;
  }

  public KpiAggregate addEndToEnd(double ms) {
    requireFinite(ms, "end-to-end ms");
    endToEndMs.add(ms);
    return this;
  }

  public KpiAggregate addPromptToFirstFrame(double ms) {
    requireFinite(ms, "prompt-to-first-frame ms");
    promptToFirstFrameMs.add(ms);
    return this;
  }

  /** A stream started (demand: streams). */
  public KpiAggregate addSession() {
    sessions++;
    return this;
  }

  /** An orchestrator started serving a stream. */
  public KpiAggregate addSegment() {
    segments++;
    return this;
  }

  /** A failure; an excused one is not the orchestrator's fault and stays out of the rate. */
  public KpiAggregate addFailure(boolean excused) {
    if (excused) {
      excusedFailures++;
    } else {
      failures++;
    }
    return this;
  }

  /** A swap charged to the orchestrator abandoned. */
  public KpiAggregate addSwap() {
    swaps++;
    return this;
  }

  public KpiAggregate addRestarts(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("restarts must be >= 0: " + count);
    }
    restarts += count;
    return this;
  }

  /** Bytes moved between the client and the gateway over {@code seconds}. */
  public KpiAggregate addTransfer(long up, long down, double seconds) {
    if (up < 0 || down < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + up + ", " + down);
    }
    requireNonNegative(seconds, "seconds");
    bytesUp += up;
    bytesDown += down;
    transferSeconds += seconds;
    return this;
  }

  /** One {@code gpu_metrics} sample. */
  public KpiAggregate addGpu(double achievedTflops, double peakTflops) {
    requireNonNegative(achievedTflops, "achievedTflops");
    requireNonNegative(peakTflops, "peakTflops");
    if (peakTflops == 0) {
      throw new IllegalArgumentException("peakTflops must be > 0");
    }
    gpuSamples++;
    this.achievedTflops += achievedTflops;
    this.peakTflops += peakTflops;
    return this;
  }

  /**
   * One payment.
   *
   * @param expectedFeesWei faceValue x winProb x tickets, exact; empty when unknown
   * @param pricePerPixel wei per pixel; empty when unknown
   */
  public KpiAggregate addPayment(
      long tickets, Optional<BigDecimal> expectedFeesWei, Optional<BigDecimal> pricePerPixel) {
    if (tickets < 0) {
      throw new IllegalArgumentException("tickets must be >= 0: " + tickets);
    }
    payments++;
    this.tickets += tickets;
    expectedFeesWei.ifPresent(fees -> this.expectedFeesWei = this.expectedFeesWei.add(fees));
    if (pricePerPixel.isPresent() && tickets > 0) {
      pricedTickets += tickets;
      priceTimesTickets =
          priceTimesTickets.add(pricePerPixel.get().multiply(BigDecimal.valueOf(tickets)));
    }
    return this;
  }

  /** Adds every observation of {@code other} to this one. */
  public KpiAggregate merge(KpiAggregate other) {
    outputFps.merge(other.outputFps);
    startupMs.merge(other.startupMs);
    coldStartupMs.merge(other.coldStartupMs);
    warmStartupMs.merge(other.warmStartupMs);
    endToEndMs.merge(other.endToEndMs);
    promptToFirstFrameMs.merge(other.promptToFirstFrameMs);
    fpsDeviationSquares += other.fpsDeviationSquares;
    sessions += other.sessions;
    segments += other.segments;
    failures += other.failures;
    excusedFailures += other.excusedFailures;
    swaps += other.swaps;
    restarts += other.restarts;
    inferenceSeconds += other.inferenceSeconds;
    bytesUp += other.bytesUp;
    bytesDown += other.bytesDown;
    transferSeconds += other.transferSeconds;
    gpuSamples += other.gpuSamples;
    achievedTflops += other.achievedTflops;
    peakTflops += other.peakTflops;
    payments += other.payments;
    tickets += other.tickets;
    expectedFeesWei = expectedFeesWei.add(other.expectedFeesWei);
    pricedTickets += other.pricedTickets;
    priceTimesTickets = priceTimesTickets.add(other.priceTimesTickets);
    return this;
  }

  // ---- derived KPIs

  public QuantileSketch outputFps() {
    return outputFps.copy();
  }

  public QuantileSketch startupMs() {
    return startupMs.copy();
  }

  public QuantileSketch coldStartupMs() {
    return coldStartupMs.copy();
  }

  public QuantileSketch warmStartupMs() {
    return warmStartupMs.copy();
  }

  public QuantileSketch endToEndMs() {
    return endToEndMs.copy();
  }

  public QuantileSketch promptToFirstFrameMs() {
    return promptToFirstFrameMs.copy();
  }

  /** Pooled within-stream std(fps) / mean(fps); empty without fps or with a zero mean. */
  public OptionalDouble jitterCoefficient() {
    OptionalDouble mean = outputFps.mean();
    if (mean.isEmpty() || mean.getAsDouble() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        Math.sqrt(fpsDeviationSquares / outputFps.count()) / mean.getAsDouble());
  }

  /** Failures / segments, excused failures apart; empty without segments. */
  public OptionalDouble failureRate() {
    return segments == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) failures / segments);
  }

  /** Swaps charged / segments; empty without segments. */
  public OptionalDouble swapRate() {
    return segments == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) swaps / segments);
  }

  /** Achieved / peak FLOPS over the gpu_metrics samples; empty (unknown) without samples. */
  public OptionalDouble cudaEfficiency() {
    return gpuSamples == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.min(1.0, achievedTflops / peakTflops));
  }

  /** Client to gateway kbit/s; empty without transfer samples. */
  public OptionalDouble bandwidthUpKbps() {
    return transferSeconds <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(bytesUp * 8.0 / transferSeconds / 1000.0);
  }

  /** Gateway to client kbit/s; empty without transfer samples. */
  public OptionalDouble bandwidthDownKbps() {
    return transferSeconds <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(bytesDown * 8.0 / transferSeconds / 1000.0);
  }

  /** Ticket-weighted mean price in wei per pixel; empty without priced tickets. */
  public Optional<BigDecimal> meanPricePerPixel() {
    return pricedTickets == 0
        ? Optional.empty()
        : Optional.of(
            priceTimesTickets.divide(
                BigDecimal.valueOf(pricedTickets), java.math.MathContext.DECIMAL64));
  }

  public long sessions() {
    return sessions;
  }

  public long segments() {
    return segments;
  }

  public long failures() {
    return failures;
  }

  public long excusedFailures() {
    return excusedFailures;
  }

  public long swaps() {
    return swaps;
  }

  public long restarts() {
    return restarts;
  }

  public double inferenceSeconds() {
    return inferenceSeconds;
  }

  public long bytesUp() {
    return bytesUp;
  }

  public long bytesDown() {
    return bytesDown;
  }

  public long gpuSamples() {
    return gpuSamples;
  }

  public long payments() {
    return payments;
  }

  public long tickets() {
    return tickets;
  }

  /** faceValue x winProb x tickets summed, exact. */
  public BigDecimal expectedFeesWei() {
    return expectedFeesWei;
  }

  // ---- binary form

  /** A deterministic binary form (format byte first), read back by {@link #fromBytes}. */
  public byte[] toBytes() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      for (QuantileSketch sketch : sketches()) {
        byte[] bytes = sketch.toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      out.writeDouble(fpsDeviationSquares);
      out.writeLong(sessions);
      out.writeLong(segments);
      out.writeLong(failures);
      out.writeLong(excusedFailures);
      out.writeLong(swaps);
      out.writeLong(restarts);
      out.writeDouble(inferenceSeconds);
      out.writeLong(bytesUp);
      out.writeLong(bytesDown);
      out.writeDouble(transferSeconds);
      out.writeLong(gpuSamples);
      out.writeDouble(achievedTflops);
      out.writeDouble(peakTflops);
      out.writeLong(payments);
      out.writeLong(tickets);
      writeDecimal(out, expectedFeesWei);
      out.writeLong(pricedTickets);
      writeDecimal(out, priceTimesTickets);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory write failed", e);
    }
    return buffer.toByteArray();
  }

  /**
   * Reads {@link #toBytes()}'s form.
   *
   * @throws IllegalArgumentException when the bytes are not a valid aggregate
   */
  public static KpiAggregate fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown KPI aggregate format " + format);
      }
      KpiAggregate aggregate =
          new KpiAggregate(
              readSketch(in),
              readSketch(in),
              readSketch(in),
              readSketch(in),
              readSketch(in),
              readSketch(in));
      aggregate.fpsDeviationSquares = nonNegative(in.readDouble());
      aggregate.sessions = count(in.readLong());
      aggregate.segments = count(in.readLong());
      aggregate.failures = count(in.readLong());
      aggregate.excusedFailures = count(in.readLong());
      aggregate.swaps = count(in.readLong());
      aggregate.restarts = count(in.readLong());
      aggregate.inferenceSeconds = nonNegative(in.readDouble());
      aggregate.bytesUp = count(in.readLong());
      aggregate.bytesDown = count(in.readLong());
      aggregate.transferSeconds = nonNegative(in.readDouble());
      aggregate.gpuSamples = count(in.readLong());
      aggregate.achievedTflops = nonNegative(in.readDouble());
      aggregate.peakTflops = nonNegative(in.readDouble());
      aggregate.payments = count(in.readLong());
      aggregate.tickets = count(in.readLong());
      aggregate.expectedFeesWei = readDecimal(in);
      aggregate.pricedTickets = count(in.readLong());
      aggregate.priceTimesTickets = readDecimal(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException("trailing bytes after a KPI aggregate");
      }
      return aggregate;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated KPI aggregate", e);
    }
  }

  /** Merges two binary forms: the merge function of the rollup store. */
  public static byte[] mergeBytes(byte[] left, byte[] right) {
    return fromBytes(left).merge(fromBytes(right)).toBytes();
  }

  private QuantileSketch[] sketches() {
    return new QuantileSketch[] {
      outputFps, startupMs, coldStartupMs, warmStartupMs, endToEndMs, promptToFirstFrameMs
    };
  }

  private static QuantileSketch readSketch(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("bad sketch length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    return QuantileSketch.fromBytes(bytes);
  }

  private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
    byte[] unscaled = value.unscaledValue().toByteArray();
    out.writeInt(value.scale());
    out.writeShort(unscaled.length);
    out.write(unscaled);
  }

  private static BigDecimal readDecimal(DataInputStream in) throws IOException {
    int scale = in.readInt();
    int length = in.readUnsignedShort();
    if (length == 0 || length > in.available()) {
      throw new IllegalArgumentException("bad decimal length " + length);
    }
    BigDecimal value = new BigDecimal(new BigInteger(in.readNBytes(length)), scale);
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative amount in a KPI aggregate");
    }
    return value;
  }

  private static long count(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative count in a KPI aggregate: " + value);
    }
    return value;
  }

  private static double nonNegative(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("bad sum in a KPI aggregate: " + value);
    }
    return value;
  }

  private static void requireFinite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite: " + value);
    }
  }

  private static void requireNonNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KpiAggregate that && java.util.Arrays.equals(toBytes(), that.toBytes());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(toBytes());
  }
}
