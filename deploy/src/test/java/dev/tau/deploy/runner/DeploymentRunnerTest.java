package dev.tau.deploy.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DeploymentRunnerTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_760_000_000_000L));
  private final List<Long> sleeps = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private DeploymentRunner runner(DeploymentRunnerSettings settings) {
    return new DeploymentRunner(
        dir,
        settings,
        new CaseEvaluator(Cases.NO_MANIFESTS, dir),
        clock,
        sleeps::add,
        warnings::add);
  }

  private DeploymentRunner runner() {
    return runner(DeploymentRunnerSettings.DEFAULTS);
  }

  private static DeploymentFixture mixed() {
    return DeploymentFixture.load(Cases.TESTDATA.resolve("mixed-outcomes.json"));
  }

  private JsonNode state() throws Exception {
    return Json.parse(Files.readString(dir.resolve("state.json")));
  }

  private List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(Json.parse(line));
    }
    return out;
  }

  private static List<String> codes(DeploymentCycleReport r) {
    return r.reasonCodes().stream().map(DeploymentReasonCode::wire).toList();
  }

  @Test
  void theMixedFixtureAppliesOneRejectsOneAndFailsTheRetryableCaseAfterFourAttempts()
      throws Exception {
    DeploymentCycleReport r = runner().runCycle(mixed());

    assertThat(r.summaryLine())
        .isEqualTo(
            "deployment runner summary: discovered=3 queued=3 applied=1 duplicate_skips=0"
                + " malformed=1 retryable_failures=4 retries=3 failed=1 upserted_rollouts=1"
                + " wasm_rollouts=1 cloud_rollouts=0");
    assertThat(r.healthLine())
        .isEqualTo(
            "deployment runner health: state=degraded failure_streak=1 queue_depth=0"
                + " reason=recent transport failures observed (failure_streak=1,"
                + " last_cycle_failed=1)");
    assertThat(codes(r))
        .containsExactly(
            "malformed_inputs_observed",
            "retry_attempted",
            "retryable_failures_observed",
            "case_processing_failed",
            "wasm_rollout_applied");

    JsonNode state = state();
    assertThat(state.get("schema_version").asInt()).isEqualTo(1);
    assertThat(state.get("processed_case_keys").valueStream().map(JsonNode::asString).toList())
        .containsExactly(
            "wasm:native:staging:edge-native-mismatch:deployment-malformed-runtime-mismatch",
            "wasm:wasm_wasi:staging:edge-wasm:deployment-success-wasm");
    JsonNode rollout = state.get("rollouts").get(0);
    assertThat(state.get("rollouts")).hasSize(1);
    assertThat(rollout.get("case_key").asString())
        .isEqualTo("wasm:wasm_wasi:staging:edge-wasm:deployment-success-wasm");
    assertThat(rollout.get("rollout_strategy").asString()).isEqualTo("canary");
    assertThat(rollout.get("status_code").asInt()).isEqualTo(201);
    assertThat(rollout.get("replicas").asInt()).isEqualTo(2);
    assertThat(rollout.get("updated_unix_ms").asLong()).isEqualTo(1_760_000_000_000L);
    assertThat(state.at("/health/failure_streak").asInt()).isEqualTo(1);
    assertThat(state.at("/health/last_cycle_failed").asInt()).isEqualTo(1);
    assertThat(state.get("wasm_deliverables").isArray()).isTrue();

    List<JsonNode> events = lines(dir.resolve("runtime-events.jsonl"));
    assertThat(events).hasSize(1);
    JsonNode e = events.getFirst();
    assertThat(e.get("health_state").asString()).isEqualTo("degraded");
    assertThat(e.get("retry_attempts").asInt()).isEqualTo(3);
    assertThat(e.get("failed_cases").asInt()).isEqualTo(1);
    assertThat(e.get("backlog_cases").asInt()).isZero();
    assertThat(e.get("reason_codes")).hasSize(5);
  }

  @Test
  void theChannelStoreAuditsEachCaseUnderItsBlueprint() throws Exception {
    runner().runCycle(mixed());
    Path edge = dir.resolve("channel-store/channels/deployment/edge-wasm");
    JsonNode log = lines(edge.resolve("log.jsonl")).getFirst();
    assertThat(log.get("direction").asString()).isEqualTo("system");
    assertThat(log.get("source").asString()).isEqualTo("tau-deployment-runner");
    assertThat(log.get("event_key").asString())
        .isEqualTo("wasm:wasm_wasi:staging:edge-wasm:deployment-success-wasm");
    assertThat(log.at("/payload/outcome").asString()).isEqualTo("success");
    assertThat(log.at("/payload/artifact").asString()).isEqualTo("edge/runtime.wasm");
    assertThat(lines(edge.resolve("context.jsonl")).getFirst().get("text").asString())
        .isEqualTo(
            "deployment case deployment-success-wasm applied target=wasm runtime=wasm_wasi"
                + " status=201");
    assertThat(Files.readString(edge.resolve("MEMORY.md")))
        .startsWith("# Tau Deployment Snapshot (edge-wasm)\n")
        .contains("- deployment-success-wasm: target=wasm runtime=wasm_wasi");
    JsonNode failed =
        lines(dir.resolve("channel-store/channels/deployment/prod-k8s/log.jsonl")).getFirst();
    assertThat(failed.at("/payload/outcome").asString()).isEqualTo("retryable_failure");
    assertThat(failed.at("/payload/error_code").asString())
        .isEqualTo("deployment_backend_unavailable");
    assertThat(
            lines(dir.resolve("channel-store/channels/deployment/prod-k8s/context.jsonl"))
                .getFirst()
                .get("text")
                .asString())
        .isEqualTo(
            "deployment case deployment-retryable-control-plane outcome=retryable_failure"
                + " error_code=deployment_backend_unavailable status=503");
  }

  @Test
  void aBlueprintIdThatIsNotAPlainNameIsAuditedInTheSharedChannel() throws Exception {
    runner().runCycle(Cases.list(Cases.container("odd").blueprint("team/api v2")));
    assertThat(dir.resolve("channel-store/channels/deployment/deployment/log.jsonl"))
        .isNotEmptyFile();
  }

  @Test
  void theRetryableCaseFailsAgainEachRunUntilTheHealthIsFailingAndTheGateHolds() throws Exception {
    runner().runCycle(mixed());
    DeploymentCycleReport second = runner().runCycle(mixed());
    assertThat(second.duplicateSkips()).isEqualTo(2);
    assertThat(second.failed()).isEqualTo(1);
    assertThat(codes(second))
        .containsExactly(
            "duplicate_cases_skipped",
            "retry_attempted",
            "retryable_failures_observed",
            "case_processing_failed");
    DeploymentCycleReport third = runner().runCycle(mixed());
    assertThat(third.health().failureStreak()).isEqualTo(3);
    assertThat(third.healthLine()).startsWith("deployment runner health: state=failing");
    assertThat(DeploymentStatus.status(dir, clock.millis()).get("rollout_gate").asString())
        .isEqualTo("hold");
    // the failed case keeps its one audit line per outcome, however often it fails
    assertThat(lines(dir.resolve("channel-store/channels/deployment/prod-k8s/log.jsonl")))
        .hasSize(1);
  }

  @Test
  void aHealthyCycleResetsTheStreak() throws Exception {
    runner().runCycle(mixed());
    DeploymentCycleReport pass =
        runner().runCycle(DeploymentFixture.load(Cases.TESTDATA.resolve("rollout-pass.json")));
    assertThat(pass.health().failureStreak()).isZero();
    assertThat(pass.health().classify().state().gate().wire()).isEqualTo("pass");
    assertThat(codes(pass)).containsExactly("wasm_rollout_applied", "cloud_rollout_applied");
    assertThat(pass.wasmRollouts()).isEqualTo(1);
    assertThat(pass.cloudRollouts()).isEqualTo(2);
  }

  @Test
  void aCycleWithNothingToDoIsAHealthyCycle() throws Exception {
    DeploymentCycleReport r = runner().runCycle(List.of());
    assertThat(codes(r)).containsExactly("healthy_cycle");
    assertThat(r.healthLine()).startsWith("deployment runner health: state=healthy");
  }

  @Test
  void processedCasesBeyondTheQueueLimitNeverStarveANewCase() throws Exception {
    List<DeploymentCase> old =
        Cases.list(Cases.container("a-1"), Cases.container("a-2"), Cases.container("a-3"));
    runner(new DeploymentRunnerSettings(3, 10_000, 4, 0)).runCycle(old);

    // the new case sorts after the processed ones: truncating before the dedupe drops it
    List<DeploymentCase> withNew = new ArrayList<>(old);
    withNew.add(Cases.container("z-new").selfConsistent());
    DeploymentCycleReport r =
        runner(new DeploymentRunnerSettings(2, 10_000, 4, 0)).runCycle(withNew);

    assertThat(r.applied()).isEqualTo(1);
    assertThat(r.duplicateSkips()).isEqualTo(3);
    assertThat(r.backlog()).isZero();
    assertThat(r.health().queueDepth()).isZero();
    assertThat(codes(r)).containsExactly("duplicate_cases_skipped", "cloud_rollout_applied");
    assertThat(state().get("processed_case_keys").toString()).contains("z-new");
  }

  @Test
  void theQueueLimitLeavesNewCasesForTheNextCycleAndReportsBackpressure() throws Exception {
    List<DeploymentCase> cases =
        Cases.list(Cases.container("c-1"), Cases.container("c-2"), Cases.container("c-3"));
    DeploymentRunner limited = runner(new DeploymentRunnerSettings(2, 10_000, 4, 0));
    DeploymentCycleReport first = limited.runCycle(cases);
    assertThat(first.applied()).isEqualTo(2);
    assertThat(first.health().queueDepth()).isEqualTo(1);
    assertThat(codes(first)).containsExactly("queue_backpressure_applied", "cloud_rollout_applied");
    DeploymentCycleReport second = limited.runCycle(cases);
    assertThat(second.applied()).isEqualTo(1);
    assertThat(second.health().queueDepth()).isZero();
  }

  @Test
  void retriesWaitWithExponentialBackoff() throws Exception {
    runner(new DeploymentRunnerSettings(64, 10_000, 4, 10))
        .runCycle(Cases.list(Cases.container("r").retryable()));
    assertThat(sleeps).containsExactly(10L, 20L, 40L);
    assertThat(new DeploymentRunnerSettings(1, 1, 20, 5).delayMs(15)).isEqualTo(5L << 10);
  }

  @Test
  void theProcessedCaseCapKeepsTheNewestKeys() throws Exception {
    runner(new DeploymentRunnerSettings(64, 2, 4, 0))
        .runCycle(
            Cases.list(Cases.container("k-1"), Cases.container("k-2"), Cases.container("k-3")));
    assertThat(state().get("processed_case_keys").valueStream().map(JsonNode::asString).toList())
        .containsExactly("container:native:staging:bp:k-2", "container:native:staging:bp:k-3");
  }

  @Test
  void wasmDeliverablesSurviveRunnerCycles() throws Exception {
    WasmDeliverable edge =
        new WasmDeliverable(
            "edge-wasm",
            "wasm_wasi",
            "control_plane_gateway_v1",
            "wasi:*",
            List.of("no_native_process_exec"),
            "/tmp/a.wasm",
            "ab".repeat(32),
            8,
            "/tmp/a.manifest.json",
            1);
    DeploymentState.recordWasmDeliverable(dir, edge);
    runner().runCycle(mixed());
    runner().runCycle(mixed());
    assertThat(state().get("wasm_deliverables")).hasSize(1);
    assertThat(state().at("/wasm_deliverables/0/blueprint_id").asString()).isEqualTo("edge-wasm");
    assertThat(state().get("rollouts")).hasSize(1);

    // the same blueprint and profile is replaced; another profile is appended
    DeploymentState.recordWasmDeliverable(
        dir,
        new WasmDeliverable(
            "edge-wasm",
            "wasm_wasi",
            "control_plane_gateway_v1",
            "wasi:*",
            List.of("g"),
            "/tmp/b.wasm",
            "cd".repeat(32),
            9,
            "/tmp/b.manifest.json",
            2));
    DeploymentState.recordWasmDeliverable(
        dir,
        new WasmDeliverable(
            "edge-wasm",
            "channel_automation_wasi",
            "channel_automation_runtime_v1",
            "wasi:*",
            List.of("g"),
            "/tmp/c.wasm",
            "ef".repeat(32),
            9,
            "/tmp/c.manifest.json",
            3));
    JsonNode deliverables = state().get("wasm_deliverables");
    assertThat(deliverables).hasSize(2);
    assertThat(deliverables.get(0).get("artifact_sha256").asString()).isEqualTo("cd".repeat(32));
    assertThat(deliverables.get(0).get("deploy_target").asString()).isEqualTo("wasm");
    // the runner's own part was kept by the package command's write
    assertThat(state().get("rollouts")).hasSize(1);
    assertThat(state().at("/health/failure_streak").asInt()).isEqualTo(2);
  }

  @Test
  void recordingADeliverableIntoABrokenStateIsRefused() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{\"wasm_deliverables\": {}}");
    WasmDeliverable d =
        new WasmDeliverable("e", "wasm_wasi", "p", "wasi:*", List.of(), "a", "ab", 1, "m", 1);
    assertThatThrownBy(() -> DeploymentState.recordWasmDeliverable(dir, d))
        .isInstanceOf(DeploymentStateException.class)
        .hasMessageContaining("wasm_deliverables that is not an array");
    Files.writeString(dir.resolve("state.json"), "[]");
    assertThatThrownBy(() -> DeploymentState.recordWasmDeliverable(dir, d))
        .hasMessageContaining("is not a JSON object");
  }

  @Test
  void aCaseThatBreaksItsExpectationStopsTheCycleBeforeAnythingIsWritten() throws Exception {
    DeploymentCase wrong = Cases.container("w").expectSuccess(202).build(); // body {} ≠ observed
    assertThatThrownBy(() -> runner().runCycle(List.of(wrong)))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith("case 'w' expected response_body");
    assertThat(dir.resolve("state.json")).doesNotExist();
    assertThat(dir.resolve("runtime-events.jsonl")).doesNotExist();
    assertThat(dir.resolve("channel-store/channels/deployment/bp/log.jsonl")).doesNotExist();
  }

  @Test
  void anUnreadableStateStartsFreshWithAWarning() throws Exception {
    Files.writeString(dir.resolve("state.json"), "{not json");
    DeploymentCycleReport r = runner().runCycle(Cases.list(Cases.container("f")));
    assertThat(r.applied()).isEqualTo(1);
    assertThat(warnings).singleElement().asString().contains("starting fresh");
  }
}
