package io.naap.api;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * Helidon's OpenAPI handler passes a request on when the {@code Accept} header names no format it
 * writes, which would end in a 404. Registered after it (lower weight), this route answers 406
 * instead.
 */
final class OpenApiFallback implements HttpFeature, Weighted {
  private static final List<String> FORMATS =
      List.of(
          "application/vnd.oai.openapi",
          "application/yaml",
          "application/x-yaml",
          "text/yaml",
          "text/x-yaml",
          "application/vnd.oai.openapi+json",
          "application/json");

  private final String path;

  OpenApiFallback(String path) {
    this.path = path;
  }

  @Override
  public void setup(HttpRouting.Builder routing) {
    routing.get(
        path,
        (request, response) -> {
          throw new ApiException(
              ErrorCode.NOT_ACCEPTABLE,
              "The OpenAPI document is available as YAML or JSON; ask with Accept or ?format=yaml|json.",
              Map.of("supported", FORMATS));
        });
  }

  @Override
  public double weight() {
    return 1;
  }
}
