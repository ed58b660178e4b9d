package dev.tau.guardrails;

import dev.tau.core.guardrail.GuardrailMode;
import java.util.List;
import java.util.Objects;

/**
 * What the guardrail does in each direction, the configured terms (matched case-insensitively as
 * whole phrases) and the text that replaces a match in redact mode.
 */
public record GuardrailPolicy(
    GuardrailMode inputMode, GuardrailMode outputMode, List<String> terms, String replacement) {

  /** Both directions off. */
  public static final GuardrailPolicy DISABLED =
      new GuardrailPolicy(GuardrailMode.DISABLED, GuardrailMode.DISABLED, List.of(), "[REDACTED]");

  public GuardrailPolicy {
    Objects.requireNonNull(inputMode, "inputMode");
    Objects.requireNonNull(outputMode, "outputMode");
    Objects.requireNonNull(replacement, "replacement");
    terms =
        List.copyOf(terms).stream()
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .distinct()
            .toList();
  }

  public GuardrailMode mode(Direction direction) {
    return direction == Direction.INPUT ? inputMode : outputMode;
  }

  /** Whether streamed output must be held back until it is checked (block and redact modes). */
  public boolean buffersOutput() {
    return outputMode == GuardrailMode.BLOCK || outputMode == GuardrailMode.REDACT;
  }
}
