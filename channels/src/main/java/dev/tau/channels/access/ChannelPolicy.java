package dev.tau.channels.access;

import java.util.Objects;

/** One policy entry: the default, or a per-channel override (tau-spec §5.6.1). */
public record ChannelPolicy(
    PolicyAction dmPolicy, AllowFrom allowFrom, PolicyAction groupPolicy, boolean requireMention) {

  /**
   * {@code dmPolicy=allow, allowFrom=allowlist_or_pairing, groupPolicy=allow,
   * requireMention=false}.
   */
  public static final ChannelPolicy DEFAULT =
      new ChannelPolicy(
          PolicyAction.ALLOW, AllowFrom.ALLOWLIST_OR_PAIRING, PolicyAction.ALLOW, false);

  public ChannelPolicy {
    Objects.requireNonNull(dmPolicy, "dmPolicy");
    Objects.requireNonNull(allowFrom, "allowFrom");
    Objects.requireNonNull(groupPolicy, "groupPolicy");
  }

  /** {@code dmPolicy=allow} with {@code allowFrom=any}: any stranger can DM the agent. */
  public boolean openDm() {
    return dmPolicy == PolicyAction.ALLOW && allowFrom == AllowFrom.ANY;
  }
}
