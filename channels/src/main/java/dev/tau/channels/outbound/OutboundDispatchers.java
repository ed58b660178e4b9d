package dev.tau.channels.outbound;

import dev.tau.channels.InboundEvent;
import dev.tau.channels.Transport;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates the {@link OutboundDispatcher} of the configured {@link OutboundMode} (tau-spec §5.13).
 * Every receipt is built here, so none can carry a credential: endpoints are redacted and every
 * detail and request body passes through the {@link Redactor}.
 */
public final class OutboundDispatchers {
  /** Placeholders dry-run mode uses for what is not configured. */
  static final String DRY_RUN_TELEGRAM_TOKEN = "dry-run-telegram-token";

  static final String DRY_RUN_DISCORD_TOKEN = "dry-run-discord-token";
  static final String DRY_RUN_WHATSAPP_TOKEN = "dry-run-whatsapp-token";
  static final String DRY_RUN_PHONE_NUMBER_ID = "dry-run-phone-number-id";
  static final String DRY_RUN_RECIPIENT = "dry-run-recipient";

  private OutboundDispatchers() {}

  /** An HTTP client fit for provider mode: redirects are not followed (the dispatcher does). */
  public static HttpClient httpClient(OutboundSettings settings) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.httpTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The dispatcher for {@code settings.mode()} with the system DNS resolver and real sleeps. */
  public static OutboundDispatcher create(OutboundSettings settings, HttpClient client) {
    return create(settings, client, Sleeper.system(), SsrfGuard.HostResolver.system());
  }

