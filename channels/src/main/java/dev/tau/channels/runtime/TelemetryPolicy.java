package dev.tau.channels.runtime;

import dev.tau.core.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runner's telemetry toggles (runbook "Telemetry controls"; {@code telemetry_policy} in {@code
 * state.json}). Identifiers (conversation, actor, session key) appear in lifecycle lines only when
 * {@code includeIdentifiers} is on.
 */
public record TelemetryPolicy(
    boolean typingPresenceEnabled,
    boolean usageSummaryEnabled,
    boolean includeIdentifiers,
    int typingPresenceMinResponseChars) {

  public static final TelemetryPolicy DEFAULTS = new TelemetryPolicy(true, true, false, 120);

  public TelemetryPolicy {
    if (typingPresenceMinResponseChars < 0) {
      throw new IllegalArgumentException("multi-channel-telemetry-min-response-chars must be >= 0");
    }
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("typing_presence_enabled", typingPresenceEnabled);
    node.put("usage_summary_enabled", usageSummaryEnabled);
    node.put("include_identifiers", includeIdentifiers);
    node.put("typing_presence_min_response_chars", typingPresenceMinResponseChars);
    return node;
  }

  /** Reads a persisted policy; absent fields take the defaults. */
  public static TelemetryPolicy fromJson(JsonNode node) {
    return new TelemetryPolicy(
        node.path("typing_presence_enabled").asBoolean(DEFAULTS.typingPresenceEnabled),
        node.path("usage_summary_enabled").asBoolean(DEFAULTS.usageSummaryEnabled),
        node.path("include_identifiers").asBoolean(DEFAULTS.includeIdentifiers),
        (int)
            Math.max(
                0,
                Json.number(
                    node,
                    "typing_presence_min_response_chars",
                    DEFAULTS.typingPresenceMinResponseChars)));
  }
}
