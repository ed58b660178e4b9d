package dev.tau.deploy.runner;

import java.util.Locale;
import java.util.Optional;

/** What applying a deployment case came to (tau-spec §4.2-4.3). */
public enum CaseOutcome {
  SUCCESS,
  MALFORMED_INPUT,
  RETRYABLE_FAILURE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome a fixture names (exact snake_case), if supported. */
  public static Optional<CaseOutcome> parse(String raw) {
    for (CaseOutcome o : values()) {
      if (o.wire().equals(raw)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
