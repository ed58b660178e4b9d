package dev.tau.deploy.wasm;

/**
 * Why a deliverable does or does not meet its runtime constraint profile (tau-spec §4.8.4), in the
 * order they are reported. Only {@link #ABI_ASSUMED_NO_IMPORTS} is informational; any other code
 * makes the deliverable non-compliant.
 */
public enum ComplianceReason {
  RUNTIME_PROFILE_MISMATCH("runtime_profile_mismatch"),
  ARTIFACT_SIZE_LIMIT_EXCEEDED("artifact_size_limit_exceeded"),
  REQUIRED_FEATURE_GATE_MISSING("required_feature_gate_missing"),
  ABI_ASSUMED_NO_IMPORTS("abi_assumed_no_imports"),
  REQUIRED_ABI_MISSING("required_abi_missing"),
  IMPORT_MODULE_NOT_ALLOWLISTED("import_module_not_allowlisted"),
  IMPORT_MODULE_FORBIDDEN("import_module_forbidden");

  private final String wire;

  ComplianceReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean informational() {
    return this == ABI_ASSUMED_NO_IMPORTS;
  }
}
