package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.health.HealthState;
import dev.tau.core.health.RolloutGate;
import dev.tau.core.json.Json;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.gateway.service.ServiceReport;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class GatewayPostureTest {
  @TempDir Path root;
  final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));

  GatewayStateFile state() {
    return new GatewayStateFile(root.resolve("gateway"), clock);
  }

  EventsReport events() {
    return EventsPosture.evaluate(root.resolve("events"), clock.millis());
  }

  @Test
  void aFreshlyStartedGatewayIsHealthyAndPasses() {
    ServiceReport report = state().markStarted();
    GatewayPosture p = GatewayPosture.of(report, events());
    assertThat(p.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(p.rolloutGate()).isEqualTo(RolloutGate.PASS);
    assertThat(p.reasonCode()).isEqualTo("guardrail_checks_passing");
  }

  @Test
  void aStoppedServiceHoldsTheGateWithServiceStoppedButStaysHealthy() {
    state().markStarted();
    ServiceReport report = state().markStopped("emergency_rollback");
    GatewayPosture p = GatewayPosture.of(report, events());
    assertThat(p.healthState()).isEqualTo(HealthState.HEALTHY);
    assertThat(p.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(p.reasonCode()).isEqualTo("service_stopped");
    assertThat(p.healthReason()).contains("emergency_rollback");
  }

  @Test
  void anEventsHoldHoldsTheGatewayWithTheEventsReason() throws Exception {
    ServiceReport report = state().markStarted();
    Files.createDirectories(root.resolve("events"));
    Files.writeString(root.resolve("events/bad.json"), "{}");
    GatewayPosture p = GatewayPosture.of(report, events());
    assertThat(p.healthState()).isEqualTo(HealthState.DEGRADED);
    assertThat(p.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(p.reasonCode()).isEqualTo("events_malformed_definitions");
  }

  @Test
  void sustainedRunnerFailuresMakeTheGatewayFailingEvenWhenTheGuardrailPasses() throws Exception {
    state().markStarted();
    Path file = root.resolve("gateway/state.json");
    ObjectNode json = (ObjectNode) Json.parse(Files.readString(file));
    ((ObjectNode) json.get("health")).put("failure_streak", 3);
    Files.writeString(file, Json.write(json));
    ServiceReport report = state().report();
    GatewayPosture p = GatewayPosture.of(report, events());
    assertThat(p.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(p.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(p.reasonCode()).isEqualTo(GatewayReasonCode.HEALTH_STATE_NOT_HEALTHY.wire());
  }

  @Test
  void anUnreadableStateFileFailsAndHolds() {
    GatewayPosture p = GatewayPosture.unreadable("gateway state is not valid JSON");
    assertThat(p.healthState()).isEqualTo(HealthState.FAILING);
    assertThat(p.rolloutGate()).isEqualTo(RolloutGate.HOLD);
    assertThat(p.reasonCode()).isEqualTo("service_state_unreadable");
  }
}
