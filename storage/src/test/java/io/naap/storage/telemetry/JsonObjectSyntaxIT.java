package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The edge cases of {@link JsonEdgeCases} against the real {@code jsonb}. */
@ExtendWith(PostgresExtension.class)
class JsonObjectSyntaxIT {
  @ParameterizedTest(name = "{0}")
  @MethodSource("io.naap.storage.telemetry.JsonEdgeCases#all")
  void postgresAcceptsExactlyTheDocumentsExpected(JsonEdgeCases.Case edge, DataSource dataSource)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement cast = connection.prepareStatement("select ?::jsonb is not null")) {
      cast.setString(1, edge.json());
      if (edge.jsonb()) {
        try (ResultSet result = cast.executeQuery()) {
          assertThat(result.next()).isTrue();
          assertThat(result.getBoolean(1)).isTrue();
        }
      } else {
        assertThatThrownBy(cast::executeQuery).isInstanceOf(SQLException.class);
      }
    }
  }
}
