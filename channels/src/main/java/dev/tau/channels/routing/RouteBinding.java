package dev.tau.channels.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One route binding (tau-spec §5.7). Selectors are an exact value or the bare wildcard {@code *};
 * {@code transport} is lower-cased. Absent text settings are "", an absent phase is read through
 * {@link #phase()} (the binding then uses the default phase of the event's kind).
 */
public record RouteBinding(
    String bindingId,
    String transport,
    String accountId,
    String conversationId,
    String actorId,
    RoutePhase phaseOrNull,
    String categoryHint,
    String sessionKeyTemplate,
    String trustScoreSource,
    int trustScoreThreshold,
    long trustStaleAfterSeconds) {

  public RouteBinding {
    Objects.requireNonNull(bindingId, "binding_id");
    if (bindingId.isBlank()) {
      throw new IllegalArgumentException("binding_id cannot be empty");
    }
    transport = selector(transport, "transport").toLowerCase(Locale.ROOT);
    accountId = selector(accountId, "account_id");
    conversationId = selector(conversationId, "conversation_id");
    actorId = selector(actorId, "actor_id");
    Objects.requireNonNull(categoryHint, "category_hint");
    Objects.requireNonNull(sessionKeyTemplate, "session_key_template");
    Objects.requireNonNull(trustScoreSource, "trust_score_source");
    if (trustScoreThreshold < 0 || trustScoreThreshold > 100) {
      throw new IllegalArgumentException("trust_score_threshold must be between 0 and 100");
    }
    if (trustStaleAfterSeconds <= 0) {
      throw new IllegalArgumentException("trust_stale_after_seconds must be greater than 0");
    }
  }

  private static String selector(String raw, String field) {
    String value = raw == null || raw.isBlank() ? "*" : raw.strip();
    if (value.contains("*") && !value.equals("*")) {
      throw new IllegalArgumentException(
          field + " selector '" + value + "' is invalid; only '*' wildcard is supported");
    }
    return value;
  }

  public Optional<RoutePhase> phase() {
    return Optional.ofNullable(phaseOrNull);
  }

  /** Sum of per-selector scores (exact 1, wildcard 0), or -1 when a selector does not match. */
  int score(String transport, String accountId, String conversationId, String actorId) {
    int t = match(this.transport, transport);
    int a = match(this.accountId, accountId);
    int c = match(this.conversationId, conversationId);
    int r = match(this.actorId, actorId);
    return t < 0 || a < 0 || c < 0 || r < 0 ? -1 : t + a + c + r;
  }

  private static int match(String selector, String value) {
    if (selector.equals("*")) {
      return 0;
    }
    return selector.equals(value) ? 1 : -1;
  }
}
