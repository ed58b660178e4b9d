package dev.tau.channels.routing;

import dev.tau.core.json.Json;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resolved route (tau-spec §5.7). {@link #toTrace(long)} is the {@code
 * multi_channel_route_trace_v1} line of {@code route-traces.jsonl} and the {@code route} payload of
 * channel-store lines; {@link #sessionKey()} is {@code route_session_key}.
 */
public record RouteDecision(
    String eventKey,
    String transport,
    String conversationId,
    String actorId,
    String bindingId,
    boolean bindingMatched,
    int matchSpecificity,
    RoutePhase phase,
    String accountId,
    String requestedCategory,
    String selectedCategory,
    String selectedRole,
    List<String> fallbackRoles,
    List<String> attemptRoles,
    String sessionKey,
    String trustScoreSource,
    int trustThreshold) {

  public RouteDecision {
    fallbackRoles = List.copyOf(fallbackRoles);
    attemptRoles = List.copyOf(attemptRoles);
  }

  public ObjectNode toTrace(long timestampUnixMs) {
    ObjectNode node = Json.object();
    node.put("record_type", "multi_channel_route_trace_v1");
    node.put("timestamp_unix_ms", timestampUnixMs);
    node.put("event_key", eventKey);
    node.put("transport", transport);
    node.put("conversation_id", conversationId);
    node.put("actor_id", actorId);
    node.put("binding_id", bindingId);
    node.put("binding_matched", bindingMatched);
    node.put("match_specificity", matchSpecificity);
    node.put("phase", phase.traceValue());
    node.put("account_id", accountId);
    node.put("requested_category", requestedCategory);
    node.put("selected_category", selectedCategory);
    node.put("selected_role", selectedRole);
    var fallback = node.putArray("fallback_roles");
    fallbackRoles.forEach(fallback::add);
    var attempts = node.putArray("attempt_roles");
    attemptRoles.forEach(attempts::add);
    node.put("session_key", sessionKey);
    // trust weighting needs an orchestrator route table with trust scores; without one it is off
    node.put("trust_status", "disabled");
    node.putNull("trust_score");
    if (trustThreshold > 0) {
      node.put("trust_threshold", trustThreshold);
    } else {
      node.putNull("trust_threshold");
    }
    node.put("trust_stale", false);
    if (trustScoreSource.isEmpty()) {
      node.putNull("trust_score_source");
    } else {
      node.put("trust_score_source", trustScoreSource);
    }
    node.putNull("trust_input_source");
    return node;
  }
}
