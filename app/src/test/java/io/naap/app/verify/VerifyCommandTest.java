package io.naap.app.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.bindings.generated.SlaOracle;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import picocli.CommandLine;

/** {@code naap verify}'s usage errors (exit 2, nothing asked of the API or the chain). */
class VerifyCommandTest {
  private static final String ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void theOrchestratorIsRequired() {
    assertThat(run("verify")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("Missing required option: '--orchestrator=0xADDRESS'")
        .contains("Usage: naap verify");
  }

  @Test
  void aMalformedAddressIsAUsageError() {
    assertThat(run("verify", "--orchestrator", "0x1234")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("'0x1234' is not an address: 0x and 40 hex digits")
        .contains("Usage: naap verify");
  }

  @Test
  void aMixedCaseAddressMustCarryItsChecksum() {
    // 0x5FbDB2315678afecb367f032d93F642f64180aa3 with the case of one letter changed
    String badChecksum = "0x5fbDB2315678afecb367f032d93F642f64180aa3";
    assertThat(run("verify", "--orchestrator", badChecksum)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("EIP-55 checksum is wrong");
  }

  @Test
  void anEpochIsLatestOrANumberFromOne() {
    for (String epoch : new String[] {"0", "-3", "last", "1.5"}) {
      assertThat(run("verify", "--orchestrator", ADDRESS, "--epoch", epoch))
          .as(epoch)
          .isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString()).contains("'" + epoch + "' is not an epoch: latest or a number");
    }
  }

  @Test
  void urlsMustBeHttp() {
    assertThat(run("verify", "--orchestrator", ADDRESS, "--api", "localhost:8080"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'localhost:8080' is not an http(s) URL");
    assertThat(run("verify", "--orchestrator", ADDRESS, "--rpc", "ws://127.0.0.1:8545"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'ws://127.0.0.1:8545' is not an http(s) URL");
  }

  @Test
  void aNegativeFromBlockOrABlankWorkloadIsAUsageError() {
    assertThat(run("verify", "--orchestrator", ADDRESS, "--from-block", "-1"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--from-block must be 0 or more, got -1");
    assertThat(run("verify", "--orchestrator", ADDRESS, "--workload", " "))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--workload must not be blank");
  }

  @Test
  void helpDescribesTheChecks() {
    assertThat(run("verify", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("Usage: naap verify")
        .contains("--orchestrator=0xADDRESS")
        .contains("--contract=0xADDRESS")
        .contains("Exit 0 only");
  }

  @Test
  void theEventsReadAreTheContractsOwn() {
    // the reader decodes SlaOracle's events from its own ABI definitions (app may not use the
    // generated wrapper): they must be the contract's, topic for topic
    assertThat(EventEncoder.encode(SlaOracleReader.SNAPSHOT_PUBLISHED))
        .isEqualTo(EventEncoder.encode(SlaOracle.SNAPSHOTPUBLISHED_EVENT));
    assertThat(EventEncoder.encode(SlaOracleReader.SIGNER_SET_CHANGED))
        .isEqualTo(EventEncoder.encode(SlaOracle.SIGNERSETCHANGED_EVENT));
    assertThat(SlaOracleReader.SNAPSHOT_PUBLISHED.getIndexedParameters())
        .hasSameSizeAs(SlaOracle.SNAPSHOTPUBLISHED_EVENT.getIndexedParameters());
    assertThat(SlaOracleReader.SIGNER_SET_CHANGED.getIndexedParameters())
        .hasSameSizeAs(SlaOracle.SIGNERSETCHANGED_EVENT.getIndexedParameters());
  }
}
