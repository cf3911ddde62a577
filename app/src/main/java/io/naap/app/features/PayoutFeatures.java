package io.naap.app.features;

import io.naap.api.Endpoint;
import io.naap.api.incentives.IncentiveEndpoints;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import io.naap.incentives.distribution.Distributor;
import io.naap.incentives.distribution.IncentiveRules;
import io.naap.incentives.epoch.EpochPayouts;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.oracle.EpochSchedule;
import io.naap.oracle.OracleLoop;
import io.naap.oracle.payout.DistributorChain;
import io.naap.oracle.payout.PayoutInputs;
import io.naap.oracle.payout.PayoutService;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.IncentiveInputs;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.protocol.ProtocolStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The incentive engine wired over one database, one SlaFeeDistributor and the score oracle it
 * follows: the store, the rules ({@code incentives-1} with naap's GPU cost table), the payout
 * service and its loop.
 */
public final class PayoutFeatures {
  /**
   * How the payout service runs.
   *
   * @param maxEpochsPerTick the most epochs built in one pass
   * @param receiptWait how long a pass waits for a publication to be mined
   * @param period the pause between passes
   */
  public record Settings(int maxEpochsPerTick, Duration receiptWait, Duration period) {
    public Settings {
      Objects.requireNonNull(receiptWait, "receiptWait");
      Objects.requireNonNull(period, "period");
    }

    /**
     * {@code naap up}'s: a pass every 5 s, so each one-minute epoch is paid soon after its scores.
     */
    public static Settings local() {
      return new Settings(60, Duration.ofSeconds(20), Duration.ofSeconds(5));
    }
  }

  private final IncentiveStore store;
  private final PayoutService service;
  private final DistributorChain chain;
  private final Settings settings;

  private PayoutFeatures(
      IncentiveStore store, PayoutService service, DistributorChain chain, Settings settings) {
    this.store = store;
    this.service = service;
    this.chain = chain;
    this.settings = settings;
  }

  /**
   * The payouts of {@code distributor}, following {@code oracle}'s published scores and schedule;
   * the first epoch paid is the one the distributor was deployed in.
   *
   * @param signers the operator keys this process signs payout roots with
   * @param submitter the account that sends publications (none: it never sends)
   */
  public static PayoutFeatures open(
      Database database,
      Web3j web3j,
      long chainId,
      EvmAddress distributor,
      long deploymentBlock,
      OracleFeatures oracle,
      List<SnapshotSigner> signers,
      Optional<Credentials> submitter,
      Settings settings,
      Clock clock,
      Consumer<String> log) {
    IncentiveStore store =
        new IncentiveStore(
            database, new DistributorContract(chainId, new EthereumAddress(distributor.bytes())));
    DistributorChain chain = new DistributorChain(web3j, chainId, distributor, deploymentBlock);
    EpochSchedule schedule = oracle.service().schedule();
    long firstEpoch = Math.max(1, schedule.epochAt(chain.blockTime(deploymentBlock)));
    EpochPayouts engine =
        new EpochPayouts(new Distributor(IncentiveRules.v1(), GpuCostTable.defaults()));
    PayoutService service =
        new PayoutService(
            store,
            new PayoutInputs(
                new IncentiveInputs(database),
                new ProtocolStateStore(database),
                store,
                WorkloadCatalogue.defaults()),
            oracle.store(),
            oracle.chain(),
            chain,
            schedule,
            engine,
            signers,
            submitter,
            new PayoutService.Settings(
                firstEpoch, settings.maxEpochsPerTick(), settings.receiptWait()),
            clock,
            log);
    return new PayoutFeatures(store, service, chain, settings);
  }

  public PayoutService service() {
    return service;
  }

  public IncentiveStore store() {
    return store;
  }

  public DistributorChain chain() {
    return chain;
  }

  /** The incentive reports and claims: {@code /v1/incentives/...}. */
  public List<Endpoint> endpoints() {
    return new IncentiveEndpoints(store).endpoints();
  }

  /** The loop on the settings' period; the caller starts and closes it. */
  public OracleLoop loop(Consumer<RuntimeException> onFailure) {
    return new OracleLoop("naap-payouts", service::tick, settings.period(), onFailure);
  }
}
