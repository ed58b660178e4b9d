package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deployment runbook's WASM packaging, inspect and browser DID commands, verbatim with {@code
 * bin/tau}, in a fresh working directory whose {@code crates/} holds the runbook's testdata; then a
 * tampered artifact and the sandboxed smoke run.
 */
class WasmDeliverableIT {
  private static final String MODULE =
      "./crates/tau-coding-agent/testdata/deployment-wasm/edge-runtime.wasm";

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

  private TauProcess.Result packageEdge() throws Exception {
    return tau(
        "--deployment-state-dir",
        ".tau/deployment",
        "--deployment-wasm-package-module",
        MODULE,
        "--deployment-wasm-package-blueprint-id",
        "edge-wasm",
        "--deployment-wasm-package-runtime-profile",
        "wasm-wasi",
        "--deployment-wasm-package-output-dir",
        ".tau/deployment/wasm-artifacts",
        "--deployment-wasm-package-json");
  }

  private TauProcess.Result inspect(String manifest) throws Exception {
    return tau("--deployment-wasm-inspect-manifest", manifest, "--deployment-wasm-inspect-json");
  }

  @Test
  void runbookPackageAndInspectCommandsWorkVerbatim() throws Exception {
    TauProcess.Result packed = packageEdge();
    assertThat(packed.exitCode()).as(packed.stderr()).isZero();
    JsonNode report = Json.parse(packed.stdout());
    String sha = report.get("artifact_sha256").asString();
    assertThat(sha).matches("[0-9a-f]{64}");
    assertThat(report.get("runtime_profile").asString()).isEqualTo("wasm_wasi");
    assertThat(report.get("constraint_profile_id").asString())
        .isEqualTo("control_plane_gateway_v1");
    assertThat(report.get("state_updated").asBoolean()).isTrue();
    assertThat(report.get("artifact_path").asString())
        .isEqualTo(".tau/deployment/wasm-artifacts/edge-wasm/" + sha + ".wasm");
    assertThat(work.resolve(".tau/deployment/wasm-artifacts/edge-wasm/" + sha + ".wasm")).exists();

    TauProcess.Result channel =
        tau(
            "--deployment-state-dir",
            ".tau/deployment",
            "--deployment-wasm-package-module",
            MODULE,
            "--deployment-wasm-package-blueprint-id",
            "channel-automation-wasm",
            "--deployment-wasm-package-runtime-profile",
            "channel-automation-wasi",
            "--deployment-wasm-package-output-dir",
            ".tau/deployment/wasm-artifacts",
            "--deployment-wasm-package-json");
    assertThat(channel.exitCode()).as(channel.stderr()).isZero();
    assertThat(Json.parse(channel.stdout()).get("constraint_profile_id").asString())
        .isEqualTo("channel_automation_runtime_v1");

    JsonNode state = Json.parse(Files.readString(work.resolve(".tau/deployment/state.json")));
    assertThat(state.get("wasm_deliverables")).hasSize(2);

    String manifest = ".tau/deployment/wasm-artifacts/edge-wasm/" + sha + ".manifest.json";
    TauProcess.Result inspected = inspect(manifest);
    assertThat(inspected.exitCode()).as(inspected.stderr()).isZero();
    JsonNode inspect = Json.parse(inspected.stdout());
    assertThat(inspect.get("compliant").asBoolean()).isTrue();
    assertThat(inspect.get("constraint_target_role").asString()).isEqualTo("control_plane_gateway");
    assertThat(inspect.get("observed_import_modules").get(0).asString())
        .isEqualTo("wasi:clocks/monotonic-clock@0.2.0");

    TauProcess.Result smoke = tau("--deployment-wasm-smoke");
    assertThat(smoke.exitCode()).as(smoke.stdout() + smoke.stderr()).isZero();
    assertThat(smoke.stdout()).contains("wasm smoke summary: deliverables=2 passed=2 failed=0");

    // tamper: one flipped byte in the artifact
    Path artifact = work.resolve(".tau/deployment/wasm-artifacts/edge-wasm/" + sha + ".wasm");
    byte[] bytes = Files.readAllBytes(artifact);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(artifact, bytes);
    TauProcess.Result tampered = inspect(manifest);
    assertThat(tampered.exitCode()).isEqualTo(1);
    JsonNode failed = Json.parse(tampered.stdout());
    assertThat(failed.get("compliant").asBoolean()).isFalse();
    assertThat(failed.get("reason_codes").get(0).asString()).isEqualTo("artifact_sha256_mismatch");
    assertThat(tampered.stderr()).contains("hash mismatch: expected " + sha);

    TauProcess.Result smokeAfter = tau("--deployment-wasm-smoke");
    assertThat(smokeAfter.exitCode()).isEqualTo(1);
    assertThat(smokeAfter.stdout()).contains("wasm smoke: fail blueprint_id=edge-wasm");
  }

