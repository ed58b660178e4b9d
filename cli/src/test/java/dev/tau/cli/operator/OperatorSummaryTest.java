package dev.tau.cli.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The tables and aggregation rules of the operator control summary (tau-spec §3.3). */
class OperatorSummaryTest {
  static final List<String> RUNNERS =
      List.of("dashboard", "multi-channel", "multi-agent", "deployment", "custom-command", "voice");

  @TempDir Path work;
  final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));

  Path tau() {
    return work.resolve(".tau");
  }

  OperatorSummaryReport build() {
    return OperatorSummary.build(
        OperatorSummary.Locations.under(work, tau().resolve("gateway")), clock);
  }

  OperatorSummaryReport.Component component(OperatorSummaryReport r, String name) {
    return r.components().stream()
        .filter(c -> c.component().equals(name))
        .findFirst()
        .orElseThrow();
  }

  void write(String relative, String content) throws Exception {
    Path file = tau().resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  void everythingHealthy() throws Exception {
    for (String name : RUNNERS) {
      write(name + "/state.json", "{\"schema_version\":1,\"health\":{\"failure_streak\":0}}");
    }
    new GatewayStateFile(tau().resolve("gateway"), clock).markStarted();
    write(
        "daemon/state.json", "{\"installed\":true,\"running\":true,\"profile\":\"systemd-user\"}");
    write("release-channel.json", "{\"channel\":\"stable\"}");
  }

  @Test
  void aFreshGatewayOnlyMachineIsFailingAndHoldsWithEveryMissingPartNamed() {
    new GatewayStateFile(tau().resolve("gateway"), clock).markStarted();
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.components())
        .extracting(OperatorSummaryReport.Component::component)
        .containsExactly(
            "events",
            "dashboard",
            "multi-channel",
            "multi-agent",
            "gateway",
            "deployment",
            "custom-command",
            "voice");
    assertThat(r.reasonCodes())
        .containsExactly(
            "dashboard:state_unavailable",
            "multi-channel:state_unavailable",
            "multi-agent:state_unavailable",
            "deployment:state_unavailable",
            "custom-command:state_unavailable",
            "voice:state_unavailable",
            "daemon:daemon_not_installed",
            "release-channel:release_channel_missing");
    assertThat(r.recommendations()).first().isEqualTo(OperatorSummary.REPAIR_STATE);
    assertThat(r.recommendations()).doesNotHaveDuplicates().hasSize(3);
    OperatorSummaryReport.Component events = component(r, "events");
    assertThat(events.reasonCode()).isEqualTo("events_not_configured");
    assertThat(events.rolloutGate()).isEqualTo(RolloutGate.PASS);
    OperatorSummaryReport.Component gateway = component(r, "gateway");
    assertThat(gateway.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(gateway.rolloutGate()).isEqualTo(RolloutGate.PASS);
    assertThat(gateway.reasonCode()).isEqualTo("guardrail_checks_passing");
  }

  @Test
  void whenEveryPartPassesTheSummaryIsHealthyWithAllChecksPassing() throws Exception {
    everythingHealthy();
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.PASS);
    assertThat(r.reasonCodes()).containsExactly("all_checks_passing");
    assertThat(r.recommendations()).containsExactly("no_immediate_action_required");
    assertThat(component(r, "dashboard").reasonCode()).isEqualTo("dashboard_status");
    assertThat(r.daemon().profile()).isEqualTo("systemd-user");
    assertThat(r.releaseChannel().channel()).isEqualTo("stable");
  }

  @Test
  void aRunnerReasonIsTheLastNonEmptyCodeOfItsLastCycleLine() throws Exception {
    everythingHealthy();
    write(
        "deployment/runtime-events.jsonl",
        "{\"reason_codes\":[\"old\"]}\n{\"reason_codes\":[\"retry_attempted\",\"healthy_cycle\",\" \"]}\n");
    assertThat(component(build(), "deployment").reasonCode()).isEqualTo("healthy_cycle");
  }

  @Test
  void theDeploymentComponentReadsTheDeploymentStateDirItIsGiven() throws Exception {
    everythingHealthy();
    Path elsewhere = work.resolve("deploy-state");
    Files.createDirectories(elsewhere);
    Files.writeString(
        elsewhere.resolve("state.json"),
        "{\"schema_version\":1,\"health\":{\"failure_streak\":2,\"last_cycle_failed\":1,"
            + "\"queue_depth\":3}}");
    Files.writeString(
        elsewhere.resolve("runtime-events.jsonl"),
        "{\"reason_codes\":[\"case_processing_failed\"]}\n");

    OperatorSummaryReport r =
        OperatorSummary.build(
            OperatorSummary.Locations.under(work, tau().resolve("gateway"), elsewhere), clock);

    OperatorSummaryReport.Component deployment = component(r, "deployment");
    assertThat(deployment.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(deployment.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(deployment.reasonCode()).isEqualTo("case_processing_failed");
    assertThat(deployment.failureStreak()).isEqualTo(2);
    assertThat(deployment.queueDepth()).isEqualTo(3);
    assertThat(deployment.statePath()).isEqualTo(elsewhere.resolve("state.json").toString());
    assertThat(r.reasonCodes()).containsExactly("deployment:case_processing_failed");
  }

  @Test
  void oneDegradedComponentHoldsAndSetsTheOverallHealth() throws Exception {
    everythingHealthy();
    write("voice/state.json", "{\"health\":{\"failure_streak\":1,\"queue_depth\":4}}");
    write("voice/runtime-events.jsonl", "{\"reason_codes\":[\"event_processing_failed\"]}\n");
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.reasonCodes()).containsExactly("voice:event_processing_failed");
    assertThat(r.recommendations())
        .containsExactly("inspect bridge logs and watch the next poll cycle");
    OperatorSummaryReport.Component voice = component(r, "voice");
    assertThat(voice.queueDepth()).isEqualTo(4);
    assertThat(voice.failureStreak()).isEqualTo(1);
  }

  @Test
  void anUnparsableComponentStateIsStateUnavailable() throws Exception {
    everythingHealthy();
    write("multi-agent/state.json", "{broken");
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(r.reasonCodes()).containsExactly("multi-agent:state_unavailable");
  }

  @Test
  void aStoppedGatewayHoldsWithServiceStoppedAndSaysHowToResume() throws Exception {
    everythingHealthy();
    new GatewayStateFile(tau().resolve("gateway"), clock).markStopped("emergency_rollback");
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(r.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(r.reasonCodes()).containsExactly("gateway:service_stopped");
    assertThat(r.recommendations()).containsExactly(OperatorSummary.START_GATEWAY);
  }

  @Test
  void malformedEventDefinitionsAreEventsDefinitionInvalid() throws Exception {
    everythingHealthy();
    write("events/broken.json", "{\"id\":\"x\"}");
    OperatorSummaryReport r = build();
    assertThat(r.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(r.reasonCodes()).containsExactly("events:events_definition_invalid");
  }

  @Test
  void daemonPostureFollowsItsStateFile() throws Exception {
    Path daemon = tau().resolve("daemon");
    assertThat(OperatorSummary.daemon(daemon).reasonCode())
        .isEqualTo(OperatorReasonCode.DAEMON_NOT_INSTALLED);
    write("daemon/state.json", "{\"installed\":true,\"running\":false,\"start_attempts\":2}");
    OperatorSummaryReport.Daemon stopped = OperatorSummary.daemon(daemon);
    assertThat(stopped.reasonCode()).isEqualTo(OperatorReasonCode.DAEMON_NOT_RUNNING);
    assertThat(stopped.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(stopped.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(stopped.startAttempts()).isEqualTo(2);
    write("daemon/state.json", "{\"installed\":false}");
    assertThat(OperatorSummary.daemon(daemon).reasonCode())
        .isEqualTo(OperatorReasonCode.DAEMON_NOT_INSTALLED);
    write("daemon/state.json", "[1,2]");
    OperatorSummaryReport.Daemon broken = OperatorSummary.daemon(daemon);
    assertThat(broken.reasonCode()).isEqualTo(OperatorReasonCode.DAEMON_STATUS_UNAVAILABLE);
    assertThat(broken.healthState()).isEqualTo(HealthState.FAILING);
    write("daemon/state.json", "{\"running\":true}");
    OperatorSummaryReport.Daemon running = OperatorSummary.daemon(daemon);
    assertThat(running.reasonCode()).isEqualTo(OperatorReasonCode.DAEMON_RUNNING);
    assertThat(running.rolloutGate()).isEqualTo(RolloutGate.PASS);
  }

  @Test
  void releaseChannelPostureFollowsItsFile() throws Exception {
    Path file = tau().resolve("release-channel.json");
    OperatorSummaryReport.ReleaseChannel missing = OperatorSummary.releaseChannel(file);
    assertThat(missing.reasonCode()).isEqualTo(OperatorReasonCode.RELEASE_CHANNEL_MISSING);
    assertThat(missing.healthState()).isEqualTo(HealthState.DEGRADED);
    write("release-channel.json", "not json");
    assertThat(OperatorSummary.releaseChannel(file).reasonCode())
        .isEqualTo(OperatorReasonCode.RELEASE_CHANNEL_LOAD_FAILED);
    assertThat(OperatorSummary.releaseChannel(file).healthState()).isEqualTo(HealthState.FAILING);
    write("release-channel.json", "{\"channel\":\"  \"}");
    assertThat(OperatorSummary.releaseChannel(file).reasonCode())
        .isEqualTo(OperatorReasonCode.RELEASE_CHANNEL_LOAD_FAILED);
    write("release-channel.json", "{\"channel\":\"beta\"}");
    OperatorSummaryReport.ReleaseChannel loaded = OperatorSummary.releaseChannel(file);
    assertThat(loaded.reasonCode()).isEqualTo(OperatorReasonCode.RELEASE_CHANNEL_LOADED);
    assertThat(loaded.configured()).isTrue();
    assertThat(loaded.rolloutGate()).isEqualTo(RolloutGate.PASS);
  }

  @Test
  void theJsonFormCarriesWhatTheReadinessScriptReads() {
    new GatewayStateFile(tau().resolve("gateway"), clock).markStarted();
    JsonNode json = build().toJson();
    assertThat(json.path("generated_unix_ms").asLong()).isEqualTo(1_760_000_000_000L);
    assertThat(json.path("health_state").asString()).isEqualTo("failing");
    assertThat(json.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(json.path("reason_codes").size()).isEqualTo(8);
    assertThat(json.path("daemon").path("reason_code").asString())
        .isEqualTo("daemon_not_installed");
    assertThat(json.path("release_channel").path("configured").asBoolean()).isFalse();
    assertThat(json.path("components").get(4).path("component").asString()).isEqualTo("gateway");
    assertThat(json.path("components").get(4).path("state_path").asString())
        .endsWith("gateway/state.json");
    assertThat(build().toText())
        .startsWith(
            "operator control summary: health_state=failing rollout_gate=hold reason_codes=")
        .contains("component=gateway health_state=healthy rollout_gate=pass");
  }
}
