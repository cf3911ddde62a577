package io.naap.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.Objects;

/**
 * One operation a feature service adds to the API: an HTTP method, a path template in the syntax
 * that Helidon and OpenAPI share ({@code /orchestrators/{address}}), and its blocking handler.
 *
 * <p>The server routes exactly the operations it knows; each one must also be described in {@code
 * META-INF/openapi.yaml}, which the contract test checks. Handlers report errors by throwing {@link
 * io.naap.api.error.ApiException}.
 */
public record Endpoint(Method method, String path, Handler handler) {
  public Endpoint {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("endpoint path must start with '/', was '" + path + "'");
    }
  }

  public static Endpoint get(String path, Handler handler) {
    return new Endpoint(Method.GET, path, handler);
  }

  Operation operation() {
    return new Operation(method, path);
  }
}
