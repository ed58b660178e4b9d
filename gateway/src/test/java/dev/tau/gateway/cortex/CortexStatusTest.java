package dev.tau.gateway.cortex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The classification table of tau-spec §2.9.2, row by row. */
class CortexStatusTest {
  static final long NOW = 1_760_000_000_000L;

  @TempDir Path dir;

  Path log() {
    return CortexObserverLog.defaultPath(dir);
  }

  CortexStatus status() {
    return CortexStatus.classify(
        new CortexObserverLog(log(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).scan(),
        NOW);
  }

  void lines(String... lines) throws Exception {
    Files.createDirectories(log().getParent());
    Files.writeString(log(), String.join("\n", lines) + "\n");
  }

  static String event(String type, long at) {
    return "{\"schema_version\":1,\"timestamp_unix_ms\":"
        + at
        + ",\"event_type\":\""
        + type
        + "\",\"metadata\":{}}";
  }

  void expect(HealthState state, CortexReasonCode code) {
    CortexStatus s = status();
    assertThat(s.healthState()).isEqualTo(state);
    assertThat(s.reasonCode()).isEqualTo(code);
    assertThat(s.rolloutGate())
        .isEqualTo(code == CortexReasonCode.CORTEX_READY ? RolloutGate.PASS : RolloutGate.HOLD);
  }

  @Test
  void aMissingLogIsFailingWithObserverEventsMissing() {
    expect(HealthState.FAILING, CortexReasonCode.CORTEX_OBSERVER_EVENTS_MISSING);
    JsonNode json = status().toJson();
    assertThat(json.path("state_present").asBoolean()).isFalse();
    assertThat(json.path("reason_code").asString()).isEqualTo("cortex_observer_events_missing");
    assertThat(json.path("diagnostics").get(0).asString())
        .isEqualTo("cortex_observer_events_missing:" + log());
  }

  @Test
  void anUnreadableLogIsFailingWithReadFailed() throws Exception {
    Files.createDirectories(log()); // a directory where the file should be
    expect(HealthState.FAILING, CortexReasonCode.CORTEX_OBSERVER_EVENTS_READ_FAILED);
  }

  @Test
  void onlyMalformedLinesIsFailingWithMalformed() throws Exception {
    lines("not json", "{\"event_type\":\"  \"}");
    expect(HealthState.FAILING, CortexReasonCode.CORTEX_OBSERVER_EVENTS_MALFORMED);
    assertThat(status().scan().diagnostics())
        .containsExactly(
            "cortex_observer_event_malformed_line:1", "cortex_observer_event_type_missing_line:2");
  }

  @Test
  void anEmptyLogIsDegradedWithEmpty() throws Exception {
    lines("", "  ");
    expect(HealthState.DEGRADED, CortexReasonCode.CORTEX_OBSERVER_EVENTS_EMPTY);
    assertThat(status().scan().diagnostics())
        .containsExactly("cortex_observer_events_empty:" + log());
  }

  @Test
  void someMalformedLinesAmongValidOnesIsDegradedWithMalformed() throws Exception {
    lines(event("cortex.chat.request", NOW), "{oops");
    expect(HealthState.DEGRADED, CortexReasonCode.CORTEX_OBSERVER_EVENTS_MALFORMED);
  }

  @Test
  void activityWithoutAnyCortexChatIsDegradedWithChatActivityMissing() throws Exception {
    lines(event("session.append", NOW), event("memory.write", NOW));
    expect(HealthState.DEGRADED, CortexReasonCode.CORTEX_CHAT_ACTIVITY_MISSING);
  }

  @Test
  void eventsWithoutTimestampsAreDegradedWithLastEventUnknown() throws Exception {
    lines("{\"event_type\":\"cortex.chat.request\"}");
    expect(HealthState.DEGRADED, CortexReasonCode.CORTEX_OBSERVER_LAST_EVENT_UNKNOWN);
    assertThat(status().toJson().path("last_event_age_seconds").isNull()).isTrue();
  }

  @Test
  void aChatOlderThanSixHoursIsDegradedWithStale() throws Exception {
    lines(event("cortex.chat.request", NOW - (CortexStatus.STALE_AFTER_SECONDS + 1) * 1000));
    expect(HealthState.DEGRADED, CortexReasonCode.CORTEX_OBSERVER_EVENTS_STALE);
  }

  @Test
  void aChatExactlySixHoursOldIsStillReady() throws Exception {
    lines(event("cortex.chat.request", NOW - CortexStatus.STALE_AFTER_SECONDS * 1000));
    expect(HealthState.HEALTHY, CortexReasonCode.CORTEX_READY);
  }

  @Test
  void aRecentChatOnACleanLogIsHealthyAndPasses() throws Exception {
    lines(
        event("session.append", NOW - 5_000),
        event(" cortex.chat.request ", NOW - 2_500),
        event("session.append", NOW - 9_000));
    expect(HealthState.HEALTHY, CortexReasonCode.CORTEX_READY);
    JsonNode json = status().toJson();
    assertThat(json.path("total_events").asInt()).isEqualTo(3);
    assertThat(json.path("invalid_events").asInt()).isZero();
    assertThat(json.path("last_event_unix_ms").asLong()).isEqualTo(NOW - 2_500);
    assertThat(json.path("last_event_age_seconds").asLong()).isEqualTo(2);
    assertThat(json.path("event_type_counts").path("cortex.chat.request").asInt()).isEqualTo(1);
    assertThat(json.path("event_type_counts").path("session.append").asInt()).isEqualTo(2);
    assertThat(json.path("recent_events").get(1).path("event_type").asString())
        .isEqualTo("cortex.chat.request");
    assertThat(status().summaryLine())
        .contains("health_state=healthy")
        .contains("reason_code=cortex_ready")
        .contains("top_event_types=session.append:2,cortex.chat.request:1");
  }

  @Test
  void onlyTheLast32RecordsAreShownAndLineDiagnosticsAreCapped() throws Exception {
    String[] many = new String[60];
    for (int i = 0; i < 40; i++) {
      many[i] = event("t" + i, NOW);
    }
    for (int i = 40; i < 60; i++) {
      many[i] = "garbage " + i;
    }
    lines(many);
    Files.writeString(log(), "x\nx\nx\n", java.nio.file.StandardOpenOption.APPEND);
    CortexStatus s = status();
    assertThat(s.scan().recentEvents()).hasSize(CortexObserverLog.RECENT_EVENTS);
    assertThat(s.scan().recentEvents().getLast().path("event_type").asString()).isEqualTo("t39");
    assertThat(s.scan().invalidEvents()).isEqualTo(23);
    assertThat(s.scan().diagnostics())
        .hasSize(CortexObserverLog.MAX_LINE_DIAGNOSTICS + 1)
        .last()
        .isEqualTo("cortex_observer_event_diagnostics_truncated:3");
  }
}
