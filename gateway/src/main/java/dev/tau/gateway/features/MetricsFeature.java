package dev.tau.gateway.features;

import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.ErrorCode;
import dev.tau.gateway.http.RequestObserver;
import dev.tau.gateway.http.Route;
import dev.tau.gateway.http.RouteTable;
import dev.tau.gateway.metrics.AgentMetrics;
import dev.tau.gateway.metrics.GatewayMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code GET /metrics}: Prometheus text format 0.0.4 ({@link GatewayMetrics} for requests, {@link
 * AgentMetrics} for turns, tools, tokens and errors). As a {@link RequestObserver} in the feature
 * list, the server tells it about every finished request whichever {@code GatewayServer.start} is
 * used. Protected like every other data route: in token and password-session modes the scraper
 * sends the bearer (Prometheus {@code authorization.credentials} or {@code bearer_token_file}) and
 * shares its principal's rate limit.
 */
public final class MetricsFeature implements GatewayFeature, RequestObserver {
  /** The label of requests that matched no registered route. */
  public static final String UNMATCHED = "(unmatched)";

  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final GatewayMetrics metrics = new GatewayMetrics();
  private volatile AgentMetrics agentMetrics = new AgentMetrics();
  private volatile RouteTable table;
  private volatile Set<Route> registered;

  @Override
  public void completed(Route route, int status, long durationNanos) {
    metrics.completed(labelled(route), status, durationNanos);
  }

  @Override
  public void failed(Route route, ErrorCode code) {
    agentMetrics.error(code);
  }

  /**
   * The route itself when registered; otherwise one shared {@value #UNMATCHED} route, so requests
   * to random paths (or with made-up methods) cannot create new series without bound.
   */
  private Route labelled(Route route) {
    Set<Route> known = registered;
    if (known == null && table != null) {
      // requests arrive only after every feature has registered, so the table is complete
      known = Set.copyOf(table.routes());
      registered = known;
    }
    if (known != null && known.contains(route)) {
      return route;
    }
    String method = route.method().text();
    return new Route(
        STANDARD_METHODS.contains(method) ? route.method() : Method.create("OTHER"),
        UNMATCHED,
        route.access(),
        false);
  }

  /** The metrics this feature records and serves. */
  public GatewayMetrics metrics() {
    return metrics;
  }

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    this.table = routes;
    this.agentMetrics = AgentMetrics.of(context);
    AgentMetrics agent = agentMetrics;
    GatewayMetrics.Gauges gauges =
        new GatewayMetrics.Gauges(
            () -> context.drain().inFlight(),
            () -> context.authenticator().failureCount(),
            () -> context.rateLimiter().limitedCount(),
            () -> context.authenticator().sessions().activeCount());
    routes.get(
        "/metrics",
        Access.PROTECTED,
        exchange -> {
          var response = exchange.response();
          response.status(Status.OK_200);
          response.header(HeaderNames.CONTENT_TYPE, GatewayMetrics.CONTENT_TYPE);
          response.header(HeaderNames.CACHE_CONTROL, "no-store");
          StringBuilder text = new StringBuilder(metrics.scrape(gauges));
          agent.scrape(text);
          response.send(text.toString().getBytes(StandardCharsets.UTF_8));
        });
  }
}
