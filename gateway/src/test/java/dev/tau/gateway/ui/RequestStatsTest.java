package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.testkit.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestStatsTest {
  private static final long MS = 1_000_000;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00.200Z"));
  private final RequestStats stats = new RequestStats(clock);

  @Test
  void anEmptyWindowHasSixtyZeroSeconds() {
    JsonNode window = stats.toJson();

    assertThat(window.path("window_seconds").asInt()).isEqualTo(60);
    assertThat(window.path("requests")).hasSize(60).allMatch(n -> n.asLong() == 0);
    assertThat(window.path("total_requests").asLong()).isZero();
    assertThat(window.path("avg_ms_overall").asDouble()).isZero();
    assertThat(window.path("end_unix_ms").asLong())
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void countsRequestsOfTheCurrentSecondInTheLastSlotWithAverageAndSlowest() {
    stats.record(200, 2 * MS);
    stats.record(200, 4 * MS);
    stats.record(404, 6 * MS);
    stats.record(502, 8 * MS);

    JsonNode window = stats.toJson();
    assertThat(window.path("requests").get(59).asLong()).isEqualTo(4);
    assertThat(window.path("client_errors").get(59).asLong()).isEqualTo(1);
    assertThat(window.path("server_errors").get(59).asLong()).isEqualTo(1);
    assertThat(window.path("avg_ms").get(59).asDouble()).isEqualTo(5.0);
    assertThat(window.path("max_ms").get(59).asDouble()).isEqualTo(8.0);
    assertThat(window.path("total_requests").asLong()).isEqualTo(4);
    assertThat(window.path("total_client_errors").asLong()).isEqualTo(1);
    assertThat(window.path("total_server_errors").asLong()).isEqualTo(1);
  }

  @Test
  void olderSecondsMoveLeftAndFallOutAfterSixtySeconds() {
    stats.record(200, MS);
    clock.advance(Duration.ofSeconds(3));
    stats.record(200, 3 * MS);
    stats.record(200, 5 * MS);

    JsonNode window = stats.toJson();
    assertThat(window.path("requests").get(56).asLong()).isEqualTo(1);
    assertThat(window.path("requests").get(59).asLong()).isEqualTo(2);
    assertThat(window.path("avg_ms_overall").asDouble()).isEqualTo(3.0);
    assertThat(window.path("max_ms_overall").asDouble()).isEqualTo(5.0);

    clock.advance(Duration.ofSeconds(57));
    assertThat(stats.toJson().path("total_requests").asLong())
        .as("the first second has left the window")
        .isEqualTo(2);
    clock.advance(Duration.ofSeconds(3));
    assertThat(stats.toJson().path("total_requests").asLong()).isZero();
  }

  @Test
  void aSlotReusedAMinuteLaterStartsFromZero() {
    stats.record(500, 9 * MS);
    clock.advance(Duration.ofSeconds(60));
    stats.record(200, MS);

    JsonNode window = stats.toJson();
    assertThat(window.path("requests").get(59).asLong()).isEqualTo(1);
    assertThat(window.path("server_errors").get(59).asLong()).isZero();
    assertThat(window.path("max_ms").get(59).asDouble()).isEqualTo(1.0);
  }
}