  /**
   * The dispatcher for {@code settings.mode()}.
   *
   * @param client used in provider mode; must not follow redirects itself
   * @param sleeper waits out a 429's {@code retry_after}
   * @param resolver resolves hosts for the SSRF guard
   * @throws IllegalArgumentException when {@code client} follows redirects (that would bypass the
   *     SSRF guard)
   */
  public static OutboundDispatcher create(
      OutboundSettings settings,
      HttpClient client,
      Sleeper sleeper,
      SsrfGuard.HostResolver resolver) {
    Objects.requireNonNull(settings, "settings");
    return switch (settings.mode()) {
      case CHANNEL_STORE -> new ChannelStoreDispatcher();
      case DRY_RUN -> new DryRunDispatcher(settings);
      case PROVIDER -> {
        Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
          throw new IllegalArgumentException(
              "the outbound HTTP client must not follow redirects; use"
                  + " OutboundDispatchers.httpClient(settings)");
        }
        yield new ProviderDispatcher(
            settings,
            new ProviderHttp(client, new SsrfGuard(settings.ssrf(), resolver), settings, sleeper));
      }
    };
  }

  /** Channel-store mode: nothing leaves Tau. */
  private static final class ChannelStoreDispatcher implements OutboundDispatcher {
    @Override
    public OutboundMode mode() {
      return OutboundMode.CHANNEL_STORE;
    }

    @Override
    public DeliveryOutcome deliver(InboundEvent event, String text) {
      return DeliveryOutcome.channelStore();
    }
  }

  /** What every mode derives from an event: the platform, the target and the chunks. */
  private abstract static class Shaping implements OutboundDispatcher {
    final OutboundSettings settings;
    final Redactor redactor;

    Shaping(OutboundSettings settings) {
      this.settings = settings;
      this.redactor = new Redactor(settings);
    }

    List<String> chunks(Transport transport, String text) {
      return ReplyChunker.chunk(text, ReplyChunker.chunkSize(transport, settings.maxChars()));
    }

    String phoneNumberId(InboundEvent event) {
      return settings.whatsappPhoneNumberId().isEmpty()
          ? event.metadataText("whatsapp_phone_number_id")
          : settings.whatsappPhoneNumberId();
    }

    static String recipient(InboundEvent event) {
      String actor = event.actorId().strip();
      return actor.substring(actor.lastIndexOf(':') + 1).strip();
    }

    DeliveryReceipt receipt(
        Transport transport,
        String status,
        int index,
        int count,
        ShapedRequest request,
        DeliveryReason reason,
        String detail,
        int httpStatus,
        String messageId) {
      return new DeliveryReceipt(
          transport.wire(),
          mode(),
          status,
          index,
          count,
          redactor.apply(request.endpoint()),
          ReplyChunker.truncate(redactor.apply(request.body())),
          reason == null ? "" : reason.wire(),
          ReplyChunker.truncate(redactor.apply(detail)),
          reason != null && reason.retryable(),
          httpStatus,
          messageId);
    }
  }

  /** Dry-run mode: the requests provider mode would send, as receipts; nothing is sent. */
  private static final class DryRunDispatcher extends Shaping {
    DryRunDispatcher(OutboundSettings settings) {
      super(settings);
    }

    @Override
    public OutboundMode mode() {
      return OutboundMode.DRY_RUN;
    }

    @Override
    public DeliveryOutcome deliver(InboundEvent event, String text) {
      Transport transport = event.transport();
      List<String> chunks = chunks(transport, text);
      OutboundPlatform platform = OutboundPlatform.of(transport);
      OutboundPlatform.Target target = target(event);
      List<DeliveryReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        ShapedRequest request = platform.send(settings.apiBase(transport), target, chunks.get(i));
        receipts.add(receipt(transport, "dry_run", i + 1, chunks.size(), request, null, "", 0, ""));
      }
      return new DeliveryOutcome(OutboundMode.DRY_RUN, chunks.size(), receipts);
    }

    private OutboundPlatform.Target target(InboundEvent event) {
      String token = settings.token(event.transport());
      if (token.isEmpty()) {
        token =
            switch (event.transport()) {
              case TELEGRAM -> DRY_RUN_TELEGRAM_TOKEN;
              case DISCORD -> DRY_RUN_DISCORD_TOKEN;
              case WHATSAPP -> DRY_RUN_WHATSAPP_TOKEN;
            };
      }
      String phone = phoneNumberId(event);
      String recipient = recipient(event);
      return new OutboundPlatform.Target(
          event.conversationId().strip(),
          recipient.isEmpty() ? DRY_RUN_RECIPIENT : recipient,
          phone.isEmpty() ? DRY_RUN_PHONE_NUMBER_ID : phone,
          token);
    }
  }

  /** Provider mode: real requests, one per chunk, stopping at the first failed chunk. */
  private static final class ProviderDispatcher extends Shaping {
    private final ProviderHttp http;

    ProviderDispatcher(OutboundSettings settings, ProviderHttp http) {
      super(settings);
      this.http = http;
    }

    @Override
    public OutboundMode mode() {
      return OutboundMode.PROVIDER;
    }

    @Override
    public DeliveryOutcome deliver(InboundEvent event, String text) {
      Transport transport = event.transport();
      List<String> chunks = chunks(transport, text);
      if (chunks.isEmpty()) {
        return new DeliveryOutcome(OutboundMode.PROVIDER, 0, List.of());
      }
      OutboundPlatform platform = OutboundPlatform.of(transport);
      OutboundPlatform.Target target =
          new OutboundPlatform.Target(
              event.conversationId().strip(),
              recipient(event),
              phoneNumberId(event),
              settings.token(transport));
      DeliveryReason missing = missing(transport, target);
      if (missing != null) {
        ShapedRequest request = platform.send(settings.apiBase(transport), target, chunks.get(0));
        DeliveryReceipt failed =
            receipt(
                transport,
                "failed",
                1,
                chunks.size(),
                request,
                missing,
                missingDetail(missing),
                0,
                "");
        return new DeliveryOutcome(OutboundMode.PROVIDER, chunks.size(), List.of(failed));
      }
      if (platform instanceof DiscordOutbound discord
          && chunks.size() > 1
          && codePoints(chunks) <= ReplyChunker.safeMax(Transport.DISCORD)) {
        return progressive(discord, target, chunks);
      }
      List<DeliveryReceipt> receipts = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        ShapedRequest request = platform.send(settings.apiBase(transport), target, chunks.get(i));
        DeliveryReceipt receipt = send(platform, request, i + 1, chunks.size());
        receipts.add(receipt);
        if (receipt.failed()) {
          break;
        }
      }
      return new DeliveryOutcome(OutboundMode.PROVIDER, chunks.size(), receipts);
    }

    /**
     * Discord progressive edits: a placeholder message, then one edit per chunk with the text so
     * far, so the reader sees one message grow instead of several.
     */
    private DeliveryOutcome progressive(
        DiscordOutbound discord, OutboundPlatform.Target target, List<String> chunks) {
      Transport transport = Transport.DISCORD;
      int count = chunks.size();
      ShapedRequest placeholder =
          discord.send(settings.apiBase(transport), target, DiscordOutbound.PLACEHOLDER);
      DeliveryReceipt first = send(discord, placeholder, 1, count);
      if (first.failed()) {
        return new DeliveryOutcome(OutboundMode.PROVIDER, count, List.of(first));
      }
      String messageId = first.providerMessageId();
      if (messageId.isEmpty()) {
        DeliveryReason reason = DeliveryReason.MISSING_PROVIDER_MESSAGE_ID;
        return new DeliveryOutcome(
            OutboundMode.PROVIDER,
            count,
            List.of(
                receipt(
                    transport,
                    "failed",
                    1,
                    count,
                    placeholder,
                    reason,
                    "the placeholder message answer has no id",
                    first.httpStatus(),
                    "")));
      }
      List<DeliveryReceipt> receipts = new ArrayList<>();
      StringBuilder sofar = new StringBuilder();
      for (int i = 0; i < count; i++) {
        sofar.append(chunks.get(i));
        ShapedRequest edit =
            discord.edit(settings.apiBase(transport), target, messageId, sofar.toString());
        DeliveryReceipt receipt = send(discord, edit, i + 1, count);
        receipts.add(receipt);
        if (receipt.failed()) {
          break;
        }
      }
      return new DeliveryOutcome(OutboundMode.PROVIDER, count, receipts);
    }

    private DeliveryReceipt send(
        OutboundPlatform platform, ShapedRequest request, int index, int count) {
      Transport transport = platform.transport();
      return switch (http.execute(request, platform)) {
        case ProviderHttp.Failed failed ->
            receipt(
                transport,
                "failed",
                index,
                count,
                request,
                failed.reason(),
                failed.detail(),
                failed.httpStatus(),
                "");
        case ProviderHttp.Answered answered -> {
          int status = answered.status();
          if (status >= 200 && status < 300) {
            yield receipt(
                transport,
                "sent",
                index,
                count,
                request,
                null,
                "",
                status,
                platform.messageId(answered.json()));
          }
          DeliveryReason reason =
              status >= 500 && status < 600
                  ? DeliveryReason.PROVIDER_UNAVAILABLE
                  : status >= 400 && status < 500
                      ? DeliveryReason.REQUEST_REJECTED
                      : DeliveryReason.UNKNOWN_HTTP_FAILURE;
          yield receipt(
              transport, "failed", index, count, request, reason, answered.body(), status, "");
        }
      };
    }

    private static DeliveryReason missing(Transport transport, OutboundPlatform.Target target) {
      if (target.token().isEmpty()) {
        return DeliveryReason.missingToken(transport);
      }
      if (transport == Transport.WHATSAPP) {
        if (target.phoneNumberId().isEmpty()) {
          return DeliveryReason.MISSING_WHATSAPP_PHONE_NUMBER_ID;
        }
        if (target.recipient().isEmpty()) {
          return DeliveryReason.MISSING_WHATSAPP_RECIPIENT;
        }
      }
      return null;
    }

    private static String missingDetail(DeliveryReason reason) {
      return switch (reason) {
        case MISSING_TELEGRAM_BOT_TOKEN ->
            "no Telegram bot token: set --multi-channel-telegram-bot-token or"
                + " TAU_TELEGRAM_BOT_TOKEN";
        case MISSING_DISCORD_BOT_TOKEN ->
            "no Discord bot token: set --multi-channel-discord-bot-token or TAU_DISCORD_BOT_TOKEN";
        case MISSING_WHATSAPP_ACCESS_TOKEN ->
            "no WhatsApp access token: set --multi-channel-whatsapp-access-token or"
                + " TAU_WHATSAPP_ACCESS_TOKEN";
        case MISSING_WHATSAPP_PHONE_NUMBER_ID ->
            "no WhatsApp phone number id: set --multi-channel-whatsapp-phone-number-id or"
                + " TAU_WHATSAPP_PHONE_NUMBER_ID, or send from an event that carries one";
        default -> "no WhatsApp recipient in the event's actor_id";
      };
    }

    private static int codePoints(List<String> chunks) {
      return chunks.stream().mapToInt(c -> c.codePointCount(0, c.length())).sum();
    }
  }
}
