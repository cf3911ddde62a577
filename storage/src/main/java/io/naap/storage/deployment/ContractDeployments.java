package io.naap.storage.deployment;

import static io.naap.storage.generated.Tables.CONTRACT_DEPLOYMENT;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.generated.tables.records.ContractDeploymentRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The contracts naap deployed or was pointed at, per chain: table {@code contract_deployment}. */
public final class ContractDeployments {
  /** Byte order, so that names sort as {@link String#compareTo} sorts them, on every server. */
  private static final String BINARY_COLLATION = "C";

  private final DSLContext dsl;

  public ContractDeployments(Database database) {
    this.dsl = database.dsl();
  }

  /** Inserts the deployment, or replaces the one recorded under the same chain and name. */
  public void record(ContractDeployment deployment) {
    Objects.requireNonNull(deployment, "deployment");
    var table = CONTRACT_DEPLOYMENT;
    try {
      dsl.insertInto(table)
          .set(table.CHAIN_ID, deployment.chainId())
          .set(table.NAME, deployment.name())
          .set(table.ADDRESS, deployment.address().bytes())
          .set(table.BLOCK_NUMBER, deployment.blockNumber())
          .set(
              table.TRANSACTION_HASH,
              deployment.transactionHash().map(TransactionHash::bytes).orElse(null))
          .set(table.RECORDED_AT, deployment.recordedAt())
          .onConflict(table.CHAIN_ID, table.NAME)
          .doUpdate()
          .set(table.ADDRESS, DSL.excluded(table.ADDRESS))
          .set(table.BLOCK_NUMBER, DSL.excluded(table.BLOCK_NUMBER))
          .set(table.TRANSACTION_HASH, DSL.excluded(table.TRANSACTION_HASH))
          .set(table.RECORDED_AT, DSL.excluded(table.RECORDED_AT))
          .execute();
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot record contract " + describe(deployment.chainId(), deployment.name()), e);
    }
  }

  /** The deployment recorded under {@code name} on {@code chainId}, if any. */
  public Optional<ContractDeployment> find(long chainId, String name) {
    ContractDeployment.requireChainId(chainId);
    ContractDeployment.requireName(name);
    var table = CONTRACT_DEPLOYMENT;
    try {
      return dsl.selectFrom(table)
          .where(table.CHAIN_ID.eq(chainId))
          .and(table.NAME.eq(name))
          .fetchOptional()
          .map(ContractDeployments::toDeployment);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read contract " + describe(chainId, name), e);
    }
  }

  /** Every deployment recorded on {@code chainId}, sorted by name. */
  public List<ContractDeployment> all(long chainId) {
    ContractDeployment.requireChainId(chainId);
    var table = CONTRACT_DEPLOYMENT;
    try {
      return dsl.selectFrom(table)
          .where(table.CHAIN_ID.eq(chainId))
          .orderBy(table.NAME.collate(BINARY_COLLATION))
          .fetch(ContractDeployments::toDeployment);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the contracts of chain " + chainId, e);
    }
  }

  private static ContractDeployment toDeployment(ContractDeploymentRecord row) {
    try {
      return new ContractDeployment(
          row.getChainId(),
          row.getName(),
          new EthereumAddress(row.getAddress()),
          row.getBlockNumber(),
          Optional.ofNullable(row.getTransactionHash()).map(TransactionHash::new),
          row.getRecordedAt());
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "row of contract "
              + describe(row.getChainId(), row.getName())
              + " breaks the contract_deployment rules: "
              + e.getMessage(),
          e);
    }
  }

  private static String describe(Long chainId, String name) {
    return "'" + name + "' on chain " + chainId;
  }
}
