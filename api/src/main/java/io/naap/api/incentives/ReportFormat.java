package io.naap.api.incentives;

import io.helidon.common.parameters.Parameters;
import io.naap.api.http.QueryParameters;
import java.util.Optional;

/** How a report is answered: {@code ?format=json} (the default) or {@code ?format=csv}. */
enum ReportFormat {
  JSON,
  CSV;

  static ReportFormat of(Parameters query) {
    Optional<String> asked = QueryParameters.text(query, "format");
    if (asked.isEmpty()) {
      return JSON;
    }
    return switch (asked.get()) {
      case "json" -> JSON;
      case "csv" -> CSV;
      default -> throw QueryParameters.invalid("format", "json or csv", asked.get());
    };
  }
}
