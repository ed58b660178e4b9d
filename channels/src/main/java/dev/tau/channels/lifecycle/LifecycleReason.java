package dev.tau.channels.lifecycle;

import java.util.Locale;

/**
 * Lifecycle and readiness reason codes (tau-spec §5.15, runbook "Channel lifecycle operations").
 */
public enum LifecycleReason {
  READY("Channel prerequisites are in place."),
  MISSING_TELEGRAM_BOT_TOKEN(
      "Set TAU_TELEGRAM_BOT_TOKEN or --multi-channel-telegram-bot-token, or store it with"
          + " --integration-auth \"set telegram-bot-token -\"."),
  MISSING_DISCORD_BOT_TOKEN(
      "Set TAU_DISCORD_BOT_TOKEN or --multi-channel-discord-bot-token, or store it with"
          + " --integration-auth \"set discord-bot-token -\"."),
  MISSING_WHATSAPP_ACCESS_TOKEN(
      "Set TAU_WHATSAPP_ACCESS_TOKEN or --multi-channel-whatsapp-access-token, or store it with"
          + " --integration-auth \"set whatsapp-access-token -\"."),
  MISSING_WHATSAPP_PHONE_NUMBER_ID(
      "Set TAU_WHATSAPP_PHONE_NUMBER_ID or --multi-channel-whatsapp-phone-number-id, or store it"
          + " with --integration-auth \"set whatsapp-phone-number-id <value>\"."),
  INGRESS_MISSING("Run --multi-channel-channel-login <transport> to create the ingress file."),
  INGRESS_NOT_FILE("Remove or rename what stands at the ingress path; it must be a regular file."),
  CREDENTIAL_STORE_UNREADABLE(
      "Check --credential-store and --credential-store-key; the store cannot be read or"
          + " decrypted."),
  LOGOUT_REQUESTED("Run --multi-channel-channel-login <transport> to bring the channel back.");

  private final String hint;

  LifecycleReason(String hint) {
    this.hint = hint;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A fixed sentence saying what to do. */
  public String hint() {
    return hint;
  }
}
