package dev.tau.channels.lifecycle;

import dev.tau.channels.Transport;
import dev.tau.channels.http.CappedBody;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The online part of {@code --multi-channel-channel-probe} (tau-spec §5.15): one authenticated
 * read-only call per platform — Telegram {@code getMe}, Discord {@code GET /users/@me}, WhatsApp
 * {@code GET /<phone_number_id>?fields=id} — with a 3 s timeout and 2 attempts (150 ms apart) for
 * rate limits and 5xx. Only codes come back; tokens never appear in them.
 */
public final class OnlineProbe {
  /** How the probe waits between attempts (injected so tests do not sleep). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * The probe outcome: {@code pass} with {@code probe_online_ready}, or {@code fail} with codes.
   */
  public record Result(boolean passed, List<String> reasonCodes) {
    public Result {
      reasonCodes = List.copyOf(reasonCodes);
    }

    static Result pass() {
      return new Result(true, List.of("probe_online_ready"));
    }

    static Result fail(String code) {
      return new Result(false, List.of(code));
    }
  }

  static final Duration TIMEOUT = Duration.ofMillis(3000);
  static final int ATTEMPTS = 2;
  static final long DELAY_MS = 150;

  private final HttpClient client;
  private final Sleeper sleeper;

  public OnlineProbe(HttpClient client, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Probes one platform.
   *
   * @param base the platform API base (operator-configured)
   * @param token the bot or access token, or null when missing
   * @param phoneNumberId WhatsApp only, or null
   */
  public Result probe(Transport transport, URI base, String token, String phoneNumberId) {
    if (token == null
        || token.isBlank()
        || transport == Transport.WHATSAPP && (phoneNumberId == null || phoneNumberId.isBlank())) {
      return Result.fail("probe_online_missing_prerequisites");
    }
    String root = base.toString().replaceAll("/+$", "");
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(TIMEOUT).GET();
    switch (transport) {
      case TELEGRAM -> request.uri(URI.create(root + "/bot" + segment(token) + "/getMe"));
      case DISCORD ->
          request.uri(URI.create(root + "/users/@me")).header("Authorization", "Bot " + token);
      case WHATSAPP ->
          request
              .uri(URI.create(root + "/" + segment(phoneNumberId) + "?fields=id"))
              .header("Authorization", "Bearer " + token);
    }
    String prefix = "probe_online_" + transport.wire() + "_";
    String last = prefix + "transport_error";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(DELAY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Result.fail("probe_online_unknown_failure");
        }
      }
      HttpResponse<String> response;
      try {
        response = client.send(request.build(), CappedBody.utf8(1024 * 1024));
      } catch (HttpTimeoutException e) {
        last = prefix + "timeout";
        continue;
      } catch (IOException e) {
        last = prefix + "transport_error";
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.fail("probe_online_unknown_failure");
      }
      int status = response.statusCode();
      if (status == 429) {
        last = prefix + "rate_limited";
        continue;
      }
      if (status >= 500) {
        last = prefix + "provider_unavailable";
        continue;
      }
      return classify(transport, prefix, status, body(response.body()));
    }
    return Result.fail(last);
  }

  private static Result classify(Transport transport, String prefix, int status, JsonNode body) {
    if (transport == Transport.WHATSAPP) {
      int code = body.path("error").path("code").asInt(0);
      if (status == 404) {
        return Result.fail("probe_online_whatsapp_phone_number_not_found");
      }
      if (code == 190) {
        return Result.fail(prefix + "auth_failed");
      }
      if (status == 400 && code == 100) {
        return Result.fail("probe_online_whatsapp_phone_number_invalid");
      }
    }
    if (status == 401 || status == 403) {
      return Result.fail(prefix + "auth_failed");
    }
    if (status < 200 || status >= 300) {
      return Result.fail(prefix + "request_rejected");
    }
    boolean valid =
        switch (transport) {
          case TELEGRAM -> body.path("ok").asBoolean(false);
          case DISCORD, WHATSAPP -> body.hasNonNull("id");
        };
    return valid ? Result.pass() : Result.fail(prefix + "invalid_response");
  }

  private static JsonNode body(String text) {
    try {
      return text == null || text.isBlank() ? Json.object() : Json.parse(text);
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }

  private static String segment(String value) {
    // ':' is a legal path character and Telegram tokens are "<id>:<secret>"
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }
}
