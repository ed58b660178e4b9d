package dev.tau.guardrails;

import java.util.Locale;

/** What a guardrail did with matching text; the last part of a {@code guardrail.*} event name. */
public enum GuardrailOutcome {
  OBSERVED,
  BLOCKED,
  REDACTED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
