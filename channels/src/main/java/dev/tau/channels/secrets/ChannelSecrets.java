package dev.tau.channels.secrets;

import java.util.function.Supplier;

/**
 * The secret resolution order of multi-channel commands (tau-spec §1.4): a direct flag or env value
 * ({@code cli_or_env}), then the integration store ({@code credential_store}); an unreadable store
 * gives {@code credential_store_error}, a revoked id {@code credential_store_revoked}, nothing
 * {@code missing}.
 */
public final class ChannelSecrets {
  /** Well-known integration ids. */
  public static final String TELEGRAM_BOT_TOKEN = "telegram-bot-token";

  public static final String DISCORD_BOT_TOKEN = "discord-bot-token";
  public static final String WHATSAPP_ACCESS_TOKEN = "whatsapp-access-token";
  public static final String WHATSAPP_PHONE_NUMBER_ID = "whatsapp-phone-number-id";

  private ChannelSecrets() {}

  /**
   * @param direct the flag or env value; blank counts as absent
   * @param store opens the store only when needed; may throw {@link CredentialStoreException}
   */
  public static ResolvedSecret resolve(
      String direct, String integrationId, Supplier<CredentialStore> store) {
    if (direct != null && !direct.isBlank()) {
      return ResolvedSecret.of(direct.strip(), SecretSource.CLI_OR_ENV);
    }
    CredentialStore opened;
    try {
      opened = store.get();
    } catch (CredentialStoreException e) {
      return ResolvedSecret.none(SecretSource.CREDENTIAL_STORE_ERROR);
    }
    if (opened == null || !java.nio.file.Files.exists(opened.file())) {
      return ResolvedSecret.none(SecretSource.MISSING);
    }
    return opened.lookup(integrationId);
  }
}
