package io.naap.app.bench;

import io.naap.app.ExitCodes;
import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.deploy.RewardBurst;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.AnvilSettings;
import io.naap.embedded.NaapHome;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.indexer.follow.ChainFollower;
import io.naap.indexer.follow.DecodingLogMapper;
import io.naap.indexer.follow.FollowLoop;
import io.naap.indexer.rpc.JsonRpcChainSource;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolMirrorStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap bench indexer}: a backfill of many logs from a local anvil into a fresh durable
 * PostgreSQL, in logs stored a second, against the time merely to fetch the same logs through the
 * same chain source in the same run (rounds alternate, so both see the same machine). Each round
 * also says where the CPU went: microseconds of CPU time per log of this JVM, of the PostgreSQL
 * server and of anvil, for each of the two.
 */
@Command(
    name = "indexer",
    mixinStandardHelpOptions = true,
    description = {
      "Backfills --logs Reward logs (emitted by the BondingManager double on an embedded anvil) into"
          + " an embedded PostgreSQL through the indexer, and compares its rate with fetching the"
          + " same logs only (eth_getLogs through the same source, nothing stored), round after"
          + " round. Prints logs/s of both and their ratio, the CPU time per log of this JVM,"
          + " PostgreSQL and anvil in each, and the medians. Each backfill starts from an empty,"
          + " vacuumed table, as a first backfill does."
    })
public final class IndexerBenchCommand implements Callable<Integer> {
  private static final int LOGS_PER_TRANSACTION = 5_000;

  @Spec private CommandSpec spec;

