package dev.tau.deploy.runner;

import java.util.Locale;

/**
 * The {@code reason} of a non-success response body (tau-spec §4.3), in the order the evaluation
 * checks them; {@link #CONTROL_PLANE_UNAVAILABLE} is the reason of a retryable failure.
 */
public enum RejectReason {
  CONTROL_PLANE_UNAVAILABLE,
  UNSUPPORTED_TARGET,
  UNSUPPORTED_RUNTIME_PROFILE,
  UNSUPPORTED_ENVIRONMENT,
  RUNTIME_TARGET_MISMATCH,
  MISSING_BLUEPRINT_ID,
  MISSING_REGION,
  INVALID_REPLICA_COUNT,
  INVALID_WASM_MANIFEST,
  WASM_MANIFEST_RUNTIME_MISMATCH,
  MISSING_WASM_MODULE,
  MISSING_CONTAINER_IMAGE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
