package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deterministic case evaluation table of tau-spec §4.3: the first failing check decides the
 * result; a case that passes every check is accepted with 201 (wasm) or 202 and the rollout body.
 */
public final class CaseEvaluator {
  private final WasmManifestLoader manifests;
  private final Path workingDir;

  /**
   * @param manifests loads the manifests cases name in {@code wasm_manifest}
   * @param workingDir what relative manifest paths are resolved against
   */
  public CaseEvaluator(WasmManifestLoader manifests, Path workingDir) {
    this.manifests = Objects.requireNonNull(manifests, "manifests");
    this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
  }

  public CaseResult evaluate(DeploymentCase c) {
    if (c.simulateRetryableFailure()) {
      return CaseResult.retryable();
    }
    Optional<DeployTarget> target = DeployTarget.parse(c.deployTarget());
    if (target.isEmpty()) {
      return invalid(RejectReason.UNSUPPORTED_TARGET);
    }
    Optional<CaseRuntimeProfile> runtime = CaseRuntimeProfile.parse(c.runtimeProfile());
    if (runtime.isEmpty()) {
      return invalid(RejectReason.UNSUPPORTED_RUNTIME_PROFILE);
    }
    Optional<DeployEnvironment> environment = DeployEnvironment.parse(c.environment());
    if (environment.isEmpty()) {
      return invalid(RejectReason.UNSUPPORTED_ENVIRONMENT);
    }
    if (!runtime.get().runsOn(target.get())) {
      return CaseResult.rejected(
          422,
          DeploymentErrorCode.DEPLOYMENT_UNSUPPORTED_RUNTIME,
          RejectReason.RUNTIME_TARGET_MISMATCH);
    }
    String blueprint = c.blueprintId().strip();
    if (blueprint.isEmpty()) {
      return invalid(RejectReason.MISSING_BLUEPRINT_ID);
    }
    String region = c.region().strip();
    if (region.isEmpty()) {
      return invalid(RejectReason.MISSING_REGION);
    }
    if (c.replicas() <= 0) {
      return invalid(RejectReason.INVALID_REPLICA_COUNT);
    }
    ObjectNode body = Json.object();
    body.put("status", "accepted");
    body.put("blueprint_id", blueprint);
    body.put("deploy_target", target.get().wire());
    body.put("runtime_profile", runtime.get().wire());
    body.put("environment", environment.get().wire());
    body.put("region", region);
    putNumber(body, "replicas", c.replicas());
    body.put("rollout_strategy", target.get().rolloutStrategy());
    if (target.get() == DeployTarget.WASM) {
      String manifestPath = c.wasmManifest().strip();
      if (!manifestPath.isEmpty()) {
        WasmManifestLoader.Manifest manifest;
        try {
          manifest = manifests.load(workingDir.resolve(manifestPath));
        } catch (WasmManifestLoader.InvalidManifest e) {
          return CaseResult.rejected(
              400,
              DeploymentErrorCode.DEPLOYMENT_MISSING_ARTIFACT,
              RejectReason.INVALID_WASM_MANIFEST);
        }
        if (!manifest.runtimeProfile().equals(runtime.get().wire())) {
          return CaseResult.rejected(
              422,
              DeploymentErrorCode.DEPLOYMENT_UNSUPPORTED_RUNTIME,
              RejectReason.WASM_MANIFEST_RUNTIME_MISMATCH);
        }
        body.put("artifact", manifest.artifactPath());
        body.put("artifact_sha256", manifest.artifactSha256());
        putNumber(body, "artifact_size_bytes", manifest.artifactSizeBytes());
        body.put("artifact_manifest", manifestPath);
        var constraints = body.putArray("runtime_constraints");
        manifest.capabilityConstraints().forEach(constraints::add);
      } else {
        String module = c.wasmModule().strip();
        if (module.isEmpty()) {
          return CaseResult.rejected(
              400,
              DeploymentErrorCode.DEPLOYMENT_MISSING_ARTIFACT,
              RejectReason.MISSING_WASM_MODULE);
        }
        body.put("artifact", module);
      }
    } else {
      String image = c.containerImage().strip();
      if (image.isEmpty()) {
        return CaseResult.rejected(
            400,
            DeploymentErrorCode.DEPLOYMENT_MISSING_ARTIFACT,
            RejectReason.MISSING_CONTAINER_IMAGE);
      }
      body.put("artifact", image);
    }
    return new CaseResult(
        CaseOutcome.SUCCESS, target.get() == DeployTarget.WASM ? 201 : 202, Optional.empty(), body);
  }

  /** Numbers as JSON parsing reads them back (int when it fits), so bodies compare equal. */
  private static void putNumber(ObjectNode body, String field, long value) {
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      body.put(field, (int) value);
    } else {
      body.put(field, value);
    }
  }

  private static CaseResult invalid(RejectReason reason) {
    return CaseResult.rejected(400, DeploymentErrorCode.DEPLOYMENT_INVALID_BLUEPRINT, reason);
  }
}
