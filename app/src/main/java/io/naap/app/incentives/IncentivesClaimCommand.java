package io.naap.app.incentives;

import com.fasterxml.jackson.databind.JsonNode;
import io.naap.app.ExitCodes;
import io.naap.app.client.ApiClient;
import io.naap.app.client.ApiClientException;
import io.naap.app.client.Converters;
import io.naap.app.oracle.OracleOptions;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.payout.DistributorChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap incentives claim}: claims what the payout tree owes an account on SlaFeeDistributor.
 * The API supplies the leaf and its proof; both are checked locally and against the contract's
 * claimable root before anything is signed, and the transaction is followed to its receipt.
 */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    description = {
      "Claims an account's SLA payouts on SlaFeeDistributor: fetches its cumulative amount and"
          + " Merkle proof for the epoch from naap's API, checks the proof locally and that the"
          + " epoch's root is the contract's claimable root, then signs a claim with --key-file's"
          + " account (which pays the gas; the payout goes to --account, whoever sends it), sends"
          + " it and waits for its receipt.",
      "Exit 0 when the claim is mined, or when there is nothing left to claim; 1 when the API or"
          + " the chain cannot be reached, the proof or the root does not check, or the claim"
          + " reverts; 2 for bad usage."
    })
public final class IncentivesClaimCommand implements Callable<Integer> {
  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(60);

  @Spec private CommandSpec spec;

  @Option(
      names = "--account",
      required = true,
      paramLabel = "0xADDRESS",
      converter = Converters.Address.class,
      description = "The account to claim for (an orchestrator or a delegator).")
  private EvmAddress account;

  @Option(
      names = "--epoch",
      paramLabel = "N|latest",
      defaultValue = "latest",
      converter = Converters.Epoch.class,
      description =
          "The epoch whose payout tree to claim from: a number, or latest, the latest whose root"
              + " is on chain (default: ${DEFAULT-VALUE}). Amounts are cumulative: the latest"
              + " root pays everything owed so far.")
  private OptionalLong epoch;

  @Option(
      names = "--key-file",
      required = true,
      paramLabel = "FILE",
      description =
          "A file holding the private key (64 hex digits, optionally after 0x) of the account that"
              + " sends the claim and pays its gas.")
  private Path keyFile;

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      converter = Converters.HttpUrl.class,
      description = "naap's HTTP API (default: ${DEFAULT-VALUE}, naap up's).")
  private URI api;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8545",
      converter = Converters.HttpUrl.class,
      description =
          "JSON-RPC endpoint of the distributor's chain (default: ${DEFAULT-VALUE}, naap up's"
              + " anvil).")
  private URI rpc;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    Credentials sender;
    try {
      sender = OracleOptions.key(keyFile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage());
    }
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Web3j web3j = Web3j.build(new HttpService(rpc.toString()));
    try {
      String name = epoch.isPresent() ? Long.toString(epoch.getAsLong()) : "latest";
      JsonNode leaf =
          new ApiClient(http, api)
              .getJson(
                  "/v1/incentives/epochs/" + name + "/claims/" + account.checksummed(),
                  "payout leaf of " + account.checksummed() + " in epoch " + name);
      Answer answer = Answer.of(leaf);
      if (!answer.account().equals(account)) {
        return fail(err, "the API answered the leaf of " + answer.account().checksummed());
      }
      Bytes32 leafHash = new PayoutLeaf(account, answer.cumulativeAmount()).hash();
      if (!MerkleTree.verify(answer.root(), leafHash, answer.proof())) {
        return fail(
            err,
            "the API's proof of "
                + account.checksummed()
                + " does not lead to epoch "
                + answer.epoch()
                + "'s root "
                + answer.root());
      }
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      if (chainId != answer.chainId()) {
        return fail(
            err,
            "the chain at "
                + rpc
                + " is chain "
                + chainId
                + "; the distributor is on chain "
                + answer.chainId());
      }
      DistributorChain distributor = new DistributorChain(web3j, chainId, answer.distributor(), 0);
      DistributorChain.State state = distributor.state();
      if (!state.root().equals(answer.root())) {
        return fail(
            err,
            "epoch "
                + answer.epoch()
                + "'s root "
                + answer.root()
                + " is not the distributor's claimable root "
                + state.root()
                + " (its latest epoch is "
                + state.latestEpoch()
                + "): claim with the latest epoch");
      }
      BigInteger claimed = distributor.claimed(account);
      if (claimed.compareTo(answer.cumulativeAmount()) >= 0) {
        out.printf(
            "naap: nothing to claim for %s: it has claimed %s of its %s%n",
            account.checksummed(), claimed, answer.cumulativeAmount());
        out.flush();
        return ExitCodes.OK;
      }
      ChainTransactions.Prepared prepared =
          distributor.prepareClaim(
              account, answer.cumulativeAmount(), answer.root(), answer.proof(), sender);
      distributor.send(prepared);
      TransactionReceipt receipt = awaitReceipt(distributor, prepared.hash());
      if (!receipt.isStatusOK()) {
        return fail(err, "the claim " + prepared.hash() + " reverted");
      }
      out.printf(
          "naap: claimed %s wei for %s (cumulative %s, epoch %d) in transaction %s, block %s,"
              + " %s gas%n",
          answer.cumulativeAmount().subtract(claimed),
          account.checksummed(),
          answer.cumulativeAmount(),
          answer.epoch(),
          prepared.hash(),
          receipt.getBlockNumber(),
          receipt.getGasUsed());
      out.flush();
      return ExitCodes.OK;
    } catch (ApiClientException | OracleChainException | IllegalArgumentException e) {
      return fail(err, e.getMessage());
    } catch (IOException e) {
      return fail(err, "cannot reach the chain at " + rpc + ": " + e.getMessage());
    } finally {
      web3j.shutdown();
      http.close();
    }
  }

  private static TransactionReceipt awaitReceipt(DistributorChain distributor, Bytes32 hash) {
    ChainTransactions.TransactionState state = distributor.awaitMined(hash, RECEIPT_WAIT);
    return distributor
        .receipt(hash)
        .orElseThrow(
            () ->
                new OracleChainException(
                    "the claim "
                        + hash
                        + " was not mined within "
                        + RECEIPT_WAIT.toSeconds()
                        + " s ("
                        + state
                        + ")"));
  }

  private static int fail(PrintWriter err, String message) {
    err.println("naap: " + message);
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** The API's answer: a leaf of the payout tree, its proof, and where it can be claimed. */
  private record Answer(
      EvmAddress account,
      long epoch,
      BigInteger cumulativeAmount,
      List<Bytes32> proof,
      Bytes32 root,
      long chainId,
      EvmAddress distributor) {
    static Answer of(JsonNode node) {
      List<Bytes32> proof = new ArrayList<>();
      for (JsonNode sibling : node.path("proof")) {
        proof.add(Bytes32.fromHex(sibling.asText()));
      }
      if (!node.path("cumulativeAmount").isTextual() || !node.path("payoutRoot").isTextual()) {
        throw new IllegalArgumentException(
            "the API's answer has no cumulativeAmount or payoutRoot: is it naap's API?");
      }
      return new Answer(
          EvmAddress.fromHex(node.path("account").asText()),
          node.path("epoch").asLong(),
          new BigInteger(node.path("cumulativeAmount").asText()),
          proof,
          Bytes32.fromHex(node.path("payoutRoot").asText()),
          node.path("chainId").asLong(),
          EvmAddress.fromHex(node.path("distributor").asText()));
    }
  }
}
