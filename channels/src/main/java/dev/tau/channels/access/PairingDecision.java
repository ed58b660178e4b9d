package dev.tau.channels.access;

import dev.tau.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pairing step's outcome: the {@code pairing} payload fragment (§5.8). When pairing was not
 * evaluated ({@code allowFrom=any}, a policy deny, a verified envelope) {@code checked} is false
 * and decision/reason mirror the step that decided.
 */
public record PairingDecision(
    Decision decision, AccessReason reason, String channel, String actorId, boolean checked) {

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("decision", decision.wire());
    node.put("reason_code", reason.wire());
    node.put("channel", channel);
    node.put("actor_id", actorId);
    node.put("checked", checked);
    return node;
  }
}
