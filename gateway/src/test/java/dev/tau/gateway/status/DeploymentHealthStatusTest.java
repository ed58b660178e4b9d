package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

public class DeploymentHealthStatusTest {
  static final long NOW = 1_760_000_100_000L;

  @TempDir Path dir;

  /** A runner whose last cycle failed one case, with one WASM and two cloud rollouts. */
  public static void writeDegradedRunner(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("state.json"),
        """
        {"schema_version":1,"processed_case_keys":["a","b","c"],
         "rollouts":[{"case_key":"a","deploy_target":"wasm","outcome":"success"},
                     {"case_key":"b","deploy_target":"container","outcome":"success"},
                     {"case_key":"c","deploy_target":"kubernetes","outcome":"success"}],
         "health":{"updated_unix_ms":1760000040000,"cycle_duration_ms":5,"queue_depth":2,
                   "failure_streak":1,"last_cycle_discovered":3,"last_cycle_processed":2,
                   "last_cycle_completed":2,"last_cycle_failed":1,"last_cycle_duplicates":0},
         "wasm_deliverables":[]}
        """);
    Files.writeString(
        dir.resolve("runtime-events.jsonl"),
        "{\"timestamp_unix_ms\":1760000000000,\"reason_codes\":[\"healthy_cycle\"]}\n"
            + "{\"timestamp_unix_ms\":1760000040000,\"health_reason\":\"1 case failed\","
            + "\"reason_codes\":[\"retry_attempted\",\"case_processing_failed\"]}\n");
  }

  @Test
  void aWrittenStateGivesHealthGateCountersRolloutsAndFreshness() throws Exception {
    writeDegradedRunner(dir);

    JsonNode block = DeploymentHealthStatus.read(dir, NOW);

    assertThat(block.path("state_present").asBoolean()).isTrue();
    assertThat(block.path("state_path").asString()).isEqualTo(dir.resolve("state.json").toString());
    assertThat(block.path("health_state").asString()).isEqualTo("degraded");
    assertThat(block.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(block.path("health_reason").asString()).isEqualTo("1 case failed");
    assertThat(block.path("failure_streak").asLong()).isEqualTo(1);
    assertThat(block.path("last_cycle_failed").asLong()).isEqualTo(1);
    assertThat(block.path("queue_depth").asLong()).isEqualTo(2);
    assertThat(block.path("rollout_count").asLong()).isEqualTo(3);
    assertThat(block.path("wasm_rollout_count").asLong()).isEqualTo(1);
    assertThat(block.path("cloud_rollout_count").asLong()).isEqualTo(2);
    assertThat(block.path("processed_case_count").asLong()).isEqualTo(3);
    assertThat(block.path("cycle_reports").asLong()).isEqualTo(2);
    assertThat(block.path("last_reason_codes").valueStream().map(JsonNode::asString))
        .containsExactly("retry_attempted", "case_processing_failed");
    JsonNode freshness = block.path("freshness");
    assertThat(freshness.path("state_updated_unix_ms").asLong()).isEqualTo(1_760_000_040_000L);
    assertThat(freshness.path("state_age_ms").asLong()).isEqualTo(60_000);
    assertThat(freshness.path("last_cycle_unix_ms").asLong()).isEqualTo(1_760_000_040_000L);
    assertThat(freshness.path("last_cycle_age_ms").asLong()).isEqualTo(60_000);
    assertThat(block.path("diagnostics")).isEmpty();
  }

  @Test
  void aHealthyRunnerPasses() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{\"schema_version\":1,\"health\":{}}");

    JsonNode block = DeploymentHealthStatus.read(dir, NOW);

    assertThat(block.path("health_state").asString()).isEqualTo("healthy");
    assertThat(block.path("rollout_gate").asString()).isEqualTo("pass");
    assertThat(block.path("diagnostics").get(0).asString()).startsWith("events_log_missing:");
  }

  @Test
  void aRunnerThatNeverRanIsUnknownAndHoldsWithTheMissingFileNamed() {
    JsonNode block = DeploymentHealthStatus.read(dir, NOW);

    assertThat(block.path("state_present").asBoolean()).isFalse();
    assertThat(block.path("health_state").asString()).isEqualTo("unknown");
    assertThat(block.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(block.path("wasm_rollout_count").asLong()).isZero();
    assertThat(block.path("freshness").path("state_age_ms").asLong()).isEqualTo(-1);
    assertThat(block.path("diagnostics").get(0).asString())
        .contains(dir.resolve("state.json").toString())
        .contains("not found");
  }

  @Test
  void anUnparsableStateFileIsFailing() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{not json");

    JsonNode block = DeploymentHealthStatus.read(dir, NOW);

    assertThat(block.path("health_state").asString()).isEqualTo("failing");
    assertThat(block.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(block.path("diagnostics").get(0).asString()).startsWith("failed to parse");
  }
}
