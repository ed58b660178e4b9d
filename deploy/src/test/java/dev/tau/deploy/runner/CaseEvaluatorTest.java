package dev.tau.deploy.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CaseEvaluatorTest {
  private final CaseEvaluator evaluator = new CaseEvaluator(Cases.NO_MANIFESTS, Path.of("/work"));

  private static void rejected(CaseResult r, int status, String code, String reason) {
    assertThat(r.outcome()).isEqualTo(CaseOutcome.MALFORMED_INPUT);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.errorCodeWire()).isEqualTo(code);
    assertThat(r.responseBody())
        .isEqualTo(Json.parse("{\"status\":\"rejected\",\"reason\":\"" + reason + "\"}"));
  }

  @Test
  void simulatedRetryableFailureWinsOverEveryOtherCheck() {
    CaseResult r = evaluator.evaluate(Cases.container("c").target("mainframe").retryable().build());
    assertThat(r.outcome()).isEqualTo(CaseOutcome.RETRYABLE_FAILURE);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.errorCodeWire()).isEqualTo("deployment_backend_unavailable");
    assertThat(r.responseBody())
        .isEqualTo(
            Json.parse("{\"status\":\"retryable\",\"reason\":\"control_plane_unavailable\"}"));
  }

  @Test
  void eachInvalidBlueprintCheckRejectsWithItsReasonInTableOrder() {
    rejected(
        evaluator.evaluate(Cases.container("c").target("lambda").runtime("jvm").build()),
        400,
        "deployment_invalid_blueprint",
        "unsupported_target");
    rejected(
        evaluator.evaluate(Cases.container("c").runtime("jvm").environment("qa").build()),
        400,
        "deployment_invalid_blueprint",
        "unsupported_runtime_profile");
    rejected(
        evaluator.evaluate(Cases.container("c").environment("qa").blueprint(" ").build()),
        400,
        "deployment_invalid_blueprint",
        "unsupported_environment");
    rejected(
        evaluator.evaluate(Cases.container("c").blueprint(" ").region("").build()),
        400,
        "deployment_invalid_blueprint",
        "missing_blueprint_id");
    rejected(
        evaluator.evaluate(Cases.container("c").region(" ").replicas(0).build()),
        400,
        "deployment_invalid_blueprint",
        "missing_region");
    rejected(
        evaluator.evaluate(Cases.container("c").replicas(0).image("").build()),
        400,
        "deployment_invalid_blueprint",
        "invalid_replica_count");
  }

  @Test
  void aRuntimeThatDoesNotFitTheTargetIsUnprocessable() {
    rejected(
        evaluator.evaluate(Cases.wasm("c").runtime("native").build()),
        422,
        "deployment_unsupported_runtime",
        "runtime_target_mismatch");
    rejected(
        evaluator.evaluate(Cases.container("c").target("kubernetes").runtime("wasm_wasi").build()),
        422,
        "deployment_unsupported_runtime",
        "runtime_target_mismatch");
  }

  @Test
  void missingArtifactsAreRejected() {
    rejected(
        evaluator.evaluate(Cases.wasm("c").module(" ").build()),
        400,
        "deployment_missing_artifact",
        "missing_wasm_module");
    rejected(
        evaluator.evaluate(Cases.container("c").image("").build()),
        400,
        "deployment_missing_artifact",
        "missing_container_image");
  }

  @Test
  void acceptedRolloutsUseTheTargetsStrategyAndNormalisedValues() {
    CaseResult k8s =
        evaluator.evaluate(
            Cases.container("c")
                .target(" Kubernetes ")
                .runtime("NATIVE")
                .environment("Production")
                .blueprint(" prod-k8s ")
                .region(" us-east-1 ")
                .replicas(3)
                .build());
    assertThat(k8s.outcome()).isEqualTo(CaseOutcome.SUCCESS);
    assertThat(k8s.statusCode()).isEqualTo(202);
    assertThat(k8s.errorCode()).isEmpty();
    assertThat(k8s.responseBody())
        .isEqualTo(
            Json.parse(
                """
                {"status":"accepted","blueprint_id":"prod-k8s","deploy_target":"kubernetes",
                 "runtime_profile":"native","environment":"production","region":"us-east-1",
                 "replicas":3,"rollout_strategy":"rolling",
                 "artifact":"ghcr.io/tau-dev/tau-gateway:1.4.2"}
                """));
    assertThat(
            evaluator
                .evaluate(Cases.container("c").build())
                .responseBody()
                .get("rollout_strategy")
                .asString())
        .isEqualTo("recreate");
    CaseResult wasm = evaluator.evaluate(Cases.wasm("c").build());
    assertThat(wasm.statusCode()).isEqualTo(201);
    assertThat(wasm.responseBody().get("rollout_strategy").asString()).isEqualTo("canary");
    assertThat(wasm.responseBody().get("artifact").asString()).isEqualTo("edge/runtime.wasm");
  }

  @Test
  void aManifestCaseTakesTheArtifactFactsFromTheLoadedManifest() {
    AtomicReference<Path> asked = new AtomicReference<>();
    CaseEvaluator withManifest =
        new CaseEvaluator(
            path -> {
              asked.set(path);
              return new WasmManifestLoader.Manifest(
                  "wasm_wasi", "abc.wasm", "ab".repeat(32), 42, List.of("no_native_process_exec"));
            },
            Path.of("/work"));
    CaseResult r =
        withManifest.evaluate(Cases.wasm("c").module("").manifest("m/abc.manifest.json").build());
    assertThat(asked.get()).isEqualTo(Path.of("/work/m/abc.manifest.json"));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.responseBody().get("artifact").asString()).isEqualTo("abc.wasm");
    assertThat(r.responseBody().get("artifact_sha256").asString()).isEqualTo("ab".repeat(32));
    assertThat(r.responseBody().get("artifact_size_bytes").asLong()).isEqualTo(42);
    assertThat(r.responseBody().get("artifact_manifest").asString())
        .isEqualTo("m/abc.manifest.json");
    assertThat(r.responseBody().get("runtime_constraints").get(0).asString())
        .isEqualTo("no_native_process_exec");
  }

  @Test
  void aManifestThatFailsToLoadOrTargetsAnotherRuntimeIsRejected() {
    rejected(
        evaluator.evaluate(Cases.wasm("c").manifest("broken.json").build()),
        400,
        "deployment_missing_artifact",
        "invalid_wasm_manifest");
    CaseEvaluator channelAutomation =
        new CaseEvaluator(
            path ->
                new WasmManifestLoader.Manifest(
                    "channel_automation_wasi", "a.wasm", "ab".repeat(32), 8, List.of("x")),
            Path.of("/work"));
    rejected(
        channelAutomation.evaluate(Cases.wasm("c").manifest("m.json").build()),
        422,
        "deployment_unsupported_runtime",
        "wasm_manifest_runtime_mismatch");
  }

  @Test
  void aResultThatDiffersFromTheExpectationNamesTheCaseAndTheField() {
    DeploymentCase c = Cases.wasm("edge").build(); // expects 202 and an empty body
    CaseResult r = evaluator.evaluate(c);
    assertThatThrownBy(() -> r.requireMatches(c))
        .isInstanceOf(FixtureException.class)
        .hasMessage("case 'edge' expected status_code 202 but observed 201");
    DeploymentCase bodyOff = Cases.wasm("edge").expectSuccess(201).build();
    assertThatThrownBy(() -> evaluator.evaluate(bodyOff).requireMatches(bodyOff))
        .hasMessageStartingWith("case 'edge' expected response_body {} but observed {");
    DeploymentCase consistent = Cases.wasm("edge").selfConsistent();
    evaluator.evaluate(consistent).requireMatches(consistent);
  }
}
