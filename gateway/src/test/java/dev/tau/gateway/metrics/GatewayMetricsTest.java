package dev.tau.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Route;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  static final Route STATUS = new Route(Method.GET, "/gateway/status", Access.PROTECTED, false);
  static final Route CHAT = new Route(Method.POST, "/cortex/chat", Access.PROTECTED, true);

  final GatewayMetrics metrics = new GatewayMetrics();
  final GatewayMetrics.Gauges gauges =
      new GatewayMetrics.Gauges(() -> 2, () -> 5, () -> 1, () -> 0);

  @Test
  void requestsAreCountedByRoutePatternMethodAndStatus() {
    metrics.completed(STATUS, 200, 1_000_000);
    metrics.completed(STATUS, 200, 1_000_000);
    metrics.completed(STATUS, 401, 1_000_000);
    metrics.completed(CHAT, 200, 2_000_000_000L);
    String text = metrics.scrape(gauges);
    assertThat(text)
        .contains("# TYPE tau_gateway_http_requests_total counter\n")
        .contains(
            "tau_gateway_http_requests_total{route=\"/gateway/status\",method=\"GET\",status=\"200\"} 2\n")
        .contains(
            "tau_gateway_http_requests_total{route=\"/gateway/status\",method=\"GET\",status=\"401\"} 1\n")
        .contains(
            "tau_gateway_http_requests_total{route=\"/cortex/chat\",method=\"POST\",status=\"200\"} 1\n");
    assertThat(metrics.requestCount("/gateway/status", "GET", 200)).isEqualTo(2);
  }

  @Test
  void latencyIsACumulativeHistogramWithSumAndCount() {
    metrics.completed(STATUS, 200, 300_000); // 0.3 ms
    metrics.completed(STATUS, 200, 3_000_000); // 3 ms
    metrics.completed(STATUS, 200, 400_000_000_000L); // 400 s: beyond every finite bucket
    String text = metrics.scrape(gauges);
    String labels = "route=\"/gateway/status\",method=\"GET\"";
    assertThat(text)
        .contains("# TYPE tau_gateway_http_request_duration_seconds histogram\n")
        .contains(
            "tau_gateway_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0005\"} 1\n")
        .contains(
            "tau_gateway_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0025\"} 1\n")
        .contains(
            "tau_gateway_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 2\n")
        .contains("tau_gateway_http_request_duration_seconds_bucket{" + labels + ",le=\"300\"} 2\n")
        .contains(
            "tau_gateway_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n")
        .contains("tau_gateway_http_request_duration_seconds_sum{" + labels + "} 400.0033\n")
        .contains("tau_gateway_http_request_duration_seconds_count{" + labels + "} 3\n");
  }

  @Test
  void gaugesAndCountersKeptElsewhereAreReadAtScrapeTime() {
    String text = metrics.scrape(gauges);
    assertThat(text)
        .contains(
            "# TYPE tau_gateway_http_requests_in_flight gauge\ntau_gateway_http_requests_in_flight 2\n")
        .contains(
            "# TYPE tau_gateway_auth_failures_total counter\ntau_gateway_auth_failures_total 5\n")
        .contains("tau_gateway_rate_limited_requests_total 1\n")
        .contains("tau_gateway_auth_sessions_active 0\n");
  }

  @Test
  void everySampleLineIsWellFormedExpositionText() {
    metrics.completed(STATUS, 200, 1_000);
    for (String line : metrics.scrape(gauges).split("\n")) {
      assertThat(line)
          .matches(
              "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? [0-9.]+");
    }
  }

  @Test
  void labelValuesAreEscaped() {
    assertThat(GatewayMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    assertThat(GatewayMetrics.number(0.0005)).isEqualTo("0.0005");
    assertThat(GatewayMetrics.number(60)).isEqualTo("60");
  }
}
