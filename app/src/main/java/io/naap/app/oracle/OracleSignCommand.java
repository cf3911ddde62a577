package io.naap.app.oracle;

import io.naap.app.ExitCodes;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.SlaOracleChain;
import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.storage.oracle.StoredSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap oracle sign}: an operator signs an epoch's snapshot, as its own oracle built it, in
 * its own process and with its own key; the signature is stored for this oracle to publish and
 * printed as JSON for others.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Signs the snapshot of --epoch (built by naap oracle run in this database) with the key of"
          + " --key-file: the EIP-712 digest of the snapshot under the contract's domain and its"
          + " current config version. Stores the signature and prints it as one JSON line:"
          + " {epoch, configVersion, digest, signer, signature}."
    })
public final class OracleSignCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private OracleOptions options;

  @Option(names = "--epoch", required = true, paramLabel = "N", description = "The epoch to sign.")
  private long epoch;

  @Option(
      names = "--key-file",
      required = true,
      paramLabel = "FILE",
      description = "A file holding the operator's private key (hex).")
  private Path keyFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SnapshotSigner signer;
    try {
      signer = SnapshotSigner.of(OracleOptions.key(keyFile).getEcKeyPair().getPrivateKey());
    } catch (IllegalArgumentException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Web3j web3j = Web3j.build(new HttpService(options.rpc));
    try (Database database = Database.connect(options.database.settings())) {
      long chainId = OracleOptions.chainId(web3j, options.rpc);
      OracleOptions.Contract contract = options.contract(database, chainId);
      OracleStore store =
          new OracleStore(
              database,
              new OracleContract(chainId, new EthereumAddress(contract.address().bytes())));
      Optional<StoredSnapshot> stored = store.snapshot(epoch);
      if (stored.isEmpty()) {
        err.println(
            "naap: epoch "
                + epoch
                + " has no snapshot in this database yet: naap oracle run builds it once final");
        return ExitCodes.FAILURE;
      }
      StoredSnapshot snapshot = stored.get();
      SlaOracleChain.Config config =
          new SlaOracleChain(web3j, chainId, contract.address(), contract.block()).config();
      if (!config.signers().contains(signer.address())) {
        err.println(
            "naap: "
                + signer.address().checksummed()
                + " is not a signer of SlaOracle "
                + contract.address().checksummed()
                + " (config version "
                + config.configVersion()
                + ")");
        return ExitCodes.FAILURE;
      }
      if (snapshot.configVersion() != config.configVersion()) {
        err.println(
            "naap: the snapshot of epoch "
                + epoch
                + " was built for config version "
                + snapshot.configVersion()
                + ", the contract is at "
                + config.configVersion()
                + ": naap oracle run rebuilds it");
        return ExitCodes.FAILURE;
      }
      Bytes32 digest =
          new ScoreSnapshot(
                  epoch,
                  Bytes32.of(snapshot.scoresRoot()),
                  snapshot.leafCount(),
                  Bytes32.of(snapshot.dataHash()),
                  snapshot.configVersion())
              .digest(Eip712Domain.slaOracle(chainId, contract.address()));
      Signature signature = signer.sign(digest);
      store.addSignature(
          epoch,
          new StoredSignature(
              epoch,
              snapshot.configVersion(),
              digest.bytes(),
              new EthereumAddress(signer.address().bytes()),
              signature.bytes(),
              Instant.now()));
      out.printf(
          "{\"epoch\":%d,\"configVersion\":%d,\"digest\":\"%s\",\"signer\":\"%s\",\"signature\":\"%s\"}%n",
          epoch,
          snapshot.configVersion(),
          digest.hex(),
          signer.address().checksummed(),
          signature.hex());
      out.flush();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (StorageException | OracleChainException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.FAILURE;
    } finally {
      web3j.shutdown();
    }
  }

  /** For tests: the signer of a key file. */
  static EvmAddress signerOf(Path keyFile) {
    return SnapshotSigner.of(OracleOptions.key(keyFile).getEcKeyPair().getPrivateKey()).address();
  }
}
