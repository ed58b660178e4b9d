package dev.tau.core.guardrail;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a guardrail does when a rule matches. Wire names are lower-case. */
public enum GuardrailMode {
  /** Guardrail off. */
  DISABLED,
  /** Record the match, let the content through. */
  OBSERVE,
  /** Refuse the content. */
  BLOCK,
  /** Replace the matched text. */
  REDACT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException listing the accepted values
   */
  public static GuardrailMode parse(String value) {
    for (GuardrailMode mode : values()) {
      if (mode.wire().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a guardrail mode (expected " + accepted() + ")");
  }

  public static String accepted() {
    return Arrays.stream(values()).map(GuardrailMode::wire).collect(Collectors.joining("|"));
  }
}
