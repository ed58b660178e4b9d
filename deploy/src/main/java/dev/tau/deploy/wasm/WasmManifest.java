package dev.tau.deploy.wasm;

import dev.tau.core.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest next to a packaged WASM artifact ({@code manifest_kind = tau_wasm_deliverable},
 * tau-spec §4.8.2). {@link #fromJson} applies the documented read defaults; {@link #validate}
 * applies the manifest rules. Verifying the artifact against it is {@link WasmDeliverables}'s job.
 */
public record WasmManifest(
    int schemaVersion,
    String manifestKind,
    String blueprintId,
    String deployTarget,
    String runtimeProfile,
    String sourceModulePath,
    String artifactPath,
    String artifactSha256,
    long artifactSizeBytes,
    long generatedUnixMs,
    List<String> capabilityConstraints,
    RuntimeConstraints runtimeConstraints,
    List<String> observedImportModules) {

  public static final String KIND = "tau_wasm_deliverable";
  public static final String DEPLOY_TARGET = "wasm";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public WasmManifest {
    Objects.requireNonNull(manifestKind, "manifestKind");
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(deployTarget, "deployTarget");
    Objects.requireNonNull(runtimeProfile, "runtimeProfile");
    Objects.requireNonNull(sourceModulePath, "sourceModulePath");
    Objects.requireNonNull(artifactPath, "artifactPath");
    Objects.requireNonNull(artifactSha256, "artifactSha256");
    Objects.requireNonNull(runtimeConstraints, "runtimeConstraints");
    capabilityConstraints = List.copyOf(capabilityConstraints);
    observedImportModules = List.copyOf(observedImportModules);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("schema_version", schemaVersion);
    o.put("manifest_kind", manifestKind);
    o.put("blueprint_id", blueprintId);
    o.put("deploy_target", deployTarget);
    o.put("runtime_profile", runtimeProfile);
    o.put("source_module_path", sourceModulePath);
    o.put("artifact_path", artifactPath);
    o.put("artifact_sha256", artifactSha256);
    o.put("artifact_size_bytes", artifactSizeBytes);
    o.put("generated_unix_ms", generatedUnixMs);
    o.set("capability_constraints", RuntimeConstraints.array(capabilityConstraints));
    o.set("runtime_constraints", runtimeConstraints.toJson());
    o.set("observed_import_modules", RuntimeConstraints.array(observedImportModules));
    return o;
  }

  /**
   * Reads a manifest with the documented defaults for absent fields.
   *
   * @throws WasmManifestException ({@link IntegrityFailure#MANIFEST_INVALID}) for a non-object or a
   *     field of the wrong type
   */
  public static WasmManifest fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new WasmManifestException(
          IntegrityFailure.MANIFEST_INVALID, "manifest must be a JSON object");
    }
    String runtime = Json.text(node, "runtime_profile", "");
    JsonNode constraints = node.get("runtime_constraints");
    RuntimeConstraints recorded =
        constraints == null || constraints.isNull()
            ? RuntimeConstraints.forProfile(WasmRuntimeProfile.WASM_WASI)
            : RuntimeConstraints.fromJson(constraints);
    JsonNode capabilities = node.get("capability_constraints");
    return new WasmManifest(
        (int) Json.number(node, "schema_version", 1),
        Json.text(node, "manifest_kind", KIND),
        Json.text(node, "blueprint_id", ""),
        Json.text(node, "deploy_target", ""),
        runtime,
        Json.text(node, "source_module_path", ""),
        Json.text(node, "artifact_path", ""),
        Json.text(node, "artifact_sha256", ""),
        Json.number(node, "artifact_size_bytes", 0),
        Json.number(node, "generated_unix_ms", 0),
        capabilities == null || capabilities.isNull()
            ? RuntimeConstraints.baseCapabilityConstraints()
            : RuntimeConstraints.strings(node, "capability_constraints"),
        recorded,
        RuntimeConstraints.strings(node, "observed_import_modules"));
  }

  /**
   * Applies the manifest rules of tau-spec §4.8.2, including compliance on the recorded imports.
   *
   * @return the runtime profile
   * @throws WasmManifestException naming the first broken rule and its reason code
   */
  public WasmRuntimeProfile validate() {
    if (schemaVersion != 1) {
      throw invalid("unsupported manifest schema_version " + schemaVersion + " (expected 1)");
    }
    if (!KIND.equals(manifestKind)) {
      throw invalid("manifest_kind must be '" + KIND + "' (found '" + manifestKind + "')");
    }
    if (blueprintId.isBlank()) {
      throw invalid("blueprint_id cannot be empty");
    }
    if (!DEPLOY_TARGET.equals(deployTarget)) {
      throw invalid("deploy_target must be 'wasm' (found '" + deployTarget + "')");
    }
    WasmRuntimeProfile profile =
        WasmRuntimeProfile.fromWire(runtimeProfile)
            .orElseThrow(() -> invalid("unsupported runtime_profile '" + runtimeProfile + "'"));
    if (sourceModulePath.isBlank()) {
      throw invalid("source_module_path cannot be empty");
    }
    if (artifactPath.isBlank()) {
      throw invalid("artifact_path cannot be empty");
    }
    if (!SHA256.matcher(artifactSha256).matches()) {
      throw invalid("artifact_sha256 must be 64 lowercase hex characters");
    }
    if (artifactSizeBytes <= 0) {
      throw invalid("artifact_size_bytes must be greater than 0");
    }
    if (generatedUnixMs <= 0) {
      throw invalid("generated_unix_ms must be greater than 0");
    }
    if (capabilityConstraints.isEmpty()
        || capabilityConstraints.stream().anyMatch(String::isBlank)) {
      throw invalid("capability_constraints must be a non-empty list of non-blank entries");
    }
    RuntimeConstraints canonical = RuntimeConstraints.forProfile(profile);
    if (!canonical.equals(runtimeConstraints)) {
      throw new WasmManifestException(
          IntegrityFailure.RUNTIME_CONSTRAINTS_MISMATCH,
          "runtime_constraints differ from the canonical profile "
              + canonical.profileId()
              + " of runtime "
              + profile.wire());
    }
    Compliance.Result recorded =
        Compliance.evaluate(
            canonical,
            runtimeProfile,
            artifactSizeBytes,
            capabilityConstraints,
            observedImportModules);
    if (!recorded.compliant()) {
      throw new WasmManifestException(
          recorded,
          "runtime constraints failed: reason_codes=" + String.join(",", recorded.wire()));
    }
    return profile;
  }

  private static WasmManifestException invalid(String message) {
    return new WasmManifestException(IntegrityFailure.MANIFEST_INVALID, message);
  }
}
