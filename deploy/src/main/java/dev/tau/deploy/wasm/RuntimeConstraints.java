package dev.tau.deploy.wasm;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A runtime constraint profile (tau-spec §4.8.3): what the host that runs a deliverable requires of
 * it. The two canonical profiles come from {@link #forProfile}; a manifest's recorded profile must
 * equal the canonical one of its runtime.
 */
public record RuntimeConstraints(
    int schemaVersion,
    String profileId,
    String targetRole,
    String requiredRuntimeProfile,
    String requiredAbi,
    List<String> requiredFeatureGates,
    List<String> allowedImportModules,
    List<String> forbiddenImportModules,
    long maxArtifactSizeBytes) {

  /** The preview-2 WASI namespace pattern every profile requires. */
  public static final String REQUIRED_ABI = "wasi:*";

  public static final List<String> ALLOWED_IMPORT_MODULES = List.of("wasi:*", "env");
  public static final List<String> FORBIDDEN_IMPORT_MODULES =
      List.of("wasi_snapshot_preview1", "wasi_unstable");

  public RuntimeConstraints {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(targetRole, "targetRole");
    Objects.requireNonNull(requiredRuntimeProfile, "requiredRuntimeProfile");
    Objects.requireNonNull(requiredAbi, "requiredAbi");
    requiredFeatureGates = List.copyOf(requiredFeatureGates);
    allowedImportModules = List.copyOf(allowedImportModules);
    forbiddenImportModules = List.copyOf(forbiddenImportModules);
  }

  /** The base capability constraints every profile requires, in order. */
  public static List<String> baseCapabilityConstraints() {
    return List.of(
        CapabilityConstraint.NO_NATIVE_PROCESS_EXEC.wire(),
        CapabilityConstraint.FILESYSTEM_LIMITED_TO_PREOPENED_DIRS.wire(),
        CapabilityConstraint.NETWORK_ACCESS_REQUIRES_HOST_CAPABILITY.wire(),
        CapabilityConstraint.DETERMINISTIC_TIME_REQUIRES_HOST_INJECTION.wire());
  }

  /** The capability constraints a deliverable of this runtime declares. */
  public static List<String> capabilityConstraints(WasmRuntimeProfile profile) {
    List<String> out = new ArrayList<>(baseCapabilityConstraints());
    if (profile == WasmRuntimeProfile.CHANNEL_AUTOMATION_WASI) {
      out.add(CapabilityConstraint.CHANNEL_EVENT_DISPATCH_HOST_CAPABILITY.wire());
    }
    return List.copyOf(out);
  }

  /** The canonical constraint profile of a runtime profile. */
  public static RuntimeConstraints forProfile(WasmRuntimeProfile profile) {
    return switch (profile) {
      case WASM_WASI ->
          new RuntimeConstraints(
              1,
              "control_plane_gateway_v1",
              "control_plane_gateway",
              profile.wire(),
              REQUIRED_ABI,
              capabilityConstraints(profile),
              ALLOWED_IMPORT_MODULES,
              FORBIDDEN_IMPORT_MODULES,
              2_097_152);
      case CHANNEL_AUTOMATION_WASI ->
          new RuntimeConstraints(
              1,
              "channel_automation_runtime_v1",
              "channel_automation_runtime",
              profile.wire(),
              REQUIRED_ABI,
              capabilityConstraints(profile),
              ALLOWED_IMPORT_MODULES,
              FORBIDDEN_IMPORT_MODULES,
              1_048_576);
    };
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("schema_version", schemaVersion);
    o.put("profile_id", profileId);
    o.put("target_role", targetRole);
    o.put("required_runtime_profile", requiredRuntimeProfile);
    o.put("required_abi", requiredAbi);
    o.set("required_feature_gates", array(requiredFeatureGates));
    o.set("allowed_import_modules", array(allowedImportModules));
    o.set("forbidden_import_modules", array(forbiddenImportModules));
    o.put("max_artifact_size_bytes", maxArtifactSizeBytes);
    return o;
  }

  /**
   * Reads a recorded profile; a missing field reads as empty so that the comparison with the
   * canonical profile reports it.
   *
   * @throws WasmManifestException when a field has the wrong JSON type
   */
  public static RuntimeConstraints fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new WasmManifestException(
          IntegrityFailure.MANIFEST_INVALID, "runtime_constraints must be an object");
    }
    return new RuntimeConstraints(
        (int) Json.number(node, "schema_version", 1),
        Json.text(node, "profile_id", ""),
        Json.text(node, "target_role", ""),
        Json.text(node, "required_runtime_profile", ""),
        Json.text(node, "required_abi", ""),
        strings(node, "required_feature_gates"),
        strings(node, "allowed_import_modules"),
        strings(node, "forbidden_import_modules"),
        Json.number(node, "max_artifact_size_bytes", 0));
  }

  static ArrayNode array(List<String> values) {
    ArrayNode a = Json.array();
    values.forEach(a::add);
    return a;
  }

  /** A string array field; absent reads as empty, anything else but strings is an error. */
  static List<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new WasmManifestException(
          IntegrityFailure.MANIFEST_INVALID, field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw new WasmManifestException(
            IntegrityFailure.MANIFEST_INVALID, field + " must be an array of strings");
      }
      out.add(item.asString());
    }
    return out;
  }
}
