package dev.tau.deploy.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.channels.runtime.StatusInspect;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeploymentStatusTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));

  private void run(String fixture) throws Exception {
    new DeploymentRunner(
            dir,
            DeploymentRunnerSettings.DEFAULTS,
            new CaseEvaluator(Cases.NO_MANIFESTS, dir),
            clock,
            ms -> {},
            w -> {})
        .runCycle(DeploymentFixture.load(Cases.TESTDATA.resolve(fixture)));
  }

  @Test
  void statusReportsTheGateCountsAndFreshness() throws Exception {
    run("rollout-pass.json");
    run("mixed-outcomes.json");
    ObjectNode s = DeploymentStatus.status(dir, clock.millis() + 5_000);
    assertThat(s.get("health_state").asString()).isEqualTo("degraded");
    assertThat(s.get("rollout_gate").asString()).isEqualTo("hold");
    assertThat(s.get("failure_streak").asInt()).isEqualTo(1);
    assertThat(s.get("last_cycle_failed").asInt()).isEqualTo(1);
    assertThat(s.get("queue_depth").asInt()).isZero();
    assertThat(s.get("processed_case_count").asInt()).isEqualTo(5);
    assertThat(s.get("rollout_count").asInt()).isEqualTo(4);
    assertThat(s.get("wasm_rollout_count").asInt()).isEqualTo(2);
    assertThat(s.get("cloud_rollout_count").asInt()).isEqualTo(2);
    assertThat(s.get("total_replicas").asInt()).isEqualTo(8);
    assertThat(s.get("target_counts").toString())
        .isEqualTo("{\"container\":1,\"kubernetes\":1,\"wasm\":2}");
    assertThat(s.get("cycle_reports").asInt()).isEqualTo(2);
    assertThat(s.at("/reason_code_counts/wasm_rollout_applied").asInt()).isEqualTo(2);
    assertThat(s.get("last_reason_codes").toString()).contains("case_processing_failed");
    assertThat(s.get("state_updated_unix_ms").asLong()).isEqualTo(1_760_000_000_000L);
    assertThat(s.get("state_age_ms").asLong()).isEqualTo(5_000);
    assertThat(s.get("last_cycle_age_ms").asLong()).isEqualTo(5_000);
    assertThat(DeploymentStatus.statusLine(s))
        .startsWith("deployment status inspect: state_path=")
        .contains(" rollout_gate=hold ")
        .contains(" wasm_rollout_count=2 cloud_rollout_count=2 ")
        .contains(" target_counts=container:1,kubernetes:1,wasm:2 ")
        .contains(" error_code_counts=none ")
        .contains(" queue_depth=0 failure_streak=1 last_cycle_failed=1 ");
  }

  @Test
  void aPassingRolloutOpensTheGate() throws Exception {
    run("rollout-pass.json");
    assertThat(DeploymentStatus.status(dir, clock.millis()).get("rollout_gate").asString())
        .isEqualTo("pass");
  }

  @Test
  void transportHealthIsOneRowWithTheSnapshotAndItsClassification() throws Exception {
    run("mixed-outcomes.json");
    JsonNode row = DeploymentStatus.health(dir).get(0);
    assertThat(row.get("transport").asString()).isEqualTo("deployment");
    assertThat(row.get("target").asString()).isEqualTo("cloud-and-wasm-runtime");
    assertThat(row.get("state_path").asString()).isEqualTo(dir.resolve("state.json").toString());
    assertThat(row.at("/health/failure_streak").asInt()).isEqualTo(1);
    assertThat(row.get("health_state").asString()).isEqualTo("degraded");
    assertThat(row.get("rollout_gate").asString()).isEqualTo("hold");
    assertThat(StatusInspect.healthLine(row))
        .startsWith("transport health inspect: transport=deployment target=cloud-and-wasm-runtime")
        .contains(" failure_streak=1 ");
  }

  @Test
  void aMissingOrBrokenStateIsReportedNotGuessed() throws Exception {
    assertThatThrownBy(() -> DeploymentStatus.health(dir))
        .isInstanceOf(DeploymentStatus.StateUnavailable.class)
        .hasMessageContaining("failed to read state file")
        .hasMessageContaining("run --deployment-contract-runner first");
    Files.writeString(dir.resolve("state.json"), "{oops");
    assertThatThrownBy(() -> DeploymentStatus.status(dir, 0))
        .hasMessageContaining("failed to parse state file");
  }
}
