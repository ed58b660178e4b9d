package dev.tau.channels.outbound;

import dev.tau.channels.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything outbound delivery needs (tau-spec §5.13): the mode, the platform API bases, the
 * credentials, the chunk size, the HTTP timeout, the rate-limit retry bounds and the SSRF guard.
 * Validated when built; {@link #toString()} never shows a credential.
 *
 * @param telegramBotToken the Telegram bot token; empty when not configured
 * @param discordBotToken the Discord bot token; empty when not configured
 * @param whatsappAccessToken the WhatsApp Cloud API access token; empty when not configured
 * @param whatsappPhoneNumberId the sending phone number id; empty to take the event's metadata
 * @param maxChars the largest chunk, in Unicode scalars (capped by each platform's safe maximum)
 * @param rateLimitMaxRetries how often a 429 is retried after the platform's {@code retry_after}
 * @param maxRetryAfter the longest {@code retry_after} waited for; a longer one fails at once
 */
public record OutboundSettings(
    OutboundMode mode,
    URI telegramApiBase,
    URI discordApiBase,
    URI whatsappApiBase,
    String telegramBotToken,
    String discordBotToken,
    String whatsappAccessToken,
    String whatsappPhoneNumberId,
    int maxChars,
    Duration httpTimeout,
    int rateLimitMaxRetries,
    Duration maxRetryAfter,
    SsrfSettings ssrf) {

  public static final String DEFAULT_TELEGRAM_API_BASE = "https://api.telegram.org";
  public static final String DEFAULT_DISCORD_API_BASE = "https://discord.com/api/v10";
  public static final String DEFAULT_WHATSAPP_API_BASE = "https://graph.facebook.com/v20.0";
  public static final int DEFAULT_MAX_CHARS = 1200;
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofMillis(5000);
  public static final int DEFAULT_RATE_LIMIT_MAX_RETRIES = 2;
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

  public OutboundSettings {
    Objects.requireNonNull(mode, "mode");
    telegramApiBase = checkBase("telegram_api_base", telegramApiBase);
    discordApiBase = checkBase("discord_api_base", discordApiBase);
    whatsappApiBase = checkBase("whatsapp_api_base", whatsappApiBase);
    telegramBotToken = strip(telegramBotToken);
    discordBotToken = strip(discordBotToken);
    whatsappAccessToken = strip(whatsappAccessToken);
    whatsappPhoneNumberId = strip(whatsappPhoneNumberId);
    if (!whatsappPhoneNumberId.isEmpty() && !whatsappPhoneNumberId.matches("[0-9]+")) {
      throw new IllegalArgumentException(
          "outbound whatsapp_phone_number_id must be digits, got '" + whatsappPhoneNumberId + "'");
    }
    if (maxChars <= 0) {
      throw new IllegalArgumentException("outbound max_chars must be > 0, got " + maxChars);
    }
    Objects.requireNonNull(httpTimeout, "http_timeout");
    if (httpTimeout.isNegative() || httpTimeout.isZero()) {
      throw new IllegalArgumentException(
          "outbound http_timeout_ms must be > 0, got " + httpTimeout.toMillis());
    }
    if (rateLimitMaxRetries < 0) {
      throw new IllegalArgumentException(
          "outbound rate_limit_max_retries must be >= 0, got " + rateLimitMaxRetries);
    }
    Objects.requireNonNull(maxRetryAfter, "max_retry_after");
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("outbound max_retry_after must be >= 0");
    }
    Objects.requireNonNull(ssrf, "ssrf");
  }

  /** A builder with the spec's defaults: channel-store mode, public API bases, no credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /** The spec's defaults. */
  public static OutboundSettings defaults() {
    return builder().build();
  }

  /** The API base of a transport. */
  public URI apiBase(Transport transport) {
    return switch (transport) {
      case TELEGRAM -> telegramApiBase;
      case DISCORD -> discordApiBase;
      case WHATSAPP -> whatsappApiBase;
    };
  }

  /** The credential of a transport; empty when not configured. */
  public String token(Transport transport) {
    return switch (transport) {
      case TELEGRAM -> telegramBotToken;
      case DISCORD -> discordBotToken;
      case WHATSAPP -> whatsappAccessToken;
    };
  }

  /** A copy with another mode. */
  public OutboundSettings withMode(OutboundMode newMode) {
    return new OutboundSettings(
        newMode,
        telegramApiBase,
        discordApiBase,
        whatsappApiBase,
        telegramBotToken,
        discordBotToken,
        whatsappAccessToken,
        whatsappPhoneNumberId,
        maxChars,
        httpTimeout,
        rateLimitMaxRetries,
        maxRetryAfter,
        ssrf);
  }

  /** A copy with another WhatsApp phone number id (the one-shot send's {@code @<digits>}). */
  public OutboundSettings withWhatsappPhoneNumberId(String phoneNumberId) {
    return new OutboundSettings(
        mode,
        telegramApiBase,
        discordApiBase,
        whatsappApiBase,
        telegramBotToken,
        discordBotToken,
        whatsappAccessToken,
        phoneNumberId,
        maxChars,
        httpTimeout,
        rateLimitMaxRetries,
        maxRetryAfter,
        ssrf);
  }

  @Override
  public String toString() {
    return "OutboundSettings[mode="
        + mode.wire()
        + ", telegramApiBase="
        + telegramApiBase
        + ", discordApiBase="
        + discordApiBase
        + ", whatsappApiBase="
        + whatsappApiBase
        + ", telegramBotToken="
        + shown(telegramBotToken)
        + ", discordBotToken="
        + shown(discordBotToken)
        + ", whatsappAccessToken="
        + shown(whatsappAccessToken)
        + ", whatsappPhoneNumberId="
        + whatsappPhoneNumberId
        + ", maxChars="
        + maxChars
        + ", httpTimeout="
        + httpTimeout
        + ", rateLimitMaxRetries="
        + rateLimitMaxRetries
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", ssrf="
        + ssrf
        + "]";
  }

  private static String shown(String secret) {
    return secret.isEmpty() ? "(none)" : "(set)";
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  private static URI checkBase(String field, URI base) {
    Objects.requireNonNull(base, field);
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "outbound " + field + " must be an http(s) URL, got '" + base + "'");
    }
    if (base.getHost() == null || base.getHost().isBlank()) {
      throw new IllegalArgumentException(
          "outbound " + field + " must name a host, got '" + base + "'");
    }
    if (base.getRawQuery() != null || base.getRawFragment() != null || base.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "outbound " + field + " must not carry user info, a query or a fragment");
    }
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  /** Parses an API base flag value, naming the field when it is not a URL. */
  public static URI parseBase(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("outbound " + field + " must not be blank");
    }
    try {
      return checkBase(field, new URI(text.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "outbound " + field + " is not a valid URL: '" + text.strip() + "'", e);
    }
  }

  /** Fills {@link OutboundSettings} field by field; {@link #build()} validates. */
  public static final class Builder {
    private OutboundMode mode = OutboundMode.CHANNEL_STORE;
    private URI telegramApiBase = URI.create(DEFAULT_TELEGRAM_API_BASE);
    private URI discordApiBase = URI.create(DEFAULT_DISCORD_API_BASE);
    private URI whatsappApiBase = URI.create(DEFAULT_WHATSAPP_API_BASE);
    private String telegramBotToken = "";
    private String discordBotToken = "";
    private String whatsappAccessToken = "";
    private String whatsappPhoneNumberId = "";
    private int maxChars = DEFAULT_MAX_CHARS;
    private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;
    private int rateLimitMaxRetries = DEFAULT_RATE_LIMIT_MAX_RETRIES;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private SsrfSettings ssrf = SsrfSettings.defaults();

    private Builder() {}

    public Builder mode(OutboundMode value) {
      this.mode = value;
      return this;
    }

    public Builder telegramApiBase(URI value) {
      this.telegramApiBase = value;
      return this;
    }

    public Builder discordApiBase(URI value) {
      this.discordApiBase = value;
      return this;
    }

    public Builder whatsappApiBase(URI value) {
      this.whatsappApiBase = value;
      return this;
    }

    public Builder telegramBotToken(String value) {
      this.telegramBotToken = value;
      return this;
    }

    public Builder discordBotToken(String value) {
      this.discordBotToken = value;
      return this;
    }

    public Builder whatsappAccessToken(String value) {
      this.whatsappAccessToken = value;
      return this;
    }

    public Builder whatsappPhoneNumberId(String value) {
      this.whatsappPhoneNumberId = value;
      return this;
    }

    public Builder maxChars(int value) {
      this.maxChars = value;
      return this;
    }

    public Builder httpTimeout(Duration value) {
      this.httpTimeout = value;
      return this;
    }

    public Builder rateLimitMaxRetries(int value) {
      this.rateLimitMaxRetries = value;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = value;
      return this;
    }

    public Builder ssrf(SsrfSettings value) {
      this.ssrf = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field when a value is out of range
     */
    public OutboundSettings build() {
      return new OutboundSettings(
          mode,
          telegramApiBase,
          discordApiBase,
          whatsappApiBase,
          telegramBotToken,
          discordBotToken,
          whatsappAccessToken,
          whatsappPhoneNumberId,
          maxChars,
          httpTimeout,
          rateLimitMaxRetries,
          maxRetryAfter,
          ssrf);
    }
  }
}