  @Test
  void forbiddenImportsAreRefusedAtPackagingAndAtInspect() throws Exception {
    TauProcess.Result refused =
        tau(
            "--deployment-wasm-package-module",
            "./crates/tau-coding-agent/testdata/deployment-wasm/legacy-wasi-preview1.wasm",
            "--deployment-wasm-package-blueprint-id",
            "legacy");
    assertThat(refused.exitCode()).isEqualTo(42);
    assertThat(refused.stderr())
        .contains(
            "deployment wasm package runtime constraints failed: reason_codes="
                + "required_abi_missing,import_module_not_allowlisted,import_module_forbidden");

    JsonNode report = Json.parse(packageEdge().stdout());
    Path manifest = work.resolve(report.get("manifest_path").asString());
    Path artifact = work.resolve(report.get("artifact_path").asString());
    byte[] legacy =
        Files.readAllBytes(
            work.resolve(
                "crates/tau-coding-agent/testdata/deployment-wasm/legacy-wasi-preview1.wasm"));
    Files.write(artifact, legacy);
    ObjectNode node = (ObjectNode) Json.parse(Files.readString(manifest));
    node.put(
        "artifact_sha256",
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(legacy)));
    node.put("artifact_size_bytes", legacy.length);
    Files.writeString(manifest, Json.write(node));
    TauProcess.Result inspected =
        tau("--deployment-wasm-inspect-manifest", report.get("manifest_path").asString());
    assertThat(inspected.exitCode()).isEqualTo(1);
    assertThat(inspected.stdout())
        .startsWith("deployment wasm inspect: ")
        .contains(" compliant=false ")
        .contains("import_module_forbidden");
  }

  @Test
  void runbookBrowserDidCommandIsDeterministicAndResolvable() throws Exception {
    String[] args = {
      "--deployment-wasm-browser-did-init",
      "--deployment-wasm-browser-did-method",
      "key",
      "--deployment-wasm-browser-did-network",
      "tau-devnet",
      "--deployment-wasm-browser-did-subject",
      "browser-agent",
      "--deployment-wasm-browser-did-entropy",
      "local-dev-seed",
      "--deployment-wasm-browser-did-output",
      ".tau/deployment/browser-did.json",
      "--deployment-wasm-browser-did-json"
    };
    TauProcess.Result first = tau(args);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    String payload = Files.readString(work.resolve(".tau/deployment/browser-did.json"));
    TauProcess.Result second = tau(args);
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(Files.readString(work.resolve(".tau/deployment/browser-did.json")))
        .isEqualTo(payload);
    JsonNode report = Json.parse(first.stdout());
    assertThat(report.get("did").asString()).startsWith("did:key:z6Mk");
    assertThat(report.get("persisted").asBoolean()).isTrue();
    assertThat(Json.parse(payload).get("identity").get("did").asString())
        .isEqualTo(report.get("did").asString());

    TauProcess.Result bad =
        tau(
            "--deployment-wasm-browser-did-init",
            "--deployment-wasm-browser-did-network",
            "bad..net",
            "--deployment-wasm-browser-did-entropy",
            "x");
    assertThat(bad.exitCode()).isEqualTo(42);
    assertThat(bad.stderr())
        .contains(
            "failed to build browser DID identity (method=key, network=bad..net,"
                + " subject=browser-agent): network contains empty label segments");
  }
}