  @Option(
      names = "--logs",
      defaultValue = "500000",
      description =
          "Logs to backfill (rounded up to ${COMPLETION-CANDIDATES}5,000s; default: ${DEFAULT-VALUE}).")
  private int logs;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(
      names = "--warmups",
      defaultValue = "1",
      description = "Unmeasured rounds of each first (default: ${DEFAULT-VALUE}).")
  private int warmups;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (logs < 1 || rounds < 1 || warmups < 0) {
      err.println("naap: --logs and --rounds must be >= 1, --warmups >= 0");
      return ExitCodes.USAGE;
    }
    try (AnvilNode anvil =
            AnvilNode.start(AnvilSettings.ephemeral(AnvilNode.binaryIn(NaapHome.locate())));
        BenchPostgres postgres = BenchPostgres.start(4)) {
      Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      try {
        Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
        ProtocolDeployment doubles =
            ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
        var deployed = doubles.get(ProtocolContract.BONDING_MANAGER);
        RewardBurst bursts = new RewardBurst(web3j, deployer, anvil.chainId(), deployed);
        List<String> transcoders = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
          transcoders.add(String.format("0x%040x", i * 0x1010101L));
        }
        int transactions = (logs + LOGS_PER_TRANSACTION - 1) / LOGS_PER_TRANSACTION;
        long emitted = (long) transactions * LOGS_PER_TRANSACTION;
        out.printf("emitting %,d logs in %d transactions...%n", emitted, transactions);
        out.flush();
        for (int t = 0; t < transactions; t++) {
          bursts.emit(transcoders, LOGS_PER_TRANSACTION, t);
        }
        String address = deployed.addressHex();
        long start = deployed.deploymentBlock();
        try (JsonRpcChainSource source =
            new JsonRpcChainSource(URI.create(anvil.rpcUrl()), RpcSettings.defaults())) {
          long head = source.head();
          List<Double> fetchRates = new ArrayList<>();
          List<Double> indexRates = new ArrayList<>();
          Optional<ProcessCpu> cpu = postgres.serverPid().flatMap(ProcessCpu::of);
          for (int round = -warmups; round < rounds; round++) {
            long[] beforeFetch = cpuTimes(cpu, anvil);
            long fetchNanos = fetch(source, address, start, head, emitted);
            long[] afterFetch = cpuTimes(cpu, anvil);
            Timed backfill = index(postgres, source, address, start, emitted, cpu, anvil);
            double fetchRate = emitted / (fetchNanos / 1e9);
            double indexRate = emitted / (backfill.nanos() / 1e9);
            out.printf(
                "%s %d: fetch only %,.0f logs/s, backfill (fetch, decode, store) %,.0f logs/s,"
                    + " %.1f%% of fetch only; CPU us/log (JVM/PostgreSQL/anvil): fetch only %s,"
                    + " backfill %s%n",
                round < 0 ? "warm-up" : "round",
                round < 0 ? round + warmups + 1 : round + 1,
                fetchRate,
                indexRate,
                100 * indexRate / fetchRate,
                microsPerLog(beforeFetch, afterFetch, emitted),
                microsPerLog(backfill.cpuBefore(), backfill.cpuAfter(), emitted));
            out.flush();
            if (round >= 0) {
              fetchRates.add(fetchRate);
              indexRates.add(indexRate);
            }
          }
          double fetchMedian = median(fetchRates);
          double indexMedian = median(indexRates);
          out.printf(
              "medians: fetch only %,.0f logs/s, backfill %,.0f logs/s, %.1f%% of fetch only%n",
              fetchMedian, indexMedian, 100 * indexMedian / fetchMedian);
        }
      } finally {
        web3j.shutdown();
      }
    }
    return ExitCodes.OK;
  }

  private static long fetch(
      JsonRpcChainSource source, String address, long from, long to, long expected) {
    AtomicLong seen = new AtomicLong();
    long started = System.nanoTime();
    source.logs(
        List.of(address),
        from,
        to,
        (chunkFrom, chunkTo, chunk) -> {
          seen.addAndGet(chunk.size());
          return true;
        });
    long nanos = System.nanoTime() - started;
    if (seen.get() != expected) {
      throw new IllegalStateException("fetched " + seen.get() + " logs, expected " + expected);
    }
    return nanos;
  }

  /** A backfill's time, and the CPU times around it ({@link #cpuTimes}). */
  private record Timed(long nanos, long[] cpuBefore, long[] cpuAfter) {}

  private static Timed index(
      BenchPostgres postgres,
      JsonRpcChainSource source,
      String address,
      long start,
      long expected,
      Optional<ProcessCpu> cpu,
      AnvilNode anvil)
      throws InterruptedException {
    ProtocolMirrorStore store = new ProtocolMirrorStore(postgres.database());
    store.forget(source.chainId());
    // the last round's rows are dead tuples now, in the table and its indexes: without a vacuum
    // this round would check its keys against them and compete with autovacuum removing them,
    // which a first backfill into a fresh database does not
    store.vacuum();
    long[] cpuBefore = cpuTimes(cpu, anvil);
    long started = System.nanoTime();
    ChainFollower follower =
        new ChainFollower(
            source,
            store,
            new DecodingLogMapper(new ProtocolEventDecoder()),
            List.of(
                new ChainFollower.Target(
                    "BondingManager", EthereumAddress.fromHex(address), start)),
            new ChainFollower.Settings(1, Long.MAX_VALUE / 4),
            Clock.systemUTC(),
            line -> {});
    new FollowLoop(follower, Duration.ofMillis(10), line -> {}).run(true, () -> false);
    long nanos = System.nanoTime() - started;
    long[] cpuAfter = cpuTimes(cpu, anvil);
    long stored = store.eventCount(follower.chainId());
    if (stored != expected) {
      throw new IllegalStateException("stored " + stored + " logs, expected " + expected);
    }
    return new Timed(nanos, cpuBefore, cpuAfter);
  }

  /** {@code [jvm, server, anvil]} CPU nanoseconds so far, or null when not measurable. */
  private static long[] cpuTimes(Optional<ProcessCpu> cpu, AnvilNode anvil) {
    if (cpu.isEmpty()) {
      return null;
    }
    try {
      long[] jvmAndServer = cpu.get().read();
      return new long[] {jvmAndServer[0], jvmAndServer[1], ProcessCpu.process(anvil.pid())};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of the bench's processes", e);
    }
  }

  /** CPU microseconds per log of each process between two readings, e.g. {@code 6.1/8.9/3.2}. */
  private static String microsPerLog(long[] before, long[] after, long logs) {
    if (before == null || after == null) {
      return "not measurable here (no /proc)";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < before.length; i++) {
      text.append(i == 0 ? "" : "/")
          .append(String.format(Locale.ROOT, "%.1f", (after[i] - before[i]) / 1e3 / logs));
    }
    return text.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
