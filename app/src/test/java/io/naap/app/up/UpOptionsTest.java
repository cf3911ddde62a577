package io.naap.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code naap up}'s options for a chain it does not start ({@code --rpc}): every malformed or
 * contradictory one is a usage error (exit 2) that names it, before anything starts or any node is
 * asked.
 */
class UpOptionsTest {
  private static final String ADDRESS = "0x" + "ab".repeat(20);

  /** Nothing answers there, and nothing may be asked. */
  private static final String RPC = "http://127.0.0.1:9";

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = NaapCommand.commandLine();
    command.setOut(new PrintWriter(new StringWriter(), true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  @Test
  void chainOptionsWithoutRpcAreRefused() {
    assertThat(run("up", "--ephemeral", "--contract", "BondingManager=" + ADDRESS + "@1"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--contract is for a chain given with --rpc URL")
        .contains("Usage: naap up");
  }

  @Test
  void aMalformedContractIsRefusedWithTheSyntax() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--contract", "BondingManager=0x1234"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("a contract is Name=0xADDRESS (40 hex digits) with an optional @BLOCK");
  }

  @Test
  void aContractNaapDoesNotDecodeIsRefused() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--contract", "Uniswap=" + ADDRESS + "@1"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("naap decodes no contract named Uniswap");
  }

  @Test
  void theSameContractTwiceIsRefused() {
    assertThat(
            run(
                "up",
                "--ephemeral",
                "--rpc",
                RPC,
                "--contract",
                "BondingManager=" + ADDRESS + "@1",
                "--contract",
                "BondingManager=" + ADDRESS + "@2"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--contract names BondingManager twice");
  }

  @Test
  void rpcPortBelongsToTheLocalAnvil() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--rpc-port", "9545"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--rpc-port is the port of naap up's own anvil");
  }

  @Test
  void rpcMustBeAnHttpUrl() {
    assertThat(run("up", "--ephemeral", "--rpc", "ws://127.0.0.1:8546")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--rpc must be an http:// or https:// URL");
  }

  @Test
  void anUnknownProfileIsRefused() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--profile", "goerli"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no profile goerli (known: mainnet)");
  }

  @Test
  void deployingAndNamingSlaOracleExcludeEachOther() {
    assertThat(
            run(
                "up",
                "--ephemeral",
                "--rpc",
                RPC,
                "--deploy-contracts",
                "--contract",
                "SlaOracle=" + ADDRESS + "@1"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--deploy-contracts and --contract SlaOracle=... exclude each other");
  }

  @Test
  void theFinalityDepthIsBounded() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--finality-depth", "0"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--finality-depth must be 1 to 100000: 0");
  }

  @Test
  void anUnreadableKeyFileIsRefused() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--key-file", "/nonexistent/key"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("cannot read the key file /nonexistent/key");
  }

  @Test
  void loadgenAndNoLoadgenExcludeEachOther() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--loadgen", "--no-loadgen"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--loadgen and --no-loadgen exclude each other");
  }

  @Test
  void aZeroRpcTimeoutIsRefused() {
    assertThat(run("up", "--ephemeral", "--rpc", RPC, "--rpc-timeout", "0s"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--rpc-timeout must be > 0");
  }
}
