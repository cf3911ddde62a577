package io.naap.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front door of every request. It lets through only the operations of the {@link RouteTable}:
 * an unknown path is a 404 and a known path with another method a 405 with {@code Allow}, both in
 * the JSON error shape. Helidon answers neither by itself (an unmatched method is a plain-text
 * 404), and its features register more routes than the API publishes; this filter makes the
 * published operations the whole surface.
 *
 * <p>An operation that requires an API key runs only after {@link KeyCheck} accepted the request's
 * bearer token (401 or 403 otherwise, before the handler reads the body).
 *
 * <p>It also times each request into {@value #REQUESTS_TIMER}, tagged with the method, the path
 * template (not the raw path, to bound the number of series) and the status, refused ones included.
 */
final class RouteGate implements Filter {
  static final String REQUESTS_TIMER = "http.server.requests";
  private static final String UNMATCHED = "unmatched";

  private final RouteTable routes;
  private final MeterRegistry meters;
  private final Optional<KeyCheck> keys;

  /**
   * @param keys the key check; may be empty only when no operation of {@code routes} requires a
   *     scope
   */
  RouteGate(RouteTable routes, MeterRegistry meters, Optional<KeyCheck> keys) {
    if (keys.isEmpty() && !routes.scopes().isEmpty()) {
      throw new IllegalArgumentException(
          "operations " + routes.scopes().keySet() + " require API keys but nothing checks them");
    }
    this.routes = routes;
    this.meters = meters;
    this.keys = keys;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
    Timer.Sample sample = Timer.start(meters);
    Method method = request.prologue().method();
    String path = request.prologue().uriPath().path();
    String template = UNMATCHED;
    Status status = Status.INTERNAL_SERVER_ERROR_500;
    try {
      switch (routes.match(method, request.prologue().uriPath())) {
        case RouteTable.Match.Routed routed -> {
          template = routed.path();
          if (routed.scope().isPresent()) {
            try {
              keys.orElseThrow()
                  .require(
                      routed.scope().get(), request.headers(), new Operation(method, template));
            } catch (ApiException refused) {
              status = refused.code().status();
              throw refused;
            }
          }
          chain.proceed();
          // error handlers run inside the chain, so the status is final here
          status = response.status();
        }
        case RouteTable.Match.UnknownPath unknown -> {
          status = ErrorCode.NOT_FOUND.status();
          throw new ApiException(
              ErrorCode.NOT_FOUND,
              "There is no resource at " + path + ".",
              Map.of("method", method.text(), "path", path));
        }
        case RouteTable.Match.WrongMethod wrong -> {
          template = wrong.path();
          status = ErrorCode.METHOD_NOT_ALLOWED.status();
          List<String> allowed = wrong.allowed().stream().map(Method::text).toList();
          throw new ApiException(
              ErrorCode.METHOD_NOT_ALLOWED,
              method.text() + " is not allowed on " + path + "; use " + allowed + ".",
              Map.of("method", method.text(), "path", path, "allowed", allowed),
              HeaderValues.create(HeaderNames.ALLOW, String.join(", ", allowed)));
        }
      }
    } finally {
      sample.stop(
          meters.getOrCreate(
              Timer.builder(REQUESTS_TIMER)
                  .tags(
                      List.of(
                          Tag.create("method", method.text()),
                          Tag.create("route", template),
                          Tag.create("status", String.valueOf(status.code()))))));
    }
  }
}
