package dev.tau.channels.access;

import dev.tau.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The channel-policy step's outcome: the {@code channel_policy} payload fragment (§5.8). */
public record ChannelPolicyDecision(
    Decision decision,
    AccessReason reason,
    String channel,
    String matchedPolicyKey,
    ConversationKind conversationKind,
    ChannelPolicy policy,
    boolean mentionPresent) {

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("decision", decision.wire());
    node.put("reason_code", reason.wire());
    node.put("channel", channel);
    node.put("matched_policy_key", matchedPolicyKey);
    node.put("conversation_kind", conversationKind.wire());
    node.put("dm_policy", policy.dmPolicy().wire());
    node.put("allow_from", policy.allowFrom().wire());
    node.put("group_policy", policy.groupPolicy().wire());
    node.put("require_mention", policy.requireMention());
    node.put("mention_present", mentionPresent);
    return node;
  }
}
