package dev.tau.cli.channels;

import dev.tau.channels.outbound.OutboundMode;
import dev.tau.channels.outbound.OutboundSettings;
import dev.tau.channels.outbound.SsrfSettings;
import dev.tau.channels.secrets.ChannelSecrets;
import dev.tau.channels.secrets.CredentialStore;
import dev.tau.core.error.InputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The outbound delivery flags shared by the multi-channel runners and the one-shot send (tau-spec
 * §5.1, §5.13). Each flag has an environment variable: the credentials {@code
 * TAU_TELEGRAM_BOT_TOKEN}, {@code TAU_DISCORD_BOT_TOKEN}, {@code TAU_WHATSAPP_ACCESS_TOKEN}, {@code
 * TAU_WHATSAPP_PHONE_NUMBER_ID}; the others {@code TAU_} + the flag name in upper snake case (for
 * example {@code TAU_MULTI_CHANNEL_OUTBOUND_MODE}). A flag wins over its variable.
 */
public final class OutboundOptions {
  @Option(
      names = "--multi-channel-outbound-mode",
      paramLabel = "MODE",
      description = "channel-store|dry-run|provider (default channel-store).")
  String mode;

  @Option(
      names = "--multi-channel-outbound-max-chars",
      paramLabel = "N",
      description =
          "Largest reply chunk in Unicode characters (default 1200; capped per platform).")
  String maxChars;

  @Option(
      names = "--multi-channel-outbound-http-timeout-ms",
      paramLabel = "MS",
      description = "Timeout of each provider request (default 5000).")
  String httpTimeoutMs;

