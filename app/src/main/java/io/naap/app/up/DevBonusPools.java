package io.naap.app.up;

import io.naap.attestations.Bytes32;
import io.naap.attestations.ScoreLeaf;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.payout.DistributorChain;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * The SLA bonus pools {@code naap up} funds on its local distributor, as a gateway would: every
 * workload of the catalogue, {@value #WEI_PER_EPOCH} wei an epoch for a day of one-minute epochs
 * from the next epoch, sent from a dev account that plays the gateway. Each start funds a day more.
 */
final class DevBonusPools {
  /** 0.001 ETH per workload and epoch. */
  static final long WEI_PER_EPOCH = 1_000_000_000_000_000L;

  /** A day of one-minute epochs. */
  static final int EPOCHS = 24 * 60;

  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(30);

  private DevBonusPools() {}

  /**
   * Funds the pools from {@code firstEpoch} and waits for the transactions.
   *
   * @return one line per workload funded
   * @throws UpException when a funding transaction is refused or fails
   */
  static List<String> fund(
      DistributorChain distributor,
      Credentials gateway,
      WorkloadCatalogue catalogue,
      long firstEpoch,
      Consumer<String> progress) {
    List<ChainTransactions.Prepared> sent = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try {
      for (WorkloadTarget target : catalogue.targets()) {
        Bytes32 workload = ScoreLeaf.workloadId(target.model());
        ChainTransactions.Prepared prepared =
            distributor.prepareFundEth(
                workload, firstEpoch, EPOCHS, BigInteger.valueOf(WEI_PER_EPOCH), gateway);
        distributor.send(prepared);
        sent.add(prepared);
        lines.add(
            target.model()
                + ": "
                + WEI_PER_EPOCH
                + " wei an epoch for epochs "
                + firstEpoch
                + " to "
                + (firstEpoch + EPOCHS - 1));
      }
      for (ChainTransactions.Prepared prepared : sent) {
        ChainTransactions.TransactionState state =
            distributor.awaitMined(prepared.hash(), RECEIPT_WAIT);
        if (state != ChainTransactions.TransactionState.SUCCEEDED) {
          throw new UpException(
              "funding the bonus pools failed: transaction " + prepared.hash() + " " + state);
        }
      }
    } catch (OracleChainException e) {
      throw new UpException("cannot fund the bonus pools: " + e.getMessage(), e);
    }
    lines.forEach(line -> progress.accept("bonus pool " + line));
    return lines;
  }
}
