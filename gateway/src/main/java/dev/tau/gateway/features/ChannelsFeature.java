package dev.tau.gateway.features;

import dev.tau.channels.connectors.WebhookHandler;
import dev.tau.channels.runtime.ChannelService;
import dev.tau.gateway.GatewayContext;
import dev.tau.gateway.GatewayFeature;
import dev.tau.gateway.http.Access;
import dev.tau.gateway.http.Exchange;
import dev.tau.gateway.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The multi-channel webhooks on the gateway's own port, when the gateway hosts the channels ({@code
 * --gateway-multi-channel}): {@code POST /webhooks/telegram} (Telegram webhook mode) and {@code
 * GET|POST /webhooks/whatsapp} (WhatsApp webhook mode). The routes are {@link
 * Access#PLATFORM_SIGNED}: the platform's own secret or signature is checked by the same {@link
 * WebhookHandler} the standalone connector server uses, so verification and ingest exist once.
 */
public final class ChannelsFeature implements GatewayFeature {
  private final ChannelService channels;

  public ChannelsFeature(ChannelService channels) {
    this.channels = Objects.requireNonNull(channels, "channels");
  }

  @Override
  public void register(RouteTable routes, GatewayContext context) {
    channels
        .webhooks()
        .ifPresent(
            handler -> {
              if (channels.telegramWebhook()) {
                routes.post(
                    WebhookHandler.TELEGRAM_PATH,
                    Access.PLATFORM_SIGNED,
                    exchange -> serve(handler, WebhookHandler.TELEGRAM_PATH, exchange));
              }
              if (channels.whatsappWebhook()) {
                routes.get(
                    WebhookHandler.WHATSAPP_PATH,
                    Access.PLATFORM_SIGNED,
                    exchange -> serve(handler, WebhookHandler.WHATSAPP_PATH, exchange));
                routes.post(
                    WebhookHandler.WHATSAPP_PATH,
                    Access.PLATFORM_SIGNED,
                    exchange -> serve(handler, WebhookHandler.WHATSAPP_PATH, exchange));
              }
            });
  }

  private static void serve(WebhookHandler handler, String path, Exchange exchange)
      throws IOException {
    WebhookHandler.Response response = handler.handle(path, new HelidonRequest(exchange));
    var out = exchange.response();
    out.status(Status.create(response.status()));
    response.headers().forEach((name, value) -> out.header(HeaderNames.create(name), value));
    out.header(HeaderNames.CONTENT_TYPE, response.contentType());
    out.header(HeaderNames.CACHE_CONTROL, "no-store");
    out.send(response.body());
  }

  /** The gateway exchange as the webhook handler reads it. */
  private record HelidonRequest(Exchange exchange) implements WebhookHandler.Request {
    @Override
    public String method() {
      return exchange.request().prologue().method().text();
    }

    @Override
    public String header(String name) {
      return exchange.header(name);
    }

    @Override
    public String rawQuery() {
      String raw = exchange.request().query().rawValue();
      return raw == null || raw.isEmpty() ? null : raw;
    }

    @Override
    public byte[] body(int max) throws IOException {
      try (InputStream in = exchange.request().content().inputStream()) {
        return in.readNBytes(max);
      }
    }
  }
}
