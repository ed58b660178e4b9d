package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The deployment runbook's runner, status and health commands, verbatim with {@code bin/tau}, in a
 * fresh working directory whose {@code crates/} holds the runbook's testdata.
 */
class DeploymentIT {
  private static final String FIXTURES = "./crates/tau-coding-agent/testdata/deployment-contract";
  private static final String STATE = ".tau/deployment";

  @TempDir Path work;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    Files.createSymbolicLink(work.resolve("crates"), TauProcess.home().resolve("crates"));
    env = TauProcess.cleanEnv(work);
  }

  private TauProcess.Result tau(String... args) throws Exception {
    return TauProcess.run(work, env, null, args);
  }

  /** The demo script's runner command, against the runbook's state dir. */
  private TauProcess.Result runner(String fixture) throws Exception {
    return tau(
        "--deployment-contract-runner",
        "--deployment-fixture",
        fixture,
        "--deployment-state-dir",
        STATE,
        "--deployment-queue-limit",
        "64",
        "--deployment-processed-case-cap",
        "10000",
        "--deployment-retry-max-attempts",
        "4",
        "--deployment-retry-base-delay-ms",
        "0");
  }

  private TauProcess.Result health() throws Exception {
    return tau(
        "--deployment-state-dir",
        ".tau/deployment",
        "--transport-health-inspect",
        "deployment",
        "--transport-health-json");
  }

  private JsonNode status() throws Exception {
    var status =
        tau(
            "--deployment-state-dir",
            ".tau/deployment",
            "--deployment-status-inspect",
            "--deployment-status-json");
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    return Json.parse(status.stdout());
  }

  private List<JsonNode> lines(String relative) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(work.resolve(relative))) {
      out.add(Json.parse(line));
    }
    return out;
  }

  @Test
  void theMixedFixtureDegradesThenFailsAndTheStatusAndHealthReportsSaySo() throws Exception {
    var first = runner(FIXTURES + "/mixed-outcomes.json");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout())
        .isEqualTo(
            "deployment runner summary: discovered=3 queued=3 applied=1 duplicate_skips=0"
                + " malformed=1 retryable_failures=4 retries=3 failed=1 upserted_rollouts=1"
                + " wasm_rollouts=1 cloud_rollouts=0\n"
                + "deployment runner health: state=degraded failure_streak=1 queue_depth=0"
                + " reason=recent transport failures observed (failure_streak=1,"
                + " last_cycle_failed=1)\n");

    var health = health();
    assertThat(health.exitCode()).as(health.stderr()).isZero();
    JsonNode row = Json.parse(health.stdout()).get(0);
    assertThat(row.get("transport").asString()).isEqualTo("deployment");
    assertThat(row.get("target").asString()).isEqualTo("cloud-and-wasm-runtime");
    assertThat(row.get("state_path").asString()).endsWith(".tau/deployment/state.json");
    assertThat(row.at("/health/failure_streak").asInt()).isEqualTo(1);
    assertThat(row.at("/health/last_cycle_failed").asInt()).isEqualTo(1);

    JsonNode s = status();
    assertThat(s.get("rollout_gate").asString()).isEqualTo("hold");
    assertThat(s.get("health_state").asString()).isEqualTo("degraded");
    assertThat(s.get("failure_streak").asInt()).isEqualTo(1);
    assertThat(s.get("last_cycle_failed").asInt()).isEqualTo(1);
    assertThat(s.get("queue_depth").asInt()).isZero();
    assertThat(s.get("wasm_rollout_count").asInt()).isEqualTo(1);
    assertThat(s.get("cloud_rollout_count").asInt()).isZero();
    assertThat(s.get("state_updated_unix_ms").asLong()).isPositive();
    assertThat(s.get("state_age_ms").asLong()).isNotNegative();
    assertThat(s.get("last_reason_codes").toString())
        .isEqualTo(
            "[\"malformed_inputs_observed\",\"retry_attempted\",\"retryable_failures_observed\","
                + "\"case_processing_failed\",\"wasm_rollout_applied\"]");

    assertThat(runner(FIXTURES + "/mixed-outcomes.json").stdout())
        .contains("duplicate_skips=2")
        .contains("state=degraded failure_streak=2");
    assertThat(runner(FIXTURES + "/mixed-outcomes.json").stdout())
        .contains("state=failing failure_streak=3");
    assertThat(status().get("health_state").asString()).isEqualTo("failing");
    assertThat(lines(STATE + "/runtime-events.jsonl")).hasSize(3);
    assertThat(lines(STATE + "/channel-store/channels/deployment/edge-wasm/log.jsonl"))
        .singleElement()
        .satisfies(l -> assertThat(l.get("source").asString()).isEqualTo("tau-deployment-runner"));

    var text =
        tau(
            "--deployment-state-dir",
            ".tau/deployment",
            "--transport-health-inspect",
            "deployment");
    assertThat(text.stdout())
        .startsWith(
            "transport health inspect: transport=deployment target=cloud-and-wasm-runtime"
                + " state_path=")
        .contains(" failure_streak=3 ");
  }

  @Test
  void aPassingRolloutOpensTheGateAndKeepsThePackagedDeliverable() throws Exception {
    var pack =
        tau(
            "--deployment-state-dir",
            ".tau/deployment",
            "--deployment-wasm-package-module",
            "./crates/tau-coding-agent/testdata/deployment-wasm/edge-runtime.wasm",
            "--deployment-wasm-package-blueprint-id",
            "edge-wasm",
            "--deployment-wasm-package-runtime-profile",
            "wasm-wasi",
            "--deployment-wasm-package-output-dir",
            ".tau/deployment/wasm-artifacts",
            "--deployment-wasm-package-json");
    assertThat(pack.exitCode()).as(pack.stderr()).isZero();
    JsonNode packed = Json.parse(pack.stdout());

    // a case that deploys the packaged manifest: the rollout carries the artifact's facts
    Path manifestFile = work.resolve(packed.get("manifest_path").asString());
    JsonNode manifest = Json.parse(Files.readString(manifestFile));
    String manifestArg = work.relativize(manifestFile.toAbsolutePath()).toString();
    Files.writeString(
        work.resolve("manifest-rollout.json"),
        """
        {"schema_version": 1, "name": "manifest-rollout", "cases": [
          {"case_id": "edge-manifest", "deploy_target": "wasm", "runtime_profile": "wasm_wasi",
           "blueprint_id": "edge-wasm", "environment": "production", "region": "iad",
           "wasm_manifest": "%s", "replicas": 2,
           "expected": {"outcome": "success", "status_code": 201, "response_body": {
             "status": "accepted", "blueprint_id": "edge-wasm", "deploy_target": "wasm",
             "runtime_profile": "wasm_wasi", "environment": "production", "region": "iad",
             "replicas": 2, "rollout_strategy": "canary", "artifact": "%s",
             "artifact_sha256": "%s", "artifact_size_bytes": %d, "artifact_manifest": "%s",
             "runtime_constraints": %s}}}]}
        """
            .formatted(
                manifestArg,
                manifest.get("artifact_path").asString(),
                manifest.get("artifact_sha256").asString(),
                manifest.get("artifact_size_bytes").asLong(),
                manifestArg,
                manifest.get("capability_constraints").toString()));
    var manifestRun = runner("manifest-rollout.json");
    assertThat(manifestRun.exitCode()).as(manifestRun.stderr()).isZero();
    assertThat(manifestRun.stdout()).contains("applied=1").contains("wasm_rollouts=1");

    var pass = runner(FIXTURES + "/rollout-pass.json");
    assertThat(pass.exitCode()).as(pass.stderr()).isZero();
    assertThat(pass.stdout())
        .contains("applied=3")
        .contains("wasm_rollouts=1 cloud_rollouts=2")
        .contains("deployment runner health: state=healthy failure_streak=0 queue_depth=0");

    JsonNode s = status();
    assertThat(s.get("rollout_gate").asString()).isEqualTo("pass");
    assertThat(s.get("wasm_rollout_count").asInt()).isEqualTo(2);
    assertThat(s.get("cloud_rollout_count").asInt()).isEqualTo(2);
    assertThat(s.get("wasm_deliverable_count").asInt()).isEqualTo(1);
    JsonNode state = Json.parse(Files.readString(work.resolve(STATE + "/state.json")));
    assertThat(state.at("/wasm_deliverables/0/blueprint_id").asString()).isEqualTo("edge-wasm");
    assertThat(state.at("/wasm_deliverables/0/artifact_sha256").asString())
        .isEqualTo(manifest.get("artifact_sha256").asString());
  }

  /** Every file under {@code dir}, with timestamps, durations and ages blanked. */
  private static String normalisedTree(Path dir) throws Exception {
    StringBuilder out = new StringBuilder();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (f.getFileName().toString().equals(".state.lock")) {
          continue;
        }
        out.append("== ").append(dir.relativize(f)).append('\n');
        out.append(
            Files.readString(f)
                .replaceAll("(\"[a-z_]*(unix_ms|duration_ms|age_ms)\"\\s*:\\s*)-?[0-9]+", "$1N"));
      }
    }
    return out.toString();
  }

  private String demo(Path state) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(TauProcess.home().resolve("scripts/demo/deployment.sh").toString())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("TAU_DEMO_STATE_DIR", state.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("deployment demo: ok (rollout_gate=pass");
    return normalisedTree(state);
  }

  @Test
  void theDemoScriptLeavesTheSameStateTwiceApartFromTimestamps() throws Exception {
    Path state = work.resolve("demo-state");
    String first = demo(state);
    String second = demo(state);
    assertThat(first)
        .contains("== state.json")
        .contains("== runtime-events.jsonl")
        .contains("channel-store/channels/deployment/edge-wasm/MEMORY.md")
        .contains("\"wasm_deliverables\" : [ {");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void badFixturesAndMissingStateAreRefusedWithAMessage() throws Exception {
    var missing = health();
    assertThat(missing.exitCode()).isEqualTo(42);
    assertThat(missing.stderr()).contains("failed to read state file").doesNotContain("at dev.tau");

    var duplicate = runner(FIXTURES + "/invalid-duplicate-case-id.json");
    assertThat(duplicate.exitCode()).isEqualTo(42);
    assertThat(duplicate.stderr())
        .contains("fixture contains duplicate case_id 'deployment-container-staging'");
    var errorCode = runner(FIXTURES + "/invalid-error-code.json");
    assertThat(errorCode.exitCode()).isEqualTo(42);
    assertThat(errorCode.stderr())
        .contains("unsupported error_code 'deployment_environment_frozen'");
    assertThat(work.resolve(STATE + "/state.json")).doesNotExist();

    var limit = tau("--deployment-contract-runner", "--deployment-queue-limit", "0");
    assertThat(limit.exitCode()).isEqualTo(42);
    assertThat(limit.stderr()).contains("--deployment-queue-limit must be between 1 and");
  }
}
