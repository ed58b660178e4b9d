package dev.tau.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.json.Json;
import dev.tau.core.session.StoreException;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStateFileTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));

  @Test
  void startThenStopFlipsTheGateAndRecordsTheReason() {
    GatewayStateFile state = new GatewayStateFile(dir, clock);
    ServiceReport started = state.markStarted();
    assertThat(started.rolloutGate()).isEqualTo(RolloutGate.PASS);
    assertThat(started.rolloutReasonCode()).isEqualTo("guardrail_checks_passing");
    assertThat(started.startupAttempts()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(5));
    ServiceReport stopped = state.markStopped("emergency_rollback");
    assertThat(stopped.serviceStatus()).isEqualTo(ServiceStatus.STOPPED);
    assertThat(stopped.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(stopped.rolloutReasonCode()).isEqualTo("service_stopped");
    assertThat(stopped.lastStopReason()).isEqualTo("emergency_rollback");
    assertThat(stopped.lastStoppedUnixMs()).isEqualTo(1_760_000_005_000L);
    assertThat(stopped.toLine())
        .startsWith("gateway service status: state_path=")
        .contains("rollout_gate=hold");

    assertThat(state.markStarted().startupAttempts()).isEqualTo(2);
    assertThat(state.report().rolloutGate()).isEqualTo(RolloutGate.PASS);
  }

  @Test
  void aBlankReasonMeansOperatorRequestedButWhitespaceIsRefused() {
    GatewayStateFile state = new GatewayStateFile(dir, clock);
    assertThat(state.markStopped(null).lastStopReason()).isEqualTo("operator_requested");
    assertThatThrownBy(() -> state.markStopped("   "))
        .isInstanceOf(InputException.class)
        .hasMessage("--gateway-service-stop-reason cannot be empty or whitespace");
  }

  @Test
  void fieldsWrittenByOtherToolsAreKept() throws Exception {
    Files.writeString(
        dir.resolve("state.json"),
        "{\"schema_version\":1,\"processed_case_keys\":[\"GET:/x:1\"],\"health\":{\"failure_streak\":4},\"custom\":true}");
    GatewayStateFile state = new GatewayStateFile(dir, clock);
    ServiceReport report = state.markStarted();
    assertThat(report.guardrailGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(report.guardrailReasonCode()).isEqualTo("health_state_not_healthy");
    var json = Json.parse(Files.readString(dir.resolve("state.json")));
    assertThat(json.path("custom").asBoolean()).isTrue();
    assertThat(json.path("processed_case_keys").get(0).asString()).isEqualTo("GET:/x:1");
  }

  @Test
  void aCorruptStateFileIsAClearError() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{not json");
    assertThatThrownBy(() -> new GatewayStateFile(dir, clock).report())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("state.json")
        .hasMessageContaining("not valid JSON");
  }
}
