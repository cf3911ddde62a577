package io.naap.api;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.naap.storage.auth.KeyScope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One operation a feature service adds to the API: an HTTP method, a path template in the syntax
 * that Helidon and OpenAPI share ({@code /orchestrators/{address}}), the API key scope it requires
 * if any, and its blocking handler.
 *
 * <p>An operation that can change state (any method but GET, HEAD, OPTIONS and TRACE) must require
 * a scope: the server then runs the handler only for a request with {@code Authorization: Bearer
 * <key>} of that scope or of the admin scope, and answers 401 or 403 otherwise.
 *
 * <p>The server routes exactly the operations it knows; each one must also be described in {@code
 * META-INF/openapi.yaml}, which the contract test checks. Handlers report errors by throwing {@link
 * io.naap.api.error.ApiException}.
 */
public record Endpoint(Method method, String path, Optional<KeyScope> scope, Handler handler) {
  private static final Set<Method> SAFE =
      Set.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.TRACE);

  public Endpoint {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(scope, "scope must be an Optional");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("endpoint path must start with '/', was '" + path + "'");
    }
    if (scope.isEmpty() && !SAFE.contains(method)) {
      throw new IllegalArgumentException(
          method.text()
              + " "
              + path
              + " can change state, so it must require an API key scope"
              + " (Endpoint.post(path, scope, handler))");
    }
  }

  /** A read open to everyone. */
  public static Endpoint get(String path, Handler handler) {
    return new Endpoint(Method.GET, path, Optional.empty(), handler);
  }

  /** A POST that requires a key of {@code scope} (or an admin key). */
  public static Endpoint post(String path, KeyScope scope, Handler handler) {
    return new Endpoint(Method.POST, path, Optional.of(scope), handler);
  }

  Operation operation() {
    return new Operation(method, path);
  }
}
