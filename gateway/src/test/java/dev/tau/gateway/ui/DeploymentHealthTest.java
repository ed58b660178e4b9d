package dev.tau.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.gateway.status.DeploymentHealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeploymentHealthTest {
  static final long NOW = 1_760_000_100_000L;

  @TempDir Path dir;

  private JsonNode card() {
    ObjectNode card = Json.object();
    DeploymentHealth.card(DeploymentHealthStatus.read(dir, NOW), card);
    return card;
  }

  private static String fact(JsonNode card, String name) {
    for (JsonNode pair : card.path("facts")) {
      if (pair.get(0).asString().equals(name)) {
        return pair.get(1).asString();
      }
    }
    throw new AssertionError("no fact " + name + " in " + card);
  }

  @Test
  void aRunnerThatNeverRanIsUnknownAndHolds() {
    JsonNode card = card();

    assertThat(card.path("health_state").asString()).isEqualTo("unknown");
    assertThat(card.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(card.path("reason_code").asString()).isEqualTo("state_unavailable");
    assertThat(fact(card, "State age")).isEqualTo("never written");
  }

  @Test
  void anUnparsableStateFileIsFailing() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{not json");

    JsonNode card = card();

    assertThat(card.path("health_state").asString()).isEqualTo("failing");
    assertThat(card.path("reason_code").asString()).isEqualTo("state_unavailable");
  }

  @Test
  void aFailedCaseDegradesWithTheNewestCyclesLastReasonCodeAndTheRunnersFigures() throws Exception {
    Files.writeString(
        dir.resolve("state.json"),
        "{\"schema_version\":1,\"rollouts\":[{\"deploy_target\":\"wasm\"},"
            + "{\"deploy_target\":\"container\"}],\"health\":{\"updated_unix_ms\":1760000040000,"
            + "\"failure_streak\":1,\"last_cycle_failed\":1,\"queue_depth\":4}}");
    Files.writeString(
        dir.resolve("runtime-events.jsonl"),
        "{\"reason_codes\":[\"healthy_cycle\"]}\n"
            + "{\"reason_codes\":[\"retry_attempted\",\"case_processing_failed\"]}\n");

    JsonNode card = card();

    assertThat(card.path("health_state").asString()).isEqualTo("degraded");
    assertThat(card.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(card.path("reason_code").asString()).isEqualTo("case_processing_failed");
    assertThat(card.path("rollouts").asInt()).isEqualTo(2);
    assertThat(fact(card, "Failure streak")).isEqualTo("1");
    assertThat(fact(card, "Last cycle failed")).isEqualTo("1");
    assertThat(fact(card, "Queue depth")).isEqualTo("4");
    assertThat(fact(card, "WASM rollouts")).isEqualTo("1");
    assertThat(fact(card, "Cloud rollouts")).isEqualTo("1");
    assertThat(fact(card, "State age")).isEqualTo("60 s");
  }

  @Test
  void aHealthyRunnerWithoutCyclesPassesWithTheFallbackCode() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{\"schema_version\":1,\"health\":{}}");

    JsonNode card = card();

    assertThat(card.path("health_state").asString()).isEqualTo("healthy");
    assertThat(card.path("rollout_gate").asString()).isEqualTo("pass");
    assertThat(card.path("reason_code").asString()).isEqualTo("deployment_status");
  }
}
