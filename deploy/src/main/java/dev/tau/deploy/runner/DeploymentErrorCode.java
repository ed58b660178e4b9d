package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Optional;

/** The deterministic error codes of a rejected or failed deployment case (tau-spec §4.2). */
public enum DeploymentErrorCode {
  DEPLOYMENT_INVALID_BLUEPRINT,
  DEPLOYMENT_UNSUPPORTED_RUNTIME,
  DEPLOYMENT_MISSING_ARTIFACT,
  DEPLOYMENT_BACKEND_UNAVAILABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code a fixture names (trimmed, exact snake_case), if supported. */
  public static Optional<DeploymentErrorCode> parse(String raw) {
    String value = raw.strip();
    for (DeploymentErrorCode c : values()) {
      if (c.wire().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
