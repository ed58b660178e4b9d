package dev.tau.cli.channels;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The live connectors' flags (tau-spec §5.1, §5.14; the runbook's "Live connector runner"), given
 * on the root command: {@code bin/tau --multi-channel-live-connectors-runner …}. Every value flag
 * has an environment variable {@code TAU_} + the flag in upper snake case ({@code
 * TAU_MULTI_CHANNEL_TELEGRAM_INGRESS_MODE}); a flag wins over its variable. The bot tokens and API
 * bases are {@link OutboundOptions}' flags, the ingest dir and retry limits {@link
 * MultiChannelOptions}'.
 */
public final class LiveConnectorsOptions {
  @Option(
      names = "--multi-channel-live-connectors-runner",
      description =
          "Bridge Telegram/Discord/WhatsApp into the live-ingress inbox: poll and serve webhooks"
              + " until SIGTERM, or one poll cycle with --multi-channel-live-connectors-poll-once.")
  boolean runner;

  @Option(
      names = "--multi-channel-live-connectors-poll-once",
      description =
          "With --multi-channel-live-connectors-runner: poll once, print a summary, exit.")
  boolean pollOnce;

  @Option(
      names = "--multi-channel-live-connectors-state-path",
      paramLabel = "FILE",
      description = "Connector state file (default .tau/multi-channel/live-connectors-state.json).")
  String statePath;

  @Option(
      names = "--multi-channel-live-connectors-status",
      description = "Print the connector state (liveness, counters, breakers), then exit.")
  boolean status;

  @Option(
      names = "--multi-channel-live-connectors-status-json",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "With --multi-channel-live-connectors-status: print JSON.")
  Boolean statusJson;

  @Option(
      names = "--multi-channel-live-webhook-bind",
      paramLabel = "HOST:PORT",
      description = "Webhook server address (default 127.0.0.1:8788).")
  String webhookBind;

  @Option(
      names = "--multi-channel-telegram-ingress-mode",
      paramLabel = "MODE",
      description = "disabled|polling|webhook (default disabled).")
  String telegramMode;

  @Option(
      names = "--multi-channel-discord-ingress-mode",
      paramLabel = "MODE",
      description = "disabled|polling (default disabled).")
  String discordMode;

  @Option(
      names = "--multi-channel-whatsapp-ingress-mode",
      paramLabel = "MODE",
      description = "disabled|webhook (default disabled).")
  String whatsappMode;

  @Option(
      names = "--multi-channel-discord-ingress-channel-id",
      paramLabel = "ID[,ID…]",
      description = "Discord channel(s) to poll; repeatable or comma-separated.")
  List<String> discordChannelIds = new ArrayList<>();

  @Option(
      names = "--multi-channel-discord-ingress-guild-id",
      paramLabel = "ID[,ID…]",
      description = "Only messages of these guilds (needs Discord polling); repeatable.")
  List<String> discordGuildIds = new ArrayList<>();

  @Option(
      names = "--multi-channel-telegram-webhook-secret",
      paramLabel = "SECRET",
      description =
          "Expected X-Telegram-Bot-Api-Secret-Token; required for Telegram webhook mode (env"
              + " TAU_MULTI_CHANNEL_TELEGRAM_WEBHOOK_SECRET).")
  String telegramWebhookSecret;

  @Option(
      names = "--multi-channel-whatsapp-webhook-verify-token",
      paramLabel = "TOKEN",
      description =
          "hub.verify_token of the WhatsApp subscription handshake (env"
              + " TAU_MULTI_CHANNEL_WHATSAPP_WEBHOOK_VERIFY_TOKEN).")
  String whatsappVerifyToken;

  @Option(
      names = "--multi-channel-whatsapp-webhook-app-secret",
      paramLabel = "SECRET",
      description =
          "Meta app secret that signs X-Hub-Signature-256 (env"
              + " TAU_MULTI_CHANNEL_WHATSAPP_WEBHOOK_APP_SECRET).")
  String whatsappAppSecret;

  @Option(
      names = "--multi-channel-telegram-poll-timeout-seconds",
      paramLabel = "S",
      description = "getUpdates long-poll timeout of the continuous runner (default 25).")
  String telegramPollTimeoutSeconds;

  @Option(
      names = "--multi-channel-discord-poll-interval-ms",
      paramLabel = "MS",
      description = "Pause between Discord polls of the continuous runner (default 5000).")
  String discordPollIntervalMs;

  /** Whether the runner or the status was asked for. */
  public boolean requested() {
    return runner || status || pollOnce || statusJson != null;
  }
}
