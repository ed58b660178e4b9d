package dev.tau.guardrails;

import dev.tau.core.guardrail.GuardrailMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A guardrail match worth recording, shaped for telemetry: {@link #name()} is {@code
 * guardrail.<direction>.<outcome>} and {@link #fields()} are {@code direction, mode, hits,
 * hit_count}. Hits are labels, never matched text.
 */
public record GuardrailEvent(
    Direction direction, GuardrailMode mode, GuardrailOutcome outcome, List<String> hits) {

  public GuardrailEvent {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(outcome, "outcome");
    hits = List.copyOf(hits);
  }

  /** The telemetry event name, e.g. {@code guardrail.output.redacted}. */
  public String name() {
    return "guardrail." + direction.wire() + "." + outcome.wire();
  }

  /** The telemetry fields in a stable order. */
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("direction", direction.wire());
    fields.put("mode", mode.wire());
    fields.put("hits", hits);
    fields.put("hit_count", hits.size());
    return fields;
  }
}
