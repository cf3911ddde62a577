package io.naap.api;

import io.helidon.health.HealthCheck;
import io.helidon.http.Method;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.spi.ServerFeature;
import io.naap.api.auth.Authenticator;
import io.naap.api.error.JsonErrors;
import io.naap.api.health.HealthEndpoint;
import io.naap.storage.auth.KeyScope;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The naap HTTP API: a Helidon SE WebServer with blocking handlers on virtual threads.
 *
 * <p>It serves {@code GET /health} (with {@code /health/ready} and {@code /health/live}), {@code
 * GET /metrics} (Prometheus text), {@code GET /openapi} (the published API document) and the
 * operations of the feature services, and nothing else: every other request, and every failure,
 * gets the JSON error shape of {@link io.naap.api.error.ErrorCode}. Operations that require an API
 * key scope (every one that can change state) run only for a request with a valid key of that scope
 * or of the admin scope.
 *
 * <p>Built by the composition root; nothing happens until {@link #start()}.
 */
public final class ApiServer {
  static final String HEALTH = "/health";
  static final String METRICS = "/metrics";
  static final String OPENAPI = "/openapi";
  static final String OPENAPI_DOCUMENT = "META-INF/openapi.yaml";

  /**
   * Operations served by Helidon's observe and OpenAPI features rather than by an {@link Endpoint}.
   */
  static final List<Operation> BUILT_IN_OPERATIONS =
      List.of(
          new Operation(Method.GET, HEALTH),
          new Operation(Method.GET, HEALTH + "/ready"),
          new Operation(Method.GET, HEALTH + "/live"),
          new Operation(Method.GET, METRICS),
          new Operation(Method.GET, OPENAPI));

  private static final System.Logger LOGGER = System.getLogger(ApiServer.class.getName());

  private final ApiSettings settings;
  private final MeterRegistry meters;
  private final List<HealthCheck> readinessChecks;
  private final List<Endpoint> endpoints;
  private final Optional<Authenticator> authenticator;
  private final RouteTable routes;
  private final Lock lifecycle = new ReentrantLock();
  private WebServer running; // guarded by lifecycle

  /**
   * A server whose operations are all open to everyone.
   *
   * @throws IllegalArgumentException as the constructor with an {@link Authenticator} does, and
   *     when an endpoint requires an API key
   */
  public ApiServer(
      ApiSettings settings,
      MeterRegistry meters,
      List<HealthCheck> readinessChecks,
      List<Endpoint> endpoints) {
    this(settings, meters, readinessChecks, endpoints, Optional.empty());
  }

  /**
   * @param settings where to listen
   * @param meters the registry {@code /metrics} exposes and request timings go to; other modules
   *     may register their meters in it too
   * @param readinessChecks checks reported by {@code /health} and {@code /health/ready}, such as
   *     "database" and "chain"; each is registered as a readiness check and limited by {@link
   *     ApiSettings#healthCheckTimeout()}
   * @param endpoints the operations of the feature services
   * @param keys checks the bearer token of every request to an endpoint that requires an API key
   *     scope (such as {@link io.naap.api.auth.ApiKeys})
   * @throws IllegalArgumentException when two endpoints, or an endpoint and a built-in route, share
   *     a method and path
   */
  public ApiServer(
      ApiSettings settings,
      MeterRegistry meters,
      List<HealthCheck> readinessChecks,
      List<Endpoint> endpoints,
      Authenticator keys) {
    this(settings, meters, readinessChecks, endpoints, Optional.of(keys));
  }

  private ApiServer(
      ApiSettings settings,
      MeterRegistry meters,
      List<HealthCheck> readinessChecks,
      List<Endpoint> endpoints,
      Optional<Authenticator> authenticator) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.readinessChecks = List.copyOf(readinessChecks);
    this.endpoints = List.copyOf(endpoints);
    this.authenticator = authenticator;
    this.routes = RouteTable.of(operations(this.endpoints), scopes(this.endpoints));
    if (authenticator.isEmpty() && !routes.scopes().isEmpty()) {
      throw new IllegalArgumentException(
          "operations "
              + routes.scopes().keySet()
              + " require API keys: give the server an Authenticator that checks them");
    }
  }

  /**
   * Binds and starts serving.
   *
   * @return the bound port (the chosen one when {@link ApiSettings#port()} is 0)
   * @throws ApiServerException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public int start() {
    lifecycle.lock();
    try {
      if (running != null) {
        throw new IllegalStateException(
            "the API server is already running on port " + running.port());
      }
      WebServerConfig.Builder config = WebServer.builder();
      configure(config);
      WebServer server = config.build();
      try {
        server.start();
      } catch (RuntimeException e) {
        throw cannotListen(rootMessage(e), e);
      }
      if (!server.isRunning()) {
        // Helidon logs a listener that fails to bind (address in use, no such address) and stops
        throw cannotListen("the listener did not start, see the log above", null);
      }
      running = server;
      LOGGER.log(
          Level.INFO,
          "naap API listening on http://{0}:{1,number,#}",
          settings.host(),
          server.port());
      return server.port();
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops serving; does nothing when not running. */
  public void stop() {
    lifecycle.lock();
    try {
      if (running != null) {
        running.stop();
        running = null;
      }
    } finally {
      lifecycle.unlock();
    }
  }

  /** Listener, features and routing of the server; tests with a real socket use this too. */
  void configure(WebServerConfig.Builder server) {
    server
        .host(settings.host())
        .port(settings.port())
        .shutdownHook(false)
        .directHandlers(JsonErrors.directHandlers())
        .routing(this::routing);
    addFeatures(server);
  }

  /**
   * Health, metrics and OpenAPI, served by Helidon features; only these, not whatever the service
   * loader finds on the class path. Routing-level tests use this with {@link #routing}.
   */
  void addFeatures(WebServerConfig.Builder server) {
    server.featuresDiscoverServices(false).features(features());
  }

  private List<ServerFeature> features() {
    ObserveFeature observe =
        ObserveFeature.builder()
            .observersDiscoverServices(false)
            .addObserver(
                HealthEndpoint.observer(HEALTH, readinessChecks, settings.healthCheckTimeout()))
            .addObserver(MetricsObserver.builder().endpoint(METRICS).meterRegistry(meters).build())
            .build();
    OpenApiFeature openApi =
        OpenApiFeature.builder()
            .webContext(OPENAPI)
            .staticFile(OPENAPI_DOCUMENT)
            .servicesDiscoverServices(false)
            .managerDiscoverServices(false)
            .build();
    return List.of(observe, openApi);
  }

  /** The gate for unpublished operations, the JSON error handler and the feature endpoints. */
  void routing(HttpRouting.Builder routing) {
    routing
        .addFilter(new RouteGate(routes, meters, authenticator.map(KeyCheck::new)))
        .error(Throwable.class, JsonErrors.errorHandler())
        .addFeature(new OpenApiFallback(OPENAPI));
    endpoints.forEach(
        endpoint -> routing.route(endpoint.method(), endpoint.path(), endpoint.handler()));
  }

  RouteTable routes() {
    return routes;
  }

  private static Map<Operation, KeyScope> scopes(List<Endpoint> endpoints) {
    Map<Operation, KeyScope> scopes = new HashMap<>();
    endpoints.forEach(
        endpoint -> endpoint.scope().ifPresent(scope -> scopes.put(endpoint.operation(), scope)));
    return scopes;
  }

  private static List<Operation> operations(List<Endpoint> endpoints) {
    List<Operation> operations = new ArrayList<>(BUILT_IN_OPERATIONS);
    endpoints.forEach(endpoint -> operations.add(endpoint.operation()));
    return operations;
  }

  private ApiServerException cannotListen(String reason, Throwable cause) {
    return new ApiServerException(
        "cannot serve the API on "
            + settings.host()
            + ":"
            + settings.port()
            + " ("
            + reason
            + "); set api.host and api.port to a free local address,"
            + " or api.port to 0 for any free port",
        cause);
  }

  private static String rootMessage(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
  }
}
