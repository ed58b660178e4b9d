package dev.tau.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by a surface that turns a {@link GuardedRun.InputBlocked} or {@link
 * GuardedRun.OutputBlocked} into a failure (the CLI does). The message names the direction and the
 * hit labels, never the matched text. Not retryable: the same content is refused again.
 */
public final class GuardrailBlockedException extends RuntimeException {
  private final Direction direction;
  private final List<String> hits;

  public GuardrailBlockedException(Direction direction, List<String> hits) {
    super(
        "guardrail blocked "
            + direction.wire()
            + " content due to matched terms ("
            + String.join(", ", hits)
            + ")");
    this.direction = Objects.requireNonNull(direction, "direction");
    this.hits = List.copyOf(hits);
  }

  public Direction direction() {
    return direction;
  }

  public List<String> hits() {
    return hits;
  }

  /** A stable code: {@code guardrail_blocked_input} or {@code guardrail_blocked_output}. */
  public String code() {
    return "guardrail_blocked_" + direction.wire();
  }
}
