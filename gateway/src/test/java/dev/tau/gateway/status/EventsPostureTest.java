package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsPostureTest {
  /** 2025-10-09T09:06:40Z, a Thursday. */
  static final long NOW = 1_760_000_800_000L;

  @TempDir Path root;

  Path events() {
    return root.resolve("events");
  }

  void write(String name, String json) throws Exception {
    Files.createDirectories(events());
    Files.writeString(events().resolve(name), json);
  }

  @Test
  void neitherDirectoryNorStateMeansNotConfiguredAndPasses() {
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.PASS);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_NOT_CONFIGURED);
    assertThat(r.statePresent()).isFalse();
    assertThat(r.diagnostics()).singleElement().asString().startsWith("events_not_configured");
    assertThat(r.toJson().path("reason_code").asString()).isEqualTo("events_not_configured");
  }

  @Test
  void emptyDirectoryIsHealthyWithNoneDiscovered() throws Exception {
    Files.createDirectories(events());
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_NONE_DISCOVERED);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.PASS);
  }

  @Test
  void validDefinitionsAreReadyAndCountedByDueness() throws Exception {
    write(
        "now.json",
        "{\"id\":\"a\",\"channel\":\"telegram/1\",\"schedule\":{\"type\":\"immediate\"}}");
    write(
        "past.json",
        "{\"id\":\"b\",\"channel\":\"c\",\"schedule\":{\"type\":\"at\",\"at_unix_ms\":"
            + (NOW - 1)
            + "}}");
    write(
        "future.json",
        "{\"id\":\"c\",\"channel\":\"c\",\"schedule\":{\"type\":\"at\",\"at_unix_ms\":"
            + (NOW + 60_000)
            + "}}");
    write(
        "stale.json",
        "{\"id\":\"d\",\"channel\":\"c\",\"created_unix_ms\":"
            + (NOW - EventsPosture.STALE_IMMEDIATE_MS - 1)
            + ",\"schedule\":{\"type\":\"immediate\"}}");
    write(
        "off.json",
        "{\"id\":\"e\",\"channel\":\"c\",\"enabled\":false,\"schedule\":{\"type\":\"immediate\"}}");
    write("state.json", "{\"recent_executions\":[]}");

    EventsReport r = EventsPosture.evaluate(events(), NOW);

    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_READY);
    assertThat(r.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(r.statePresent()).isTrue();
    assertThat(r.discoveredEvents()).isEqualTo(5); // state.json is not a definition
    assertThat(r.enabledEvents()).isEqualTo(4);
    assertThat(r.dueNowEvents()).isEqualTo(2);
    assertThat(r.queuedNowEvents()).isEqualTo(2);
    assertThat(r.notDueEvents()).isEqualTo(1);
    assertThat(r.staleImmediateEvents()).isEqualTo(1);
    assertThat(r.malformedEvents()).isZero();
  }

  @Test
  void periodicEventsAreDueWhenTheCronMatchesThisMinuteInTheirTimeZone() throws Exception {
    // 09:06 UTC is 11:06 in Berlin (CEST)
    write(
        "berlin.json",
        "{\"id\":\"p\",\"channel\":\"c\",\"schedule\":{\"type\":\"periodic\",\"cron\":\"6 11 * * *\","
            + "\"timezone\":\"Europe/Berlin\"}}");
    write(
        "utc.json",
        "{\"id\":\"q\",\"channel\":\"c\",\"schedule\":{\"type\":\"periodic\",\"cron\":\"0 */5 * * * *\"}}");
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(Instant.ofEpochMilli(NOW).toString()).isEqualTo("2025-10-09T09:06:40Z");
    assertThat(r.dueNowEvents()).isEqualTo(1);
    assertThat(r.notDueEvents()).isEqualTo(1);
  }

  @Test
  void queuedEventsAreCappedAtTheQueueLimit() throws Exception {
    for (int i = 0; i < 70; i++) {
      write(
          "e" + i + ".json",
          "{\"id\":\"e" + i + "\",\"channel\":\"c\",\"schedule\":{\"type\":\"immediate\"}}");
    }
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.dueNowEvents()).isEqualTo(70);
    assertThat(r.queuedNowEvents()).isEqualTo(EventsPosture.QUEUE_LIMIT);
  }

  @Test
  void aMalformedDefinitionDegradesAndHolds() throws Exception {
    write("ok.json", "{\"id\":\"a\",\"channel\":\"c\",\"schedule\":{\"type\":\"immediate\"}}");
    write("bad-json.json", "{not json");
    write(
        "bad-cron.json",
        "{\"id\":\"b\",\"channel\":\"c\",\"schedule\":{\"type\":\"periodic\",\"cron\":\"61 * * * *\"}}");
    write(
        "bad-type.json", "{\"id\":\"c\",\"channel\":\"c\",\"schedule\":{\"type\":\"sometimes\"}}");
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_MALFORMED_DEFINITIONS);
    assertThat(r.malformedEvents()).isEqualTo(3);
    assertThat(r.diagnostics())
        .anySatisfy(d -> assertThat(d).contains("bad-cron.json").contains("minute"))
        .anySatisfy(d -> assertThat(d).contains("bad-type.json").contains("sometimes"));
  }

  @Test
  void aFailedExecutionInTheHistoryOverridesMalformedDefinitions() throws Exception {
    write("bad.json", "[]");
    write(
        "state.json",
        "{\"recent_executions\":["
            + "{\"timestamp_unix_ms\":10,\"outcome\":\"executed\",\"reason_code\":\"event_executed\"},"
            + "{\"timestamp_unix_ms\":30,\"outcome\":\"failed\",\"reason_code\":\"event_failed\"},"
            + "{\"timestamp_unix_ms\":20,\"outcome\":\"skipped\",\"reason_code\":\"event_skipped\"}]}");
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_RECENT_FAILURES);
    assertThat(r.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.executionHistoryEntries()).isEqualTo(3);
    assertThat(r.executedHistoryEntries()).isEqualTo(1);
    assertThat(r.failedHistoryEntries()).isEqualTo(1);
    assertThat(r.skippedHistoryEntries()).isEqualTo(1);
    assertThat(r.lastExecutionUnixMs()).isEqualTo(30);
    assertThat(r.lastExecutionReasonCode()).isEqualTo("event_failed");
  }

  @Test
  void anUnparsableStateFileFailsEvenWhenNoDefinitionExists() throws Exception {
    write("state.json", "{broken");
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_STATE_PARSE_FAILED);
    assertThat(r.diagnostics())
        .anySatisfy(d -> assertThat(d).startsWith("events_state_parse_failed:"));
  }

  @Test
  void anEventsPathThatIsNotADirectoryFails() throws Exception {
    Files.writeString(events(), "a file, not a directory");
    EventsReport r = EventsPosture.evaluate(events(), NOW);
    assertThat(r.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(r.reasonCode()).isEqualTo(EventsReasonCode.EVENTS_DIR_READ_FAILED);
  }
}