  @Option(
      names = "--multi-channel-outbound-ssrf-protection",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Check every outbound URL and redirect hop (default true).")
  String ssrfProtection;

  @Option(
      names = "--multi-channel-outbound-ssrf-allow-http",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description = "Allow http:// API URLs besides https:// (default false).")
  String ssrfAllowHttp;

  @Option(
      names = "--multi-channel-outbound-ssrf-allow-private-network",
      paramLabel = "BOOL",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Allow loopback and private addresses; metadata endpoints stay blocked (default false).")
  String ssrfAllowPrivateNetwork;

  @Option(
      names = "--multi-channel-outbound-max-redirects",
      paramLabel = "N",
      description = "Redirect hops followed, each checked by the SSRF guard (default 5).")
  String maxRedirects;

  @Option(
      names = "--multi-channel-telegram-api-base",
      paramLabel = "URL",
      description = "Telegram Bot API base (default https://api.telegram.org).")
  String telegramApiBase;

  @Option(
      names = "--multi-channel-discord-api-base",
      paramLabel = "URL",
      description = "Discord API base (default https://discord.com/api/v10).")
  String discordApiBase;

  @Option(
      names = "--multi-channel-whatsapp-api-base",
      paramLabel = "URL",
      description = "WhatsApp Graph API base (default https://graph.facebook.com/v20.0).")
  String whatsappApiBase;

  @Option(
      names = "--multi-channel-telegram-bot-token",
      paramLabel = "TOKEN",
      description =
          "Telegram bot token (env TAU_TELEGRAM_BOT_TOKEN; prefer the env var: flags show in ps).")
  String telegramBotToken;

  @Option(
      names = "--multi-channel-discord-bot-token",
      paramLabel = "TOKEN",
      description = "Discord bot token (env TAU_DISCORD_BOT_TOKEN).")
  String discordBotToken;

  @Option(
      names = "--multi-channel-whatsapp-access-token",
      paramLabel = "TOKEN",
      description = "WhatsApp Cloud API access token (env TAU_WHATSAPP_ACCESS_TOKEN).")
  String whatsappAccessToken;

  @Option(
      names = "--multi-channel-whatsapp-phone-number-id",
      paramLabel = "ID",
      description = "WhatsApp sending phone number id (env TAU_WHATSAPP_PHONE_NUMBER_ID).")
  String whatsappPhoneNumberId;

  /** The Telegram bot token from the flag or {@code TAU_TELEGRAM_BOT_TOKEN}; empty when neither. */
  public String telegramBotToken(Map<String, String> env) {
    return value(telegramBotToken, env, "TAU_TELEGRAM_BOT_TOKEN", "");
  }

  /** The Discord bot token from the flag or {@code TAU_DISCORD_BOT_TOKEN}; empty when neither. */
  public String discordBotToken(Map<String, String> env) {
    return value(discordBotToken, env, "TAU_DISCORD_BOT_TOKEN", "");
  }

  /** The WhatsApp access token from the flag or {@code TAU_WHATSAPP_ACCESS_TOKEN}. */
  public String whatsappAccessToken(Map<String, String> env) {
    return value(whatsappAccessToken, env, "TAU_WHATSAPP_ACCESS_TOKEN", "");
  }

  /** The WhatsApp phone number id from the flag or {@code TAU_WHATSAPP_PHONE_NUMBER_ID}. */
  public String whatsappPhoneNumberId(Map<String, String> env) {
    return value(whatsappPhoneNumberId, env, "TAU_WHATSAPP_PHONE_NUMBER_ID", "");
  }

  /**
   * The settings from the flags and environment only (no credential store).
   *
   * @throws InputException naming the flag when a value is invalid
   */
  public OutboundSettings toSettings(Map<String, String> env) {
    return toSettings(env, () -> null);
  }

  /**
   * The settings; a credential that is neither a flag nor an environment variable is looked up in
   * the integration store ({@code telegram-bot-token}, {@code discord-bot-token}, {@code
   * whatsapp-access-token}, {@code whatsapp-phone-number-id}), opened only when needed.
   *
   * @param store opens the credential store; may return null for none
   * @throws InputException naming the flag when a value is invalid
   */
  public OutboundSettings toSettings(Map<String, String> env, Supplier<CredentialStore> store) {
    String modeText = value(mode, env, "TAU_MULTI_CHANNEL_OUTBOUND_MODE", "channel-store");
    OutboundMode parsedMode =
        OutboundMode.parse(modeText)
            .orElseThrow(
                () ->
                    new InputException(
                        "--multi-channel-outbound-mode must be channel-store, dry-run or provider,"
                            + " got '"
                            + modeText.strip()
                            + "'"));
    OutboundSettings.Builder builder =
        OutboundSettings.builder()
            .mode(parsedMode)
            .maxChars(
                positiveInt(
                    "--multi-channel-outbound-max-chars",
                    value(maxChars, env, "TAU_MULTI_CHANNEL_OUTBOUND_MAX_CHARS", "1200")))
            .httpTimeout(
                Duration.ofMillis(
                    positiveInt(
                        "--multi-channel-outbound-http-timeout-ms",
                        value(
                            httpTimeoutMs,
                            env,
                            "TAU_MULTI_CHANNEL_OUTBOUND_HTTP_TIMEOUT_MS",
                            "5000"))))
            .ssrf(
                new SsrfSettings(
                    bool(
                        "--multi-channel-outbound-ssrf-protection",
                        value(
                            ssrfProtection,
                            env,
                            "TAU_MULTI_CHANNEL_OUTBOUND_SSRF_PROTECTION",
                            "true")),
                    bool(
                        "--multi-channel-outbound-ssrf-allow-http",
                        value(
                            ssrfAllowHttp,
                            env,
                            "TAU_MULTI_CHANNEL_OUTBOUND_SSRF_ALLOW_HTTP",
                            "false")),
                    bool(
                        "--multi-channel-outbound-ssrf-allow-private-network",
                        value(
                            ssrfAllowPrivateNetwork,
                            env,
                            "TAU_MULTI_CHANNEL_OUTBOUND_SSRF_ALLOW_PRIVATE_NETWORK",
                            "false")),
                    nonNegativeInt(
                        "--multi-channel-outbound-max-redirects",
                        value(maxRedirects, env, "TAU_MULTI_CHANNEL_OUTBOUND_MAX_REDIRECTS", "5"))))
            .telegramApiBase(
                base(
                    "--multi-channel-telegram-api-base",
                    value(
                        telegramApiBase,
                        env,
                        "TAU_MULTI_CHANNEL_TELEGRAM_API_BASE",
                        OutboundSettings.DEFAULT_TELEGRAM_API_BASE)))
            .discordApiBase(
                base(
                    "--multi-channel-discord-api-base",
                    value(
                        discordApiBase,
                        env,
                        "TAU_MULTI_CHANNEL_DISCORD_API_BASE",
                        OutboundSettings.DEFAULT_DISCORD_API_BASE)))
            .whatsappApiBase(
                base(
                    "--multi-channel-whatsapp-api-base",
                    value(
                        whatsappApiBase,
                        env,
                        "TAU_MULTI_CHANNEL_WHATSAPP_API_BASE",
                        OutboundSettings.DEFAULT_WHATSAPP_API_BASE)))
            .telegramBotToken(
                secret(telegramBotToken(env), ChannelSecrets.TELEGRAM_BOT_TOKEN, store))
            .discordBotToken(secret(discordBotToken(env), ChannelSecrets.DISCORD_BOT_TOKEN, store))
            .whatsappAccessToken(
                secret(whatsappAccessToken(env), ChannelSecrets.WHATSAPP_ACCESS_TOKEN, store))
            .whatsappPhoneNumberId(
                secret(whatsappPhoneNumberId(env), ChannelSecrets.WHATSAPP_PHONE_NUMBER_ID, store));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  private static String secret(String direct, String id, Supplier<CredentialStore> store) {
    return ChannelSecrets.resolve(direct, id, store).value().orElse("");
  }

  private static String value(
      String flag, Map<String, String> env, String variable, String fallback) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
  }

  private static int positiveInt(String flag, String text) {
    int value = integer(flag, text);
    if (value <= 0) {
      throw new InputException(flag + " must be > 0, got " + value);
    }
    return value;
  }

  private static int nonNegativeInt(String flag, String text) {
    int value = integer(flag, text);
    if (value < 0) {
      throw new InputException(flag + " must be >= 0, got " + value);
    }
    return value;
  }

  private static int integer(String flag, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InputException(flag + " must be a whole number, got '" + text.strip() + "'");
    }
  }

  private static boolean bool(String flag, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new InputException(flag + " must be true or false, got '" + text.strip() + "'");
    };
  }

  private static java.net.URI base(String flag, String text) {
    try {
      return OutboundSettings.parseBase(flag.substring(2), text);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          flag + " must be an http(s) URL with a host, got '" + text.strip() + "'", e);
    }
  }
}
