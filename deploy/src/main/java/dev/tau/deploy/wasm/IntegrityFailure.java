package dev.tau.deploy.wasm;

/**
 * Why a packaged deliverable failed verification before its compliance could be evaluated: the
 * manifest or the artifact next to it is missing, malformed or does not match. Reported by inspect
 * next to the §4.8.4 compliance codes.
 */
public enum IntegrityFailure {
  /** The manifest file cannot be read or is not JSON. */
  MANIFEST_UNREADABLE("manifest_unreadable"),
  /** The manifest breaks a §4.8.2 validation rule. */
  MANIFEST_INVALID("manifest_invalid"),
  /** The recorded runtime constraints differ from the canonical profile of the runtime. */
  RUNTIME_CONSTRAINTS_MISMATCH("runtime_constraints_mismatch"),
  /** The artifact the manifest names does not exist or cannot be read. */
  ARTIFACT_MISSING("artifact_missing"),
  /** The artifact's SHA-256 differs from {@code artifact_sha256}. */
  ARTIFACT_SHA256_MISMATCH("artifact_sha256_mismatch"),
  /** The artifact's size differs from {@code artifact_size_bytes}. */
  ARTIFACT_SIZE_MISMATCH("artifact_size_mismatch"),
  /** The artifact is not a valid WebAssembly module (magic, truncation, malformed section). */
  WASM_MODULE_INVALID("wasm_module_invalid"),
  /** The imports parsed from the artifact differ from {@code observed_import_modules}. */
  IMPORT_MODULES_MISMATCH("import_modules_mismatch");

  private final String wire;

  IntegrityFailure(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
