package dev.tau.deploy.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a deliverable against a runtime constraint profile (tau-spec §4.8.4). A constraint
 * ending in {@code *} matches by prefix ({@code wasi:*} matches {@code wasi:cli/run@0.2.0}), any
 * other constraint matches exactly.
 */
public final class Compliance {
  private Compliance() {}

  /** The outcome: the reason codes in report order. */
  public record Result(List<ComplianceReason> reasons) {
    public Result {
      reasons = List.copyOf(reasons);
    }

    /** True when every code is informational (so also when there is none). */
    public boolean compliant() {
      return reasons.stream().allMatch(ComplianceReason::informational);
    }

    public List<String> wire() {
      return reasons.stream().map(ComplianceReason::wire).toList();
    }
  }

  public static Result evaluate(
      RuntimeConstraints profile,
      String runtimeProfile,
      long artifactSizeBytes,
      List<String> capabilityConstraints,
      List<String> importModules) {
    List<ComplianceReason> reasons = new ArrayList<>();
    if (!profile.requiredRuntimeProfile().equals(runtimeProfile)) {
      reasons.add(ComplianceReason.RUNTIME_PROFILE_MISMATCH);
    }
    if (artifactSizeBytes > profile.maxArtifactSizeBytes()) {
      reasons.add(ComplianceReason.ARTIFACT_SIZE_LIMIT_EXCEEDED);
    }
    if (!capabilityConstraints.containsAll(profile.requiredFeatureGates())) {
      reasons.add(ComplianceReason.REQUIRED_FEATURE_GATE_MISSING);
    }
    if (importModules.isEmpty()) {
      reasons.add(ComplianceReason.ABI_ASSUMED_NO_IMPORTS);
    } else {
      if (importModules.stream().noneMatch(m -> matches(profile.requiredAbi(), m))) {
        reasons.add(ComplianceReason.REQUIRED_ABI_MISSING);
      }
      if (!profile.allowedImportModules().isEmpty()
          && importModules.stream()
              .anyMatch(
                  m -> profile.allowedImportModules().stream().noneMatch(p -> matches(p, m)))) {
        reasons.add(ComplianceReason.IMPORT_MODULE_NOT_ALLOWLISTED);
      }
      if (importModules.stream()
          .anyMatch(m -> profile.forbiddenImportModules().stream().anyMatch(p -> matches(p, m)))) {
        reasons.add(ComplianceReason.IMPORT_MODULE_FORBIDDEN);
      }
    }
    return new Result(reasons);
  }

  /** {@code pattern} ending in {@code *}: prefix match; otherwise exact equality. */
  static boolean matches(String pattern, String module) {
    return pattern.endsWith("*")
        ? module.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(module);
  }
}
