package dev.tau.deploy.wasm;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of verifying a packaged deliverable (tau-spec §4.8.6): the fields of the spec's
 * report, the reason codes (integrity failures first, then the §4.8.4 compliance codes) and one
 * message per problem. {@code compliant} is true only when nothing failed.
 */
public final class InspectReport {
  private final Path manifestPath;
  private final WasmManifest manifest;
  private final RuntimeConstraints constraints;
  private final Path artifactPath;
  private final String observedSha256;
  private final long observedSizeBytes;
  private final List<String> observedImports;
  private final List<String> reasonCodes;
  private final List<String> errors;
  private final WasmManifestException firstFailure;

  private InspectReport(Builder b) {
    this.manifestPath = b.manifestPath;
    this.manifest = b.manifest;
    this.constraints = b.constraints;
    this.artifactPath = b.artifactPath;
    this.observedSha256 = b.observedSha256;
    this.observedSizeBytes = b.observedSizeBytes;
    this.observedImports = List.copyOf(b.observedImports);
    this.reasonCodes = List.copyOf(b.reasonCodes);
    this.errors = List.copyOf(b.errors);
    this.firstFailure = b.firstFailure;
  }

  public boolean compliant() {
    return errors.isEmpty();
  }

  public List<String> reasonCodes() {
    return reasonCodes;
  }

  /** One message per problem found, in the order found. */
  public List<String> errors() {
    return errors;
  }

  public Optional<WasmManifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  public List<String> observedImportModules() {
    return observedImports;
  }

  /** Every problem as one exception carrying every reason code of the report. */
  WasmManifestException failure() {
    return new WasmManifestException(reasonCodes, String.join("; ", errors), firstFailure);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("manifest_path", manifestPath.toString());
    o.put("blueprint_id", manifest == null ? "" : manifest.blueprintId());
    o.put("runtime_profile", manifest == null ? "" : manifest.runtimeProfile());
    o.put("constraint_profile_id", constraints == null ? "" : constraints.profileId());
    o.put("constraint_target_role", constraints == null ? "" : constraints.targetRole());
    o.put(
        "required_runtime_profile",
        constraints == null ? "" : constraints.requiredRuntimeProfile());
    o.put("required_abi", constraints == null ? "" : constraints.requiredAbi());
    o.put("compliant", compliant());
    o.set("reason_codes", RuntimeConstraints.array(reasonCodes));
    o.set("observed_import_modules", RuntimeConstraints.array(observedImports));
    o.set(
        "required_feature_gates",
        RuntimeConstraints.array(
            constraints == null ? List.of() : constraints.requiredFeatureGates()));
    o.put("max_artifact_size_bytes", constraints == null ? 0 : constraints.maxArtifactSizeBytes());
    o.put("artifact_path", artifactPath == null ? "" : artifactPath.toString());
    o.put("artifact_sha256", observedSha256);
    o.put("artifact_size_bytes", observedSizeBytes);
    o.set("errors", RuntimeConstraints.array(errors));
    return o;
  }

  public String toText() {
    return "deployment wasm inspect: manifest_path="
        + manifestPath
        + " blueprint_id="
        + (manifest == null ? "" : manifest.blueprintId())
        + " runtime_profile="
        + (manifest == null ? "" : manifest.runtimeProfile())
        + " constraint_profile_id="
        + (constraints == null ? "" : constraints.profileId())
        + " constraint_target_role="
        + (constraints == null ? "" : constraints.targetRole())
        + " required_runtime_profile="
        + (constraints == null ? "" : constraints.requiredRuntimeProfile())
        + " required_abi="
        + (constraints == null ? "" : constraints.requiredAbi())
        + " compliant="
        + compliant()
        + " reason_codes="
        + WasmDeliverables.list(reasonCodes)
        + " observed_import_modules="
        + WasmDeliverables.list(observedImports)
        + " required_feature_gates="
        + WasmDeliverables.list(
            constraints == null ? List.of() : constraints.requiredFeatureGates())
        + " max_artifact_size_bytes="
        + (constraints == null ? 0 : constraints.maxArtifactSizeBytes());
  }

  static final class Builder {
    private final Path manifestPath;
    private WasmManifest manifest;
    private RuntimeConstraints constraints;
    private Path artifactPath;
    private String observedSha256 = "";
    private long observedSizeBytes;
    private List<String> observedImports = List.of();
    private final LinkedHashSet<String> reasonCodes = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();
    private WasmManifestException firstFailure;

    Builder(Path manifestPath) {
      this.manifestPath = manifestPath;
    }

    Builder manifest(WasmManifest value) {
      this.manifest = value;
      return this;
    }

    Builder constraints(RuntimeConstraints value) {
      this.constraints = value;
      return this;
    }

    Builder artifact(Path value) {
      this.artifactPath = value;
      return this;
    }

    Builder observed(String sha256, long size) {
      this.observedSha256 = sha256;
      this.observedSizeBytes = size;
      return this;
    }

    Builder imports(List<String> value) {
      this.observedImports = value;
      return this;
    }

    Builder compliance(Compliance.Result result) {
      reasonCodes.addAll(result.wire());
      return this;
    }

    Builder error(String message) {
      errors.add(message);
      return this;
    }

    Builder fail(WasmManifestException e) {
      if (firstFailure == null) {
        firstFailure = e;
      }
      reasonCodes.addAll(e.reasonCodes());
      errors.add(e.getMessage());
      return this;
    }

    InspectReport build() {
      return new InspectReport(this);
    }
  }
}
