package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One applied rollout in the deployment {@code state.json} (tau-spec §4.5), keyed by its case key.
 * The runner upserts it for every successful case.
 */
public record RolloutRecord(
    String caseKey,
    String caseId,
    String deployTarget,
    String runtimeProfile,
    String blueprintId,
    String environment,
    String region,
    String artifact,
    String artifactSha256,
    long artifactSizeBytes,
    String artifactManifest,
    List<String> runtimeConstraints,
    long replicas,
    String rolloutStrategy,
    int statusCode,
    String outcome,
    String errorCode,
    long updatedUnixMs) {

  public RolloutRecord {
    if (caseKey == null || caseKey.isBlank()) {
      throw new IllegalArgumentException("rollout case_key cannot be blank");
    }
    runtimeConstraints = List.copyOf(runtimeConstraints);
  }

  /** Whether this rollout went to the WASM target (the rest are cloud rollouts). */
  public boolean wasm() {
    return DeployTarget.WASM.wire().equals(deployTarget);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("case_key", caseKey);
    node.put("case_id", caseId);
    node.put("deploy_target", deployTarget);
    node.put("runtime_profile", runtimeProfile);
    node.put("blueprint_id", blueprintId);
    node.put("environment", environment);
    node.put("region", region);
    node.put("artifact", artifact);
    node.put("artifact_sha256", artifactSha256);
    node.put("artifact_size_bytes", artifactSizeBytes);
    node.put("artifact_manifest", artifactManifest);
    var constraints = node.putArray("runtime_constraints");
    runtimeConstraints.forEach(constraints::add);
    node.put("replicas", replicas);
    node.put("rollout_strategy", rolloutStrategy);
    node.put("status_code", statusCode);
    node.put("outcome", outcome);
    node.put("error_code", errorCode);
    node.put("updated_unix_ms", updatedUnixMs);
    return node;
  }

  /** Reads a record back; null when it has no case key (a damaged entry is dropped). */
  static RolloutRecord fromJson(JsonNode node) {
    String key = Json.text(node, "case_key", "").strip();
    if (key.isEmpty()) {
      return null;
    }
    List<String> constraints = new ArrayList<>();
    for (JsonNode c : node.path("runtime_constraints")) {
      if (c.isString()) {
        constraints.add(c.asString());
      }
    }
    return new RolloutRecord(
        key,
        Json.text(node, "case_id", ""),
        Json.text(node, "deploy_target", ""),
        Json.text(node, "runtime_profile", ""),
        Json.text(node, "blueprint_id", ""),
        Json.text(node, "environment", ""),
        Json.text(node, "region", ""),
        Json.text(node, "artifact", ""),
        Json.text(node, "artifact_sha256", ""),
        Json.number(node, "artifact_size_bytes", 0),
        Json.text(node, "artifact_manifest", ""),
        constraints,
        Json.number(node, "replicas", 0),
        Json.text(node, "rollout_strategy", ""),
        (int) Json.number(node, "status_code", 0),
        Json.text(node, "outcome", ""),
        Json.text(node, "error_code", ""),
        Json.number(node, "updated_unix_ms", 0));
  }
}
