package io.naap.attestations.bench;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotDocument;
import io.naap.attestations.SnapshotSigner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An epoch's snapshot of 10,000 orchestrators x 5 workloads built (canonical JSON, data hash,
 * Merkle tree), hashed and signed by 3 keys, against the floor of hashing its 50,000 leaves alone.
 * Run: {@code scripts/jmh.sh attestations SnapshotBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotBenchmark {
  private static final int ORCHESTRATORS = 10_000;
  private static final int WORKLOADS = 5;

  private List<ScoreLeaf> leaves;
  private List<SnapshotSigner> signers;
  private Eip712Domain domain;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<Bytes32> workloads = new ArrayList<>();
    for (int w = 0; w < WORKLOADS; w++) {
      workloads.add(Bytes32.keccak(("workload-" + w).getBytes(StandardCharsets.UTF_8)));
    }
    leaves = new ArrayList<>(ORCHESTRATORS * WORKLOADS);
    for (int o = 0; o < ORCHESTRATORS; o++) {
      byte[] address = new byte[20];
      random.nextBytes(address);
      for (Bytes32 workload : workloads) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        leaves.add(
            new ScoreLeaf(
                7,
                EvmAddress.of(address),
                workload,
                random.nextInt(ScoreLeaf.MAX_SCORE_BPS + 1),
                random.nextInt(4),
                Bytes32.of(digest)));
      }
    }
    signers = new ArrayList<>();
    for (String operator : List.of("bench-a", "bench-b", "bench-c")) {
      signers.add(
          SnapshotSigner.of(
              new BigInteger(
                  1, Bytes32.keccak(operator.getBytes(StandardCharsets.UTF_8)).bytes())));
    }
    domain = Eip712Domain.slaOracle(42161, EvmAddress.of(new byte[20]));
  }

  /** The whole snapshot: document, canonical JSON and its hash, tree, digest, 3 signatures. */
  @Benchmark
  public List<Signature> buildHashAndSign() {
    ScoreSnapshot attestation = new SnapshotDocument(7, 1, "rules-1", leaves).attestation();
    Bytes32 digest = attestation.digest(domain);
    List<Signature> signatures = new ArrayList<>(signers.size());
    for (SnapshotSigner signer : signers) {
      signatures.add(signer.sign(digest));
    }
    return signatures;
  }

  /** The floor: the 50,000 leaf hashes alone (two keccak-256 each). */
  @Benchmark
  public void leafHashesOnly(Blackhole sink) {
    for (ScoreLeaf leaf : leaves) {
      sink.consume(leaf.hash());
    }
  }
}
