package io.naap.app.verify;

import io.naap.app.ExitCodes;
import io.naap.app.client.Converters;
import io.naap.attestations.EvmAddress;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap verify}: checks an orchestrator's published score without trusting the API that
 * serves it. The API only supplies the claims (leaf, proof, snapshot, signatures); each is
 * recomputed locally or read back from the chain (see {@link Verification}).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies an orchestrator's published SLA score without trusting naap's API: fetches the"
          + " leaf, its Merkle proof and the snapshot's signatures from the API, recomputes the"
          + " leaf hash, the proof and the EIP-712 digest locally, recovers the signers and"
          + " checks them against the signer set and threshold SlaOracle recorded for the"
          + " snapshot's config version, compares the snapshot with its SnapshotPublished event"
          + " and stored root, and calls verifyScore on chain. One line per check (ok or FAIL"
          + " with the reason), then VALID or INVALID.",
      "Without --workload every leaf the orchestrator has in the epoch is verified. Exit 0 only"
          + " when every check passes; 1 when one fails, or when the API has no such leaf or"
          + " the API or the chain cannot be reached; 2 for bad usage."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--orchestrator",
      required = true,
      paramLabel = "0xADDRESS",
      converter = Converters.Address.class,
      description =
          "The orchestrator's address: 0x and 40 hex digits, lower or upper case, or EIP-55"
              + " checksummed.")
  private EvmAddress orchestrator;

  @Option(
      names = "--workload",
      paramLabel = "MODEL",
      description =
          "The workload (model id, e.g. streamdiffusion-sdxl) whose leaf to verify (default:"
              + " every leaf of the orchestrator in the epoch).")
  private String workload;

  @Option(
      names = "--epoch",
      paramLabel = "N|latest",
      defaultValue = "latest",
      converter = Converters.Epoch.class,
      description =
          "The epoch: a number (1 or more) or latest, the latest the API has published"
              + " (default: ${DEFAULT-VALUE}).")
  private OptionalLong epoch;

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
          "JSON-RPC endpoint of the chain SlaOracle lives on: a node you trust (default:"
              + " ${DEFAULT-VALUE}, naap up's anvil).")
  private URI rpc;

  @Option(
      names = "--contract",
      paramLabel = "0xADDRESS",
      converter = Converters.Address.class,
      description =
          "The SlaOracle contract to check against (default: the one the API names, which the"
              + " output then says).")
  private EvmAddress contract;

  @Option(
      names = "--from-block",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "The block from which SlaOracle's events are searched, e.g. its deployment block"
              + " (default: ${DEFAULT-VALUE}).")
  private long fromBlock;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    if (fromBlock < 0) {
      throw new CommandLine.ParameterException(
          commandLine, "--from-block must be 0 or more, got " + fromBlock);
    }
    if (workload != null && workload.isBlank()) {
      throw new CommandLine.ParameterException(commandLine, "--workload must not be blank");
    }
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Web3j web3j = Web3j.build(new HttpService(rpc.toString()));
    try {
      AttestationApi attestations = new AttestationApi(http, api);
      AttestationApi.Attestation attestation = attestations.attestation(epoch);
      long number = attestation.epoch();
      List<String> workloads =
          workload != null ? List.of(workload) : attestation.workloadsOf(orchestrator);
      if (workloads.isEmpty()) {
        throw new VerifyException(
            "the API at "
                + api
                + " has no leaf of "
                + orchestrator.checksummed()
                + " in epoch "
                + number
                + " (its attestation lists "
                + attestation.leaves().size()
                + " leaves, none of this orchestrator)");
      }
      List<ProofAnswer> answers =
          workloads.stream().map(name -> attestations.proof(number, orchestrator, name)).toList();
      SlaOracleReader reader = new SlaOracleReader(web3j, rpc.toString());
      long chainId = reader.chainId();
      EvmAddress oracle =
          Optional.ofNullable(contract).orElse(answers.getFirst().snapshot().contract());
      Report report =
          Verification.verify(
              new Verification.Request(
                  orchestrator, number, workloads, Optional.ofNullable(contract)),
              answers,
              reader.read(chainId, oracle, fromBlock, answers));
      out.printf(
          "naap verify: %s in epoch %d%s, %d leaf(s); API %s, chain %s%n",
          orchestrator.checksummed(),
          number,
          epoch.isPresent() ? "" : " (the latest the API has published)",
          answers.size(),
          api,
          rpc);
      report.lines().forEach(line -> out.println(line.text()));
      report.verdict().forEach(out::println);
      out.flush();
      return report.valid() ? ExitCodes.OK : ExitCodes.FAILURE;
    } catch (VerifyException e) {
      out.flush();
      err.println("naap: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    } finally {
      web3j.shutdown();
      http.close();
    }
  }
}
