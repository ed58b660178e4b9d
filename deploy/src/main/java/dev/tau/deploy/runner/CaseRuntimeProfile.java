package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Optional;

/** The runtime profile of a deployment case (tau-spec §4.2) and the target it runs on. */
public enum CaseRuntimeProfile {
  NATIVE,
  WASM_WASI;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this runtime may run on {@code target}: container/native, kubernetes/native,
   * wasm/wasm_wasi.
   */
  public boolean runsOn(DeployTarget target) {
    return this == WASM_WASI ? target == DeployTarget.WASM : target != DeployTarget.WASM;
  }

  /** The profile a fixture value names (trimmed, case-insensitive), if supported. */
  public static Optional<CaseRuntimeProfile> parse(String raw) {
    String value = raw.strip().toLowerCase(Locale.ROOT);
    for (CaseRuntimeProfile p : values()) {
      if (p.wire().equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
