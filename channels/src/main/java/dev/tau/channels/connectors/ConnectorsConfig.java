package dev.tau.channels.connectors;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The live connectors' settings (tau-spec §5.14), validated when built: at least one mode enabled,
 * Discord {@code webhook} and WhatsApp {@code polling} refused, Discord polling needs a channel id,
 * guild ids need Discord polling, webhook modes need a parsable bind, poll-once excludes webhook
 * modes. Messages name the flag. {@link #toString()} never shows a secret ({@link Secret}).
 *
 * @param statePath the connector state file
 * @param ingestDir where {@code <transport>.ndjson} inbox files are appended to
 * @param webhookBind the webhook server's address; null unless a webhook mode is enabled
 * @param telegramLongPollSeconds {@code getUpdates} long-poll timeout of the continuous runner
 *     (poll-once always asks with {@code timeout=0})
 * @param discordPollIntervalMs pause between Discord polls of the continuous runner
 * @param maxRetryAfterMs the longest {@code retry_after} a poll waits for before giving up
 */
public record ConnectorsConfig(
    Path statePath,
    Path ingestDir,
    IngressMode telegramMode,
    IngressMode discordMode,
    IngressMode whatsappMode,
    List<String> discordChannelIds,
    List<String> discordGuildIds,
    InetSocketAddress webhookBind,
    boolean pollOnce,
    URI telegramApiBase,
    URI discordApiBase,
    Secret telegramBotToken,
    Secret discordBotToken,
    Secret telegramWebhookSecret,
    Secret whatsappVerifyToken,
    Secret whatsappAppSecret,
    int retryMaxAttempts,
    long retryBaseDelayMs,
    int processedEventCap,
    int telegramLongPollSeconds,
    long discordPollIntervalMs,
    long httpTimeoutMs,
    long maxRetryAfterMs,
    int webhookMaxBodyBytes) {

  public static final String DEFAULT_STATE_PATH = ".tau/multi-channel/live-connectors-state.json";
  public static final String DEFAULT_INGEST_DIR = ".tau/multi-channel/live-ingress";
  public static final String DEFAULT_WEBHOOK_BIND = "127.0.0.1:8788";
  public static final String DEFAULT_TELEGRAM_API_BASE = "https://api.telegram.org";
  public static final String DEFAULT_DISCORD_API_BASE = "https://discord.com/api/v10";

  public ConnectorsConfig {
    Objects.requireNonNull(statePath, "statePath");
    Objects.requireNonNull(ingestDir, "ingestDir");
    Objects.requireNonNull(telegramMode, "telegramMode");
    Objects.requireNonNull(discordMode, "discordMode");
    Objects.requireNonNull(whatsappMode, "whatsappMode");
    discordChannelIds = List.copyOf(discordChannelIds);
    discordGuildIds = List.copyOf(discordGuildIds);
    Objects.requireNonNull(telegramApiBase, "telegramApiBase");
    Objects.requireNonNull(discordApiBase, "discordApiBase");
    Objects.requireNonNull(telegramBotToken, "telegramBotToken");
    Objects.requireNonNull(discordBotToken, "discordBotToken");
    Objects.requireNonNull(telegramWebhookSecret, "telegramWebhookSecret");
    Objects.requireNonNull(whatsappVerifyToken, "whatsappVerifyToken");
    Objects.requireNonNull(whatsappAppSecret, "whatsappAppSecret");
    if (telegramMode == IngressMode.DISABLED
        && discordMode == IngressMode.DISABLED
        && whatsappMode == IngressMode.DISABLED) {
      throw new IllegalArgumentException(
          "live connectors need at least one enabled mode: set"
              + " --multi-channel-telegram-ingress-mode, --multi-channel-discord-ingress-mode or"
              + " --multi-channel-whatsapp-ingress-mode to polling or webhook");
    }
    if (discordMode == IngressMode.WEBHOOK) {
      throw new IllegalArgumentException(
          "--multi-channel-discord-ingress-mode webhook is not supported (use polling or"
              + " disabled)");
    }
    if (whatsappMode == IngressMode.POLLING) {
      throw new IllegalArgumentException(
          "--multi-channel-whatsapp-ingress-mode polling is not supported (use webhook or"
              + " disabled)");
    }
    for (String id : discordChannelIds) {
      if (id.isBlank()) {
        throw new IllegalArgumentException(
            "--multi-channel-discord-ingress-channel-id must not contain blank ids");
      }
    }
    for (String id : discordGuildIds) {
      if (id.isBlank()) {
        throw new IllegalArgumentException(
            "--multi-channel-discord-ingress-guild-id must not contain blank ids");
      }
    }
    if (discordMode == IngressMode.POLLING && discordChannelIds.isEmpty()) {
      throw new IllegalArgumentException(
          "--multi-channel-discord-ingress-mode polling needs at least one"
              + " --multi-channel-discord-ingress-channel-id");
    }
    if (!discordGuildIds.isEmpty() && discordMode != IngressMode.POLLING) {
      throw new IllegalArgumentException(
          "--multi-channel-discord-ingress-guild-id requires"
              + " --multi-channel-discord-ingress-mode polling");
    }
    boolean webhook = anyWebhook(telegramMode, whatsappMode);
    if (webhook && webhookBind == null) {
      throw new IllegalArgumentException(
          "webhook modes need --multi-channel-live-webhook-bind <host:port>");
    }
    // unauthenticated webhook routes would let anyone inject messages: refuse them
    if (telegramMode == IngressMode.WEBHOOK && !telegramWebhookSecret.present()) {
      throw new IllegalArgumentException(
          "--multi-channel-telegram-ingress-mode webhook needs"
              + " --multi-channel-telegram-webhook-secret (sent by Telegram as"
              + " X-Telegram-Bot-Api-Secret-Token)");
    }
    if (whatsappMode == IngressMode.WEBHOOK
        && (!whatsappAppSecret.present() || !whatsappVerifyToken.present())) {
      throw new IllegalArgumentException(
          "--multi-channel-whatsapp-ingress-mode webhook needs"
              + " --multi-channel-whatsapp-webhook-verify-token and"
              + " --multi-channel-whatsapp-webhook-app-secret");
    }
    if (pollOnce && webhook) {
      throw new IllegalArgumentException(
          "--multi-channel-live-connectors-poll-once cannot be combined with a webhook mode");
    }
    requirePositive(retryMaxAttempts, "--multi-channel-retry-max-attempts");
    requireNonNegative(retryBaseDelayMs, "--multi-channel-retry-base-delay-ms");
    requirePositive(processedEventCap, "--multi-channel-processed-event-cap");
    requireNonNegative(telegramLongPollSeconds, "--multi-channel-telegram-poll-timeout-seconds");
    requirePositive(discordPollIntervalMs, "--multi-channel-discord-poll-interval-ms");
    requirePositive(httpTimeoutMs, "--multi-channel-outbound-http-timeout-ms");
    requireNonNegative(maxRetryAfterMs, "maxRetryAfterMs");
    requirePositive(webhookMaxBodyBytes, "webhookMaxBodyBytes");
  }

  private static boolean anyWebhook(IngressMode telegram, IngressMode whatsapp) {
    return telegram == IngressMode.WEBHOOK || whatsapp == IngressMode.WEBHOOK;
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be greater than 0");
    }
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the webhook server runs (Telegram or WhatsApp in {@code webhook} mode). */
  public boolean webhookEnabled() {
    return anyWebhook(telegramMode, whatsappMode);
  }

  public boolean pollingEnabled() {
    return telegramMode == IngressMode.POLLING || discordMode == IngressMode.POLLING;
  }

  /** The mode of one transport's connector. */
  public IngressMode mode(dev.tau.channels.Transport transport) {
    return switch (transport) {
      case TELEGRAM -> telegramMode;
      case DISCORD -> discordMode;
      case WHATSAPP -> whatsappMode;
    };
  }

  /**
   * Parses {@code host:port} ({@code [v6]:port} for IPv6 literals); port 0 picks a free port.
   *
   * @throws IllegalArgumentException naming {@code --multi-channel-live-webhook-bind}
   */
  public static InetSocketAddress parseBind(String text) {
    String value = text == null ? "" : text.strip();
    int colon = value.lastIndexOf(':');
    String problem = "--multi-channel-live-webhook-bind must be <host:port>, got '" + value + "'";
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(problem);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(problem);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(problem);
    }
    if (host.isBlank() || port < 0 || port > 65535) {
      throw new IllegalArgumentException(problem);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException(
          "--multi-channel-live-webhook-bind host '" + host + "' cannot be resolved");
    }
    return address;
  }

  /** Fills a {@link ConnectorsConfig}; unset fields take the spec's defaults. */
  public static final class Builder {
    private Path statePath = Path.of(DEFAULT_STATE_PATH);
    private Path ingestDir = Path.of(DEFAULT_INGEST_DIR);
    private IngressMode telegramMode = IngressMode.DISABLED;
    private IngressMode discordMode = IngressMode.DISABLED;
    private IngressMode whatsappMode = IngressMode.DISABLED;
    private final List<String> discordChannelIds = new ArrayList<>();
    private final List<String> discordGuildIds = new ArrayList<>();
    private String webhookBind = DEFAULT_WEBHOOK_BIND;
    private boolean pollOnce;
    private String telegramApiBase = DEFAULT_TELEGRAM_API_BASE;
    private String discordApiBase = DEFAULT_DISCORD_API_BASE;
    private Secret telegramBotToken = Secret.none();
    private Secret discordBotToken = Secret.none();
    private Secret telegramWebhookSecret = Secret.none();
    private Secret whatsappVerifyToken = Secret.none();
    private Secret whatsappAppSecret = Secret.none();
    private int retryMaxAttempts = 4;
    private long retryBaseDelayMs = 0;
    private int processedEventCap = 10_000;
    private int telegramLongPollSeconds = 25;
    private long discordPollIntervalMs = 5_000;
    private long httpTimeoutMs = 5_000;
    private long maxRetryAfterMs = 60_000;
    private int webhookMaxBodyBytes = 1 << 20;

    private Builder() {}

    public Builder statePath(Path value) {
      this.statePath = value;
      return this;
    }

    public Builder ingestDir(Path value) {
      this.ingestDir = value;
      return this;
    }

    public Builder telegramMode(IngressMode value) {
      this.telegramMode = value;
      return this;
    }

    public Builder discordMode(IngressMode value) {
      this.discordMode = value;
      return this;
    }

    public Builder whatsappMode(IngressMode value) {
      this.whatsappMode = value;
      return this;
    }

    /** Adds channel ids; each value may be a comma-separated list. */
    public Builder discordChannelIds(List<String> values) {
      splitInto(values, discordChannelIds);
      return this;
    }

    /** Adds guild ids; each value may be a comma-separated list. */
    public Builder discordGuildIds(List<String> values) {
      splitInto(values, discordGuildIds);
      return this;
    }

    public Builder webhookBind(String value) {
      this.webhookBind = value;
      return this;
    }

    public Builder pollOnce(boolean value) {
      this.pollOnce = value;
      return this;
    }

    public Builder telegramApiBase(String value) {
      this.telegramApiBase = value;
      return this;
    }

    public Builder discordApiBase(String value) {
      this.discordApiBase = value;
      return this;
    }

    public Builder telegramBotToken(Secret value) {
      this.telegramBotToken = value;
      return this;
    }

    public Builder discordBotToken(Secret value) {
      this.discordBotToken = value;
      return this;
    }

    public Builder telegramWebhookSecret(Secret value) {
      this.telegramWebhookSecret = value;
      return this;
    }

    public Builder whatsappVerifyToken(Secret value) {
      this.whatsappVerifyToken = value;
      return this;
    }

    public Builder whatsappAppSecret(Secret value) {
      this.whatsappAppSecret = value;
      return this;
    }

    public Builder retryMaxAttempts(int value) {
      this.retryMaxAttempts = value;
      return this;
    }

    public Builder retryBaseDelayMs(long value) {
      this.retryBaseDelayMs = value;
      return this;
    }

    public Builder processedEventCap(int value) {
      this.processedEventCap = value;
      return this;
    }

    public Builder telegramLongPollSeconds(int value) {
      this.telegramLongPollSeconds = value;
      return this;
    }

    public Builder discordPollIntervalMs(long value) {
      this.discordPollIntervalMs = value;
      return this;
    }

    public Builder httpTimeoutMs(long value) {
      this.httpTimeoutMs = value;
      return this;
    }

    public Builder maxRetryAfterMs(long value) {
      this.maxRetryAfterMs = value;
      return this;
    }

    public Builder webhookMaxBodyBytes(int value) {
      this.webhookMaxBodyBytes = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the flag of the first invalid setting
     */
    public ConnectorsConfig build() {
      boolean webhook = anyWebhook(telegramMode, whatsappMode);
      return new ConnectorsConfig(
          statePath,
          ingestDir,
          telegramMode,
          discordMode,
          whatsappMode,
          discordChannelIds,
          discordGuildIds,
          webhook ? parseBind(webhookBind) : null,
          pollOnce,
          apiBase(telegramApiBase, "--multi-channel-telegram-api-base"),
          apiBase(discordApiBase, "--multi-channel-discord-api-base"),
          telegramBotToken,
          discordBotToken,
          telegramWebhookSecret,
          whatsappVerifyToken,
          whatsappAppSecret,
          retryMaxAttempts,
          retryBaseDelayMs,
          processedEventCap,
          telegramLongPollSeconds,
          discordPollIntervalMs,
          httpTimeoutMs,
          maxRetryAfterMs,
          webhookMaxBodyBytes);
    }

    private static boolean loopback(String host) {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static void splitInto(List<String> values, List<String> target) {
      for (String value : values) {
        for (String part : value.split(",", -1)) {
          target.add(part.strip());
        }
      }
    }

    private static URI apiBase(String text, String flag) {
      String value = text == null ? "" : text.strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException(flag + " must not be blank");
      }
      while (value.endsWith("/")) {
        value = value.substring(0, value.length() - 1);
      }
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(flag + " is not a valid URL: '" + value + "'");
      }
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(flag + " must be an http(s) URL, got '" + value + "'");
      }
      // bot tokens travel with every request: cleartext only to this machine (tests, proxies)
      if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
        throw new IllegalArgumentException(
            flag + " must use https unless the host is loopback, got '" + value + "'");
      }
      return uri;
    }
  }
}
