package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code wasm_deliverables} entry of the deployment {@code state.json} (tau-spec §4.8.5): what
 * the WASM package command produced for one blueprint and runtime profile.
 *
 * @param runtimeProfile the wire name ({@code wasm_wasi}, {@code channel_automation_wasi})
 * @param generatedUnixMs when the package command wrote the manifest
 */
public record WasmDeliverable(
    String blueprintId,
    String runtimeProfile,
    String constraintProfileId,
    String requiredAbi,
    List<String> requiredFeatureGates,
    String artifactPath,
    String artifactSha256,
    long artifactSizeBytes,
    String manifestPath,
    long generatedUnixMs) {

  public WasmDeliverable {
    requireText(blueprintId, "blueprint_id");
    requireText(runtimeProfile, "runtime_profile");
    requireText(constraintProfileId, "constraint_profile_id");
    requireText(requiredAbi, "required_abi");
    requiredFeatureGates = List.copyOf(requiredFeatureGates);
    requireText(artifactPath, "artifact_path");
    requireText(artifactSha256, "artifact_sha256");
    requireText(manifestPath, "manifest_path");
    if (artifactSizeBytes <= 0) {
      throw new IllegalArgumentException("artifact_size_bytes must be > 0");
    }
  }

  private static void requireText(String value, String field) {
    if (Objects.requireNonNull(value, field).isBlank()) {
      throw new IllegalArgumentException(field + " cannot be blank");
    }
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("schema_version", 1);
    node.put("blueprint_id", blueprintId);
    node.put("deploy_target", "wasm");
    node.put("runtime_profile", runtimeProfile);
    node.put("constraint_profile_id", constraintProfileId);
    node.put("required_abi", requiredAbi);
    var gates = node.putArray("required_feature_gates");
    requiredFeatureGates.forEach(gates::add);
    node.put("artifact_path", artifactPath);
    node.put("artifact_sha256", artifactSha256);
    node.put("artifact_size_bytes", artifactSizeBytes);
    node.put("manifest_path", manifestPath);
    node.put("generated_unix_ms", generatedUnixMs);
    return node;
  }
}
