package dev.tau.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one guardrail check. {@code hits} are detector labels ({@link Detector#wire()})
 * and configured terms, in first-seen order without repeats; never the matched text itself.
 */
public sealed interface GuardrailCheck {

  List<String> hits();

  /** The text to pass on: the redacted text, or {@code original} otherwise. */
  default String textOr(String original) {
    return this instanceof Redacted r ? r.text() : original;
  }

  /** Nothing matched, or the guardrail is disabled. */
  record Passed() implements GuardrailCheck {
    @Override
    public List<String> hits() {
      return List.of();
    }
  }

  /** Something matched in observe mode; the text goes through unchanged. */
  record Observed(List<String> hits) implements GuardrailCheck {
    public Observed {
      hits = nonEmpty(hits);
    }
  }

  /** Something matched in block mode; the text must not go through. */
  record Blocked(List<String> hits) implements GuardrailCheck {
    public Blocked {
      hits = nonEmpty(hits);
    }
  }

  /** Something matched in redact mode; {@code text} has every match replaced. */
  record Redacted(String text, List<String> hits) implements GuardrailCheck {
    public Redacted {
      Objects.requireNonNull(text, "text");
      hits = nonEmpty(hits);
    }

    @Override
    public String toString() {
      // The redacted text is safe, but keep toString short and uniform with the others.
      return "Redacted[hits=" + hits + "]";
    }
  }

  private static List<String> nonEmpty(List<String> hits) {
    List<String> copy = List.copyOf(hits);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("hits must not be empty for a guardrail match");
    }
    return copy;
  }
}
