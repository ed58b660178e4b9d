package dev.tau.gateway.metrics;

import dev.tau.gateway.http.RequestObserver;
import dev.tau.gateway.http.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's request metrics, exposed as Prometheus text format 0.0.4 on {@code GET /metrics}.
 * As a {@link RequestObserver} it counts every finished request by route pattern, method and status
 * and records its latency in a histogram; gauges and counters kept elsewhere (in-flight requests,
 * auth failures, rate-limited requests, live sessions) are read when scraped ({@link Gauges}).
 *
 * <p>Labels use the route <em>pattern</em> ({@code /v1/responses/{id}}), never the raw path, so the
 * number of series stays bounded whatever callers send. Recording is lock-free.
 */
public final class GatewayMetrics implements RequestObserver {
  /** The Prometheus text exposition content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Latency bucket upper bounds in seconds; streams may run long, hence the wide top end. */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
  };

  /** What the scrape reads from the rest of the gateway. */
  public record Gauges(
      LongSupplier inFlight,
      LongSupplier authFailures,
      LongSupplier rateLimited,
      LongSupplier activeSessions) {
    public Gauges {
      Objects.requireNonNull(inFlight, "inFlight");
      Objects.requireNonNull(authFailures, "authFailures");
      Objects.requireNonNull(rateLimited, "rateLimited");
      Objects.requireNonNull(activeSessions, "activeSessions");
    }
  }

  private record RequestKey(String route, String method, int status) {}

  private record RouteKey(String route, String method) {}

  private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<RouteKey, Histogram> latency = new ConcurrentHashMap<>();

  @Override
  public void completed(Route route, int status, long durationNanos) {
    String method = route.method().text();
    requests
        .computeIfAbsent(new RequestKey(route.path(), method, status), k -> new LongAdder())
        .increment();
    latency
        .computeIfAbsent(new RouteKey(route.path(), method), k -> new Histogram())
        .record(Math.max(0, durationNanos));
  }

  /** Requests counted so far for one route pattern, method and status (for tests and status). */
  public long requestCount(String route, String method, int status) {
    LongAdder adder = requests.get(new RequestKey(route, method, status));
    return adder == null ? 0 : adder.sum();
  }

  /** The exposition text, with the gauges read now. */
  public String scrape(Gauges gauges) {
    StringBuilder out = new StringBuilder(4096);
    header(
        out,
        "tau_gateway_http_requests_total",
        "counter",
        "HTTP requests finished, by route pattern, method and status code.");
    List<Map.Entry<RequestKey, LongAdder>> counted =
        requests.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<RequestKey, LongAdder> e) -> e.getKey().route())
                    .thenComparing(e -> e.getKey().method())
                    .thenComparingInt(e -> e.getKey().status()))
            .toList();
    for (var e : counted) {
      out.append("tau_gateway_http_requests_total{route=\"")
          .append(escape(e.getKey().route()))
          .append("\",method=\"")
          .append(e.getKey().method())
          .append("\",status=\"")
          .append(e.getKey().status())
          .append("\"} ")
          .append(e.getValue().sum())
          .append('\n');
    }

    header(
        out,
        "tau_gateway_http_request_duration_seconds",
        "histogram",
        "Time from request start to the end of the response (whole stream for SSE).");
    List<Map.Entry<RouteKey, Histogram>> timed =
        latency.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<RouteKey, Histogram> e) -> e.getKey().route())
                    .thenComparing(e -> e.getKey().method()))
            .toList();
    for (var e : timed) {
      String labels =
          "route=\"" + escape(e.getKey().route()) + "\",method=\"" + e.getKey().method() + "\"";
      e.getValue().write(out, "tau_gateway_http_request_duration_seconds", labels);
    }

    sample(
        out,
        "tau_gateway_http_requests_in_flight",
        "gauge",
        "Requests and streams being served now (this scrape included).",
        gauges.inFlight().getAsLong());
    sample(
        out,
        "tau_gateway_auth_failures_total",
        "counter",
        "Requests refused for a missing or invalid bearer token.",
        gauges.authFailures().getAsLong());
    sample(
        out,
        "tau_gateway_rate_limited_requests_total",
        "counter",
        "Requests refused with 429 by the per-principal rate limit.",
        gauges.rateLimited().getAsLong());
    sample(
        out,
        "tau_gateway_auth_sessions_active",
        "gauge",
        "Live password-session bearer tokens.",
        gauges.activeSessions().getAsLong());
    return out.toString();
  }

  static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String type, String help, long value) {
    header(out, name, type, help);
    out.append(name).append(' ').append(value).append('\n');
  }

  /** A float the way Prometheus prints it: no exponent for our ranges, no trailing ".0". */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Label-value escaping of the exposition format: backslash, double quote and newline. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
