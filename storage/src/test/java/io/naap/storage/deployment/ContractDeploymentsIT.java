package io.naap.storage.deployment;

import static io.naap.storage.generated.Tables.CONTRACT_DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.generated.tables.records.ContractDeploymentRecord;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** Each test works on a chain id of its own: the class shares one migrated database. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractDeploymentsIT {
  private static final String CHECK_VIOLATION = "23514";
  private static final EthereumAddress ADDRESS =
      EthereumAddress.fromHex("0xff00000000000000000000000000000000000080");
  private static final EthereumAddress OTHER_ADDRESS =
      EthereumAddress.fromHex("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
  private static final TransactionHash HASH =
      TransactionHash.fromHex("0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b");
  private static final Instant RECORDED_AT = Instant.parse("2026-11-27T10:15:30.123456Z");

  /** Above 2^53: a value that would not survive a trip through a double. */
  private static final long HIGH_BLOCK = 9_007_199_254_740_993L;

  private Database database;
  private ContractDeployments deployments;
  private DataSource dataSource;
  private DSLContext raw;

  @BeforeAll
  void connect(PostgresDatabase postgres) {
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
    deployments = new ContractDeployments(database);
    dataSource = postgres.dataSource();
    raw = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void roundTripsEveryColumnExactly() throws SQLException {
    ContractDeployment deployed =
        new ContractDeployment(1, "SlaOracle", ADDRESS, HIGH_BLOCK, Optional.of(HASH), RECORDED_AT);

    deployments.record(deployed);

    assertThat(deployments.find(1, "SlaOracle")).contains(deployed);

    ContractDeploymentRecord row =
        raw.selectFrom(CONTRACT_DEPLOYMENT)
            .where(CONTRACT_DEPLOYMENT.CHAIN_ID.eq(1L))
            .and(CONTRACT_DEPLOYMENT.NAME.eq("SlaOracle"))
            .fetchSingle();
    assertThat(row.getChainId()).isEqualTo(1L);
    assertThat(row.getName()).isEqualTo("SlaOracle");
    assertThat(row.getAddress()).isEqualTo(ADDRESS.bytes());
    assertThat(row.getBlockNumber()).isEqualTo(HIGH_BLOCK);
    assertThat(row.getTransactionHash()).isEqualTo(HASH.bytes());
    assertThat(row.getRecordedAt()).isEqualTo(RECORDED_AT);

    // What the server itself holds, read without jOOQ: bytes and an instant in UTC.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select encode(address, 'hex'), encode(transaction_hash, 'hex'),"
                    + " block_number::text, to_char(recorded_at at time zone 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from contract_deployment where"
                    + " chain_id = 1 and name = 'SlaOracle'")) {
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat("0x" + rows.getString(1)).isEqualTo(ADDRESS.toHex());
        assertThat("0x" + rows.getString(2)).isEqualTo(HASH.toHex());
        assertThat(rows.getString(3)).isEqualTo("9007199254740993");
        assertThat(rows.getString(4)).isEqualTo("2026-11-27T10:15:30.123456Z");
      }
    }
  }

  @Test
  void keepsNoTransactionHashForAContractGivenByAddress() {
    ContractDeployment pointedAt =
        new ContractDeployment(
            2, "BondingManager", OTHER_ADDRESS, 0, Optional.empty(), RECORDED_AT);

    deployments.record(pointedAt);

    assertThat(deployments.find(2, "BondingManager")).contains(pointedAt);
    assertThat(
            raw.select(CONTRACT_DEPLOYMENT.TRANSACTION_HASH)
                .from(CONTRACT_DEPLOYMENT)
                .where(CONTRACT_DEPLOYMENT.CHAIN_ID.eq(2L))
                .fetchSingle()
                .value1())
        .isNull();
  }

  @Test
  void recordingANameAgainReplacesItsRow() {
    ContractDeployment first =
        new ContractDeployment(3, "SlaOracle", ADDRESS, 10, Optional.of(HASH), RECORDED_AT);
    ContractDeployment redeployed =
        new ContractDeployment(
            3, "SlaOracle", OTHER_ADDRESS, 20, Optional.empty(), RECORDED_AT.plusSeconds(60));
    ContractDeployment sameNameOtherChain =
        new ContractDeployment(4, "SlaOracle", ADDRESS, 10, Optional.of(HASH), RECORDED_AT);

    deployments.record(first);
    deployments.record(sameNameOtherChain);
    deployments.record(redeployed);

    assertThat(deployments.find(3, "SlaOracle")).contains(redeployed);
    assertThat(deployments.all(3)).containsExactly(redeployed);
    assertThat(deployments.find(4, "SlaOracle")).contains(sameNameOtherChain);
  }

  @Test
  void listsTheContractsOfOneChainSortedByName() {
    List<String> names =
        List.of(
            "SlaOracle",
            "a-lower",
            "Minter",
            "BondingManager",
            "Zeta",
            "LivepeerToken",
            "Minter.v2");
    for (String name : names) {
      deployments.record(
          new ContractDeployment(5, name, ADDRESS, 1, Optional.empty(), RECORDED_AT));
    }
    deployments.record(
        new ContractDeployment(6, "Other", ADDRESS, 1, Optional.empty(), RECORDED_AT));

    assertThat(deployments.all(5))
        .extracting(ContractDeployment::name)
        .containsExactly(
            "BondingManager",
            "LivepeerToken",
            "Minter",
            "Minter.v2",
            "SlaOracle",
            "Zeta",
            "a-lower")
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(deployments.all(7)).isEmpty();
  }

  @Test
  void findsNothingForAnUnknownName() {
    assertThat(deployments.find(8, "Nowhere")).isEmpty();
  }

  @Test
  void theTableRejectsANineteenByteAddress() {
    assertViolates("contract_deployment_address_length", insert(9, "Short", new byte[19], 0, null));
  }

  @Test
  void theTableRejectsANegativeBlock() {
    assertViolates(
        "contract_deployment_block_number_non_negative",
        insert(9, "Negative", ADDRESS.bytes(), -1, null));
  }

  @Test
  void theTableRejectsATransactionHashOfOtherThanThirtyTwoBytes() {
    assertViolates(
        "contract_deployment_transaction_hash_length",
        insert(9, "ShortHash", ADDRESS.bytes(), 0, new byte[31]));
  }

  @Test
  void theTableRejectsChainIdZeroAndMalformedNames() {
    assertViolates(
        "contract_deployment_chain_id_positive", insert(0, "Zero", ADDRESS.bytes(), 0, null));
    assertViolates(
        "contract_deployment_name_format", insert(9, " Padded", ADDRESS.bytes(), 0, null));
    assertViolates("contract_deployment_name_format", insert(9, "", ADDRESS.bytes(), 0, null));
  }

  private Runnable insert(long chainId, String name, byte[] address, long block, byte[] hash) {
    return () ->
        raw.insertInto(CONTRACT_DEPLOYMENT)
            .set(CONTRACT_DEPLOYMENT.CHAIN_ID, chainId)
            .set(CONTRACT_DEPLOYMENT.NAME, name)
            .set(CONTRACT_DEPLOYMENT.ADDRESS, address)
            .set(CONTRACT_DEPLOYMENT.BLOCK_NUMBER, block)
            .set(CONTRACT_DEPLOYMENT.TRANSACTION_HASH, hash)
            .execute();
  }

  private static void assertViolates(String constraint, Runnable insert) {
    assertThatThrownBy(insert::run)
        .isInstanceOf(DataAccessException.class)
        .satisfies(
            error -> {
              assertThat(((DataAccessException) error).sqlState()).isEqualTo(CHECK_VIOLATION);
              assertThat(error.getCause()).isInstanceOf(PSQLException.class);
              PSQLException cause = (PSQLException) error.getCause();
              assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
            });
  }
}
