package dev.tau.channels.access;

import java.util.Objects;

/**
 * The access decision for one event (tau-spec §5.6): the final decision and reason, whether policy
 * was enforced (for {@code policy_enforced_events}), and the three payload fragments.
 */
public record AccessDecision(
    Decision decision,
    AccessReason reason,
    boolean policyEnforced,
    String policyChannel,
    ChannelPolicyDecision channelPolicy,
    SecureMessagingDecision secureMessaging,
    PairingDecision pairing) {

  public AccessDecision {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(channelPolicy, "channelPolicy");
    Objects.requireNonNull(secureMessaging, "secureMessaging");
    Objects.requireNonNull(pairing, "pairing");
    if ((decision == Decision.ALLOW) != reason.allows()) {
      throw new IllegalArgumentException(
          "decision " + decision.wire() + " does not match reason " + reason.wire());
    }
  }

  public boolean allowed() {
    return decision == Decision.ALLOW;
  }
}
