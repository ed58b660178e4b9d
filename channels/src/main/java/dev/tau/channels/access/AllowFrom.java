package dev.tau.channels.access;

import java.util.Locale;

/** Who may talk once the channel policy allows the conversation (tau-spec §5.6.4). */
public enum AllowFrom {
  ANY,
  ALLOWLIST_OR_PAIRING,
  ALLOWLIST_ONLY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  AccessReason allowReason() {
    return switch (this) {
      case ANY -> AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ANY;
      case ALLOWLIST_OR_PAIRING ->
          AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_OR_PAIRING;
      case ALLOWLIST_ONLY -> AccessReason.ALLOW_CHANNEL_POLICY_ALLOW_FROM_ALLOWLIST_ONLY;
    };
  }
}
