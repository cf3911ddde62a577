package io.naap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.embedded.AnvilNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ExtensionsIT {
  @Test
  void injectsOneRunningAnvilPerClass(AnvilNode first, AnvilNode second) {
    assertThat(first).isSameAs(second);
    assertThat(first.isAlive()).isTrue();
    assertThat(first.chainId()).isEqualTo(31337);
    assertThat(first.rpc("eth_blockNumber", "[]")).contains("\"result\"");
  }

  @Test
  void injectsAMigratedDatabase(PostgresDatabase database, DataSource dataSource)
      throws SQLException {
    assertThat(database.dataSource()).isSameAs(dataSource);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("insert into testkit_probe values (1, 'migrated')");
      try (ResultSet rows =
          statement.executeQuery("select label from testkit_probe where id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("migrated");
      }
    }
  }
}
