package dev.tau.guardrails;

import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks text against the built-in {@link Detector}s and the configured terms, and applies the
 * direction's {@link GuardrailMode}. Every match that is not ignored is reported to the {@link
 * GuardrailListener}. Thread-safe; build one per configuration and share it.
 *
 * <p>This is the one API every surface uses (CLI, gateway, and channel replies later): call {@link
 * #check} on text entering or leaving, then pass on {@link GuardrailCheck#textOr} or refuse it on
 * {@link GuardrailCheck.Blocked}.
 */
public final class Guardrail {
  private final GuardrailPolicy policy;
  private final GuardrailListener listener;
  private final List<Rule> rules;

  public Guardrail(GuardrailPolicy policy, GuardrailListener listener) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = Objects.requireNonNull(listener, "listener");
    List<Rule> all = new ArrayList<>();
    for (Detector detector : Detector.values()) {
      all.add(new Rule(detector.wire(), detector.pattern()));
    }
    for (String term : policy.terms()) {
      // Whole-phrase match: no word character may touch either end of the term.
      all.add(
          new Rule(
              term,
              Pattern.compile(
                  "(?<!\\w)" + Pattern.quote(term) + "(?!\\w)",
                  Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }
    this.rules = List.copyOf(all);
  }

  /** A guardrail that lets everything through. */
  public static Guardrail disabled() {
    return new Guardrail(GuardrailPolicy.DISABLED, GuardrailListener.NONE);
  }

  public GuardrailPolicy policy() {
    return policy;
  }

  /** Applies the mode configured for {@code direction} to {@code text}, reporting any match. */
  public GuardrailCheck check(Direction direction, String text) {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(text, "text");
    GuardrailMode mode = policy.mode(direction);
    if (mode == GuardrailMode.DISABLED) {
      return new GuardrailCheck.Passed();
    }
    List<Span> spans = scan(text);
    if (spans.isEmpty()) {
      return new GuardrailCheck.Passed();
    }
    List<String> hits = labels(spans);
    GuardrailCheck result =
        switch (mode) {
          case OBSERVE -> new GuardrailCheck.Observed(hits);
          case BLOCK -> new GuardrailCheck.Blocked(hits);
          case REDACT -> new GuardrailCheck.Redacted(redact(text, spans), hits);
          case DISABLED -> throw new IllegalStateException("handled above");
        };
    GuardrailOutcome outcome =
        switch (result) {
          case GuardrailCheck.Observed o -> GuardrailOutcome.OBSERVED;
          case GuardrailCheck.Blocked b -> GuardrailOutcome.BLOCKED;
          default -> GuardrailOutcome.REDACTED;
        };
    listener.onEvent(new GuardrailEvent(direction, mode, outcome, hits));
    return result;
  }

  /**
   * {@code text} with every match replaced, whatever the modes say and without reporting; for
   * callers that must redact a copy of text already checked (a stored or summarised answer).
   */
  public String redact(String text) {
    return redact(text, scan(text));
  }

  /** {@code input} with every text part redacted; images and other parts are kept. */
  public Message.User redact(Message.User input) {
    List<ContentPart> parts = new ArrayList<>();
    for (ContentPart part : input.content()) {
      parts.add(part instanceof ContentPart.Text t ? ContentPart.text(redact(t.text())) : part);
    }
    return new Message.User(parts);
  }

  /** The labels of everything in {@code text} that matches, whatever the modes say. */
  public List<String> hits(String text) {
    return labels(scan(text));
  }

  private List<Span> scan(String text) {
    List<Span> spans = new ArrayList<>();
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        if (m.end() > m.start()) {
          spans.add(new Span(m.start(), m.end(), rule.label()));
        }
      }
    }
    spans.sort(Comparator.comparingInt(Span::start));
    return spans;
  }

  private static List<String> labels(List<Span> spans) {
    Set<String> labels = new LinkedHashSet<>();
    for (Span span : spans) {
      labels.add(span.label());
    }
    return List.copyOf(labels);
  }

  /** Replaces each run of overlapping matches once, left to right. */
  private String redact(String text, List<Span> spans) {
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    int i = 0;
    while (i < spans.size()) {
      int start = spans.get(i).start();
      int end = spans.get(i).end();
      i++;
      while (i < spans.size() && spans.get(i).start() < end) {
        end = Math.max(end, spans.get(i).end());
        i++;
      }
      out.append(text, at, start).append(policy.replacement());
      at = end;
    }
    return out.append(text, at, text.length()).toString();
  }

  private record Rule(String label, Pattern pattern) {}

  private record Span(int start, int end, String label) {}
}
