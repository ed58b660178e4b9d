package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DeploymentHealthTest {
  @TempDir Path dir;

  @Test
  void aRunnerThatNeverRanIsUnknownAndHolds() {
    JsonNode health = DeploymentHealth.read(dir);

    assertThat(health.path("health_state").asString()).isEqualTo("unknown");
    assertThat(health.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(health.path("reason_code").asString()).isEqualTo("state_unavailable");
  }

  @Test
  void anUnparsableStateFileIsFailing() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{not json");

    JsonNode health = DeploymentHealth.read(dir);

    assertThat(health.path("health_state").asString()).isEqualTo("failing");
    assertThat(health.path("reason_code").asString()).isEqualTo("state_unavailable");
    assertThat(health.path("health_reason").asString()).startsWith("cannot parse deployment state");
  }

  @Test
  void aFailedCaseDegradesWithTheNewestCyclesLastReasonCode() throws Exception {
    Files.writeString(
        dir.resolve("state.json"),
        "{\"schema_version\":1,\"rollouts\":[{},{}],"
            + "\"health\":{\"failure_streak\":1,\"last_cycle_failed\":1}}");
    Files.writeString(
        dir.resolve("runtime-events.jsonl"),
        "{\"reason_codes\":[\"healthy_cycle\"]}\n"
            + "{\"reason_codes\":[\"retry_attempted\",\"case_processing_failed\"]}\n");

    JsonNode health = DeploymentHealth.read(dir);

    assertThat(health.path("health_state").asString()).isEqualTo("degraded");
    assertThat(health.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(health.path("reason_code").asString()).isEqualTo("case_processing_failed");
    assertThat(health.path("rollouts").asInt()).isEqualTo(2);
  }

  @Test
  void aHealthyRunnerWithoutCyclesPassesWithTheFallbackCode() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{\"schema_version\":1,\"health\":{}}");

    JsonNode health = DeploymentHealth.read(dir);

    assertThat(health.path("health_state").asString()).isEqualTo("healthy");
    assertThat(health.path("rollout_gate").asString()).isEqualTo("pass");
    assertThat(health.path("reason_code").asString()).isEqualTo("deployment_status");
  }
}
