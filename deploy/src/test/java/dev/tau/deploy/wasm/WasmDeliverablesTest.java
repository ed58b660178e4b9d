package dev.tau.deploy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.error.InputException;
import dev.tau.core.json.Json;
import dev.tau.deploy.runner.WasmManifestLoader;
import dev.tau.testkit.wasm.WasmModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WasmDeliverablesTest {
  private static final long NOW = 1_760_000_000_000L;

  @TempDir Path dir;
  private WasmDeliverables deliverables;
  private Path stateDir;
  private Path outputDir;

  @BeforeEach
  void setUp() {
    deliverables = new WasmDeliverables(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    stateDir = dir.resolve("deployment");
    outputDir = stateDir.resolve("wasm-artifacts");
  }

  private Path module(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private WasmDeliverables.PackageReport pack(Path module, String blueprint, WasmRuntimeProfile p)
      throws Exception {
    return deliverables.pack(
        new WasmDeliverables.PackageRequest(module, blueprint, p, outputDir, stateDir));
  }

  private WasmDeliverables.PackageReport packEdge() throws Exception {
    return pack(
        module("edge.wasm", WasmModules.edgeRuntime()), "edge-wasm", WasmRuntimeProfile.WASM_WASI);
  }

  @Test
  void packageWritesArtifactManifestAndStateEntry() throws Exception {
    byte[] bytes = WasmModules.edgeRuntime();
    WasmDeliverables.PackageReport report = packEdge();
    String sha = WasmDeliverables.sha256(bytes);

    assertThat(report.artifactPath()).isEqualTo(outputDir.resolve("edge-wasm/" + sha + ".wasm"));
    assertThat(Files.readAllBytes(report.artifactPath())).isEqualTo(bytes);
    JsonNode manifest = Json.parse(Files.readString(report.manifestPath()));
    assertThat(manifest.get("manifest_kind").asString()).isEqualTo("tau_wasm_deliverable");
    assertThat(manifest.get("deploy_target").asString()).isEqualTo("wasm");
    assertThat(manifest.get("runtime_profile").asString()).isEqualTo("wasm_wasi");
    assertThat(manifest.get("artifact_path").asString()).isEqualTo(sha + ".wasm");
    assertThat(manifest.get("artifact_sha256").asString()).isEqualTo(sha);
    assertThat(manifest.get("artifact_size_bytes").asLong()).isEqualTo(bytes.length);
    assertThat(manifest.get("generated_unix_ms").asLong()).isEqualTo(NOW);
    assertThat(manifest.get("observed_import_modules").toString())
        .isEqualTo("[\"wasi:clocks/monotonic-clock@0.2.0\"]");
    assertThat(manifest.get("runtime_constraints").get("profile_id").asString())
        .isEqualTo("control_plane_gateway_v1");
    assertThat(manifest.get("capability_constraints")).hasSize(4);

    JsonNode state = Json.parse(Files.readString(stateDir.resolve("state.json")));
    JsonNode entry = state.get("wasm_deliverables").get(0);
    assertThat(entry.get("blueprint_id").asString()).isEqualTo("edge-wasm");
    assertThat(entry.get("artifact_sha256").asString()).isEqualTo(sha);
    assertThat(entry.get("constraint_profile_id").asString()).isEqualTo("control_plane_gateway_v1");
    assertThat(state.has("rollouts")).isTrue();

    ObjectNode json = report.toJson();
    assertThat(json.get("state_updated").asBoolean()).isTrue();
    assertThat(json.get("compliance_reason_codes")).isEmpty();
    assertThat(report.toText()).startsWith("deployment wasm package: blueprint_id=edge-wasm ");
  }

  @Test
  void packagingTheSameModuleTwiceGivesTheSameHashAndOneStateEntry() throws Exception {
    String first = packEdge().manifest().artifactSha256();
    String second = packEdge().manifest().artifactSha256();
    assertThat(second).isEqualTo(first);
    JsonNode state = Json.parse(Files.readString(stateDir.resolve("state.json")));
    assertThat(state.get("wasm_deliverables")).hasSize(1);
  }

  @Test
  void channelAutomationProfileAddsTheDispatchConstraint() throws Exception {
    WasmDeliverables.PackageReport report =
        pack(
            module("edge.wasm", WasmModules.edgeRuntime()),
            "channel-automation-wasm",
            WasmRuntimeProfile.CHANNEL_AUTOMATION_WASI);
    assertThat(report.manifest().capabilityConstraints())
        .endsWith("channel_event_dispatch_host_capability");
    assertThat(report.manifest().runtimeConstraints().profileId())
        .isEqualTo("channel_automation_runtime_v1");
  }

  @Test
  void blueprintIdIsSanitisedForTheDirectory() throws Exception {
    WasmDeliverables.PackageReport report =
        pack(
            module("edge.wasm", WasmModules.edgeRuntime()),
            "edge/wasm v2",
            WasmRuntimeProfile.WASM_WASI);
    assertThat(report.artifactPath().getParent().getFileName().toString())
        .isEqualTo("edge_wasm_v2");
    assertThat(report.manifest().blueprintId()).isEqualTo("edge/wasm v2");
  }

  @Test
  void nonCompliantModulesAreRefusedWithTheirReasonCodes() throws Exception {
    assertThatThrownBy(
            () ->
                pack(
                    module("p1.wasm", WasmModules.wasiPreview1()),
                    "b",
                    WasmRuntimeProfile.WASM_WASI))
        .isInstanceOf(WasmManifestException.class)
        .hasMessage(
            "deployment wasm package runtime constraints failed: reason_codes="
                + "required_abi_missing,import_module_not_allowlisted,import_module_forbidden");
    assertThatThrownBy(
            () ->
                pack(module("env.wasm", WasmModules.envOnly()), "b", WasmRuntimeProfile.WASM_WASI))
        .hasMessageEndingWith("reason_codes=required_abi_missing");
    assertThatThrownBy(
            () ->
                pack(
                    module("big.wasm", WasmModules.oversize(1_100_000)),
                    "b",
                    WasmRuntimeProfile.CHANNEL_AUTOMATION_WASI))
        .hasMessageEndingWith("reason_codes=artifact_size_limit_exceeded");
    assertThat(outputDir).doesNotExist();
    assertThat(stateDir.resolve("state.json")).doesNotExist();
  }

  @Test
  void invalidModulesAndInputsAreRefused() throws Exception {
    assertThatThrownBy(
            () ->
                pack(module("t.wasm", WasmModules.truncated()), "b", WasmRuntimeProfile.WASM_WASI))
        .hasMessageStartingWith("invalid WebAssembly module");
    assertThatThrownBy(() -> pack(dir.resolve("missing.wasm"), "b", WasmRuntimeProfile.WASM_WASI))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> pack(dir, "b", WasmRuntimeProfile.WASM_WASI))
        .hasMessageContaining("is not a file");
    assertThatThrownBy(
            () ->
                pack(
                    module("e.wasm", WasmModules.edgeRuntime()),
                    "  ",
                    WasmRuntimeProfile.WASM_WASI))
        .hasMessageContaining("blueprint-id cannot be empty");
  }

  @Test
  void inspectOfAFreshPackageIsCompliant() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.compliant()).isTrue();
    assertThat(inspect.reasonCodes()).isEmpty();
    ObjectNode json = inspect.toJson();
    assertThat(json.get("constraint_target_role").asString()).isEqualTo("control_plane_gateway");
    assertThat(json.get("required_abi").asString()).isEqualTo("wasi:*");
    assertThat(json.get("max_artifact_size_bytes").asLong()).isEqualTo(2_097_152);
    assertThat(inspect.toText()).contains(" compliant=true reason_codes=none ");
  }

  @Test
  void inspectOfAHeaderOnlyModuleReportsTheInformationalCode() throws Exception {
    WasmDeliverables.PackageReport report =
        pack(module("h.wasm", WasmModules.headerOnly()), "h", WasmRuntimeProfile.WASM_WASI);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.compliant()).isTrue();
    assertThat(inspect.reasonCodes()).containsExactly("abi_assumed_no_imports");
  }

  @Test
  void aTamperedArtifactFailsOnHashAndSize() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    byte[] other = WasmModules.wasiPreview2();
    Files.write(report.artifactPath(), other);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.compliant()).isFalse();
    assertThat(inspect.reasonCodes())
        .contains("artifact_sha256_mismatch", "artifact_size_mismatch");
    assertThat(inspect.errors().getFirst()).startsWith("hash mismatch: expected ");
  }

  @Test
  void aFlippedByteOfTheSameSizeFailsOnHashOnly() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    byte[] bytes = Files.readAllBytes(report.artifactPath());
    bytes[bytes.length - 1] ^= 0x01; // inside the custom section: still a valid module
    Files.write(report.artifactPath(), bytes);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.reasonCodes()).containsExactly("artifact_sha256_mismatch");
    assertThat(inspect.compliant()).isFalse();
  }

  @Test
  void aForbiddenImportSwappedInWithAConsistentHashIsStillCaught() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    byte[] evil = WasmModules.wasiPreview1();
    Files.write(report.artifactPath(), evil);
    rewrite(report.manifestPath(), evil);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.compliant()).isFalse();
    assertThat(inspect.reasonCodes())
        .containsExactly(
            "required_abi_missing",
            "import_module_not_allowlisted",
            "import_module_forbidden",
            "import_modules_mismatch");
    assertThat(inspect.observedImportModules()).containsExactly("wasi_snapshot_preview1");
  }

  @Test
  void anOversizeModuleSwappedInIsCaught() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    byte[] big = WasmModules.oversize(2_200_000);
    Files.write(report.artifactPath(), big);
    rewrite(report.manifestPath(), big);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.reasonCodes()).contains("artifact_size_limit_exceeded");
    assertThat(inspect.compliant()).isFalse();
  }

  @Test
  void aCorruptArtifactWithAConsistentHashFailsTheParse() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    byte[] corrupt = WasmModules.corrupt();
    Files.write(report.artifactPath(), corrupt);
    rewrite(report.manifestPath(), corrupt);
    InspectReport inspect = WasmDeliverables.inspect(report.manifestPath());
    assertThat(inspect.reasonCodes()).containsExactly("wasm_module_invalid");
  }

  @Test
  void manifestProblemsHaveTheirOwnCodes() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    Path manifest = report.manifestPath();
    String original = Files.readString(manifest);

    Files.writeString(manifest, "{not json");
    assertThat(WasmDeliverables.inspect(manifest).reasonCodes())
        .containsExactly("manifest_unreadable");

    ObjectNode node = (ObjectNode) Json.parse(original);
    node.put("artifact_sha256", "ABC");
    Files.writeString(manifest, Json.write(node));
    assertThat(WasmDeliverables.inspect(manifest).reasonCodes())
        .containsExactly("manifest_invalid");

    node = (ObjectNode) Json.parse(original);
    ((ObjectNode) node.get("runtime_constraints")).put("max_artifact_size_bytes", 99_000_000);
    Files.writeString(manifest, Json.write(node));
    assertThat(WasmDeliverables.inspect(manifest).reasonCodes())
        .containsExactly("runtime_constraints_mismatch");

    Files.writeString(manifest, original);
    Files.delete(report.artifactPath());
    assertThat(WasmDeliverables.inspect(manifest).reasonCodes())
        .containsExactly("artifact_missing");
    assertThat(WasmDeliverables.inspect(dir.resolve("none.json")).reasonCodes())
        .containsExactly("manifest_unreadable");
  }

  @Test
  void runnerLoaderAcceptsGoodAndRefusesTamperedDeliverables() throws Exception {
    WasmDeliverables.PackageReport report = packEdge();
    WasmManifestLoader.Manifest loaded =
        WasmDeliverables.runnerLoader().load(report.manifestPath());
    assertThat(loaded.runtimeProfile()).isEqualTo("wasm_wasi");
    assertThat(loaded.artifactSha256()).isEqualTo(report.manifest().artifactSha256());
    Files.write(report.artifactPath(), WasmModules.noImports());
    assertThatThrownBy(() -> WasmDeliverables.runnerLoader().load(report.manifestPath()))
        .isInstanceOf(WasmManifestLoader.InvalidManifest.class)
        .hasMessageContaining("hash mismatch");
  }

  /** Rewrites the recorded hash and size so only the content checks can catch the swap. */
  private static void rewrite(Path manifest, byte[] bytes) throws Exception {
    ObjectNode node = (ObjectNode) Json.parse(Files.readString(manifest));
    node.put("artifact_sha256", WasmDeliverables.sha256(bytes));
    node.put("artifact_size_bytes", bytes.length);
    Files.writeString(manifest, Json.write(node));
  }
}
