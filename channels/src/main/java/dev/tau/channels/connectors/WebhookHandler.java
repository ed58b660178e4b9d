package dev.tau.channels.connectors;

import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connectors' webhook logic (tau-spec §5.14), independent of the HTTP server that carries it:
 * the standalone {@link WebhookServer} (JDK HTTP server) and the gateway's webhook routes both hand
 * their requests to this class, so verification and ingest are written once.
 *
 * <ul>
 *   <li>{@code POST /webhooks/telegram}: header {@code X-Telegram-Bot-Api-Secret-Token} must equal
 *       the configured secret, else 401 {@code auth_failed}; the body is one update.
 *   <li>{@code GET /webhooks/whatsapp}: the verification handshake ({@code hub.mode=subscribe},
 *       {@code hub.verify_token}) echoes {@code hub.challenge}, else 403 {@code
 *       invalid_webhook_verification}.
 *   <li>{@code POST /webhooks/whatsapp}: header {@code X-Hub-Signature-256: sha256=<hex>} must be
 *       the HMAC-SHA256 of the raw body under the app secret, else 401 {@code invalid_signature};
 *       every message of every {@code entry[].changes[].value} is ingested.
 * </ul>
 *
 * Secrets are compared in constant time; a refused request ingests nothing and counts an auth
 * failure. Bodies above the limit get 413, errors are {@code {"error":{"code","message"}}}, a
 * failure to store the event 500 (the platform delivers again). The state is saved after every
 * accepted delivery; a refused request counts at once but writes the state at most every {@link
 * ConnectorRuntime#REFUSED_SAVE_INTERVAL_MS} ms. A Telegram update without a {@code message}
 * (edits, channel posts, membership changes), or whose message has nothing Tau can use (a sticker,
 * a location: {@code empty_content}), is answered 200 {@code {"status":"ignored","reason_code"}}
 * and counted in {@code events_ignored}, so Telegram does not deliver it again; 400 is kept for
 * bodies that are not JSON or whose structure is malformed.
 */
public final class WebhookHandler {
  /** The Telegram webhook path. */
  public static final String TELEGRAM_PATH = "/webhooks/telegram";

  /** The WhatsApp webhook path (GET: verification handshake, POST: notifications). */
  public static final String WHATSAPP_PATH = "/webhooks/whatsapp";

  /** One incoming request, as much of it as the webhooks read. */
  public interface Request {
    /** The method, any case. */
    String method();

    /** The first value of a header, or null. */
    String header(String name);

    /** The raw (still percent-encoded) query string, or null. */
    String rawQuery();

    /** Reads at most {@code max} bytes of the body (more are left unread). */
    byte[] body(int max) throws IOException;
  }

  /**
   * What to answer.
   *
   * @param headers extra response headers (for example {@code allow} on a 405)
   */
  public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Response {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }

    static Response json(int status, JsonNode body) {
      return new Response(
          status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response error(int status, String code, String message) {
      ObjectNode error = Json.object();
      ObjectNode inner = error.putObject("error");
      inner.put("code", code);
      inner.put("message", message);
      return json(status, error);
    }

    /** The body as text (for tests and logs; the bodies hold no secret). */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final ConnectorRuntime runtime;
  private final ConnectorsConfig config;

  public WebhookHandler(ConnectorRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.config = runtime.config();
  }

  /**
   * Answers a request to {@link #TELEGRAM_PATH} or {@link #WHATSAPP_PATH} (any other path is 404).
   * Never throws for a bad request; a state or inbox that cannot be written is a 500.
   */
  public Response handle(String path, Request request) throws IOException {
    String method = request.method().toUpperCase(Locale.ROOT);
    try {
      return switch (path) {
        case TELEGRAM_PATH -> method.equals("POST") ? telegram(request) : methodNotAllowed("POST");
        case WHATSAPP_PATH ->
            switch (method) {
              case "GET" -> whatsappVerify(request);
              case "POST" -> whatsappDeliver(request);
              default -> methodNotAllowed("GET, POST");
            };
        default -> Response.error(404, "not_found", "no route for " + method + " " + path);
      };
    } catch (RuntimeException e) {
      // the state or inbox could not be written: the provider should deliver again later
      return Response.error(500, "internal_error", "the event could not be stored; retry later");
    }
  }

  private Response telegram(Request request) throws IOException {
    if (config.telegramMode() != IngressMode.WEBHOOK) {
      return Response.error(404, "connector_disabled", "telegram ingress mode is not webhook");
    }
    String given = request.header("X-Telegram-Bot-Api-Secret-Token");
    if (!constantTimeEquals(
        given == null ? "" : given.strip(), config.telegramWebhookSecret().reveal())) {
      runtime.recordFailure(
          Transport.TELEGRAM,
          ConnectorErrorCode.AUTH_FAILED,
          "invalid telegram webhook secret",
          false);
      runtime.saveThrottled();
      return Response.error(401, "auth_failed", "invalid telegram webhook secret");
    }
    byte[] body = request.body(config.webhookMaxBodyBytes() + 1);
    if (body.length > config.webhookMaxBodyBytes()) {
      return tooLarge();
    }
    JsonNode update = parseObject(body);
    if (update == null) {
      return parseFailure(Transport.TELEGRAM, "invalid_json: body must be a JSON object");
    }
    if (!update.path("message").isObject()) {
      // edited_message, channel_post, my_chat_member, callback_query…: valid updates Tau does not
      // handle. Anything but a 2xx makes Telegram deliver them again, for ever
      runtime.recordIgnored(Transport.TELEGRAM);
      runtime.saveThrottled();
      return ignored("unhandled_update_type");
    }
    IngestResult result = runtime.ingest(Transport.TELEGRAM, update);
    runtime.save();
    return switch (result) {
      case IngestResult.Rejected rejected -> Response.error(400, "parse_failed", rejected.detail());
      // a sticker, a location…: valid, nothing to ingest, and not to be delivered again
      case IngestResult.Ignored skipped -> ignored(skipped.reasonCode());
      case IngestResult.Accepted accepted -> {
        ObjectNode out = Json.object();
        out.put("status", "accepted");
        out.put("event_key", accepted.eventKey());
        out.put("duplicate", accepted.duplicate());
        yield Response.json(200, out);
      }
    };
  }

  private static Response ignored(String reasonCode) {
    ObjectNode out = Json.object();
    out.put("status", "ignored");
    out.put("reason_code", reasonCode);
    return Response.json(200, out);
  }

  private Response whatsappVerify(Request request) {
    if (config.whatsappMode() != IngressMode.WEBHOOK) {
      return Response.error(404, "connector_disabled", "whatsapp ingress mode is not webhook");
    }
    Map<String, String> query = query(request.rawQuery());
    boolean subscribe = "subscribe".equals(query.get("hub.mode"));
    boolean tokenOk =
        constantTimeEquals(
            query.getOrDefault("hub.verify_token", ""), config.whatsappVerifyToken().reveal());
    String challenge = query.get("hub.challenge");
    if (!subscribe || !tokenOk || challenge == null) {
      runtime.recordFailure(
          Transport.WHATSAPP,
          ConnectorErrorCode.INVALID_WEBHOOK_VERIFICATION,
          "whatsapp webhook verification failed",
          false);
      runtime.saveThrottled();
      return Response.error(
          403, "invalid_webhook_verification", "whatsapp webhook verification failed");
    }
    return new Response(
        200, "text/plain; charset=utf-8", challenge.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private Response whatsappDeliver(Request request) throws IOException {
    if (config.whatsappMode() != IngressMode.WEBHOOK) {
      return Response.error(404, "connector_disabled", "whatsapp ingress mode is not webhook");
    }
    byte[] body = request.body(config.webhookMaxBodyBytes() + 1);
    if (body.length > config.webhookMaxBodyBytes()) {
      return tooLarge();
    }
    if (!signatureValid(request.header("X-Hub-Signature-256"), body)) {
      runtime.recordFailure(
          Transport.WHATSAPP,
          ConnectorErrorCode.INVALID_SIGNATURE,
          "invalid whatsapp webhook signature",
          false);
      runtime.saveThrottled();
      return Response.error(401, "invalid_signature", "invalid whatsapp webhook signature");
    }
    JsonNode root = parseObject(body);
    if (root == null) {
      return parseFailure(Transport.WHATSAPP, "invalid_json: body must be a JSON object");
    }
    List<JsonNode> values = values(root);
    if (values.isEmpty()) {
      return parseFailure(
          Transport.WHATSAPP,
          "missing_field: no entry[].changes[].value object in the notification");
    }
    int ingested = 0;
    int duplicates = 0;
    int rejected = 0;
    int ignored = 0;
    for (JsonNode value : values) {
      JsonNode messages = value.path("messages");
      if (!messages.isArray() || messages.isEmpty()) {
        ignored++; // status callbacks (sent, delivered, read) carry no message
        continue;
      }
      for (JsonNode message : messages) {
        // one message per normalised event: the adapter reads messages[0]
        ObjectNode single = ((ObjectNode) value).deepCopy();
        single.putArray("messages").add(message);
        switch (runtime.ingest(Transport.WHATSAPP, single)) {
          case IngestResult.Accepted a when a.duplicate() -> duplicates++;
          case IngestResult.Accepted a -> ingested++;
          case IngestResult.Rejected r -> rejected++;
          case IngestResult.Ignored i -> ignored++;
        }
      }
    }
    runtime.save();
    ObjectNode out = Json.object();
    out.put("status", "accepted");
    out.put("ingested", ingested);
    out.put("duplicates", duplicates);
    out.put("rejected", rejected);
    out.put("ignored", ignored);
    return Response.json(200, out);
  }

  /** {@code entry[].changes[].value} objects, or the body itself when it holds {@code messages}. */
  private static List<JsonNode> values(JsonNode root) {
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        if (value.isObject()) {
          values.add(value);
        }
      }
    }
    if (values.isEmpty() && root.has("messages")) {
      values.add(root);
    }
    return values;
  }

  private boolean signatureValid(String header, byte[] body) {
    String expected = "sha256=" + HexFormat.of().formatHex(hmacSha256(body));
    String given = header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    return constantTimeEquals(given, expected);
  }

  private byte[] hmacSha256(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              config.whatsappAppSecret().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * Compares the SHA-256 digests of both values with {@link MessageDigest#isEqual}: constant time,
   * and the length of the secret does not show either.
   */
  static boolean constantTimeEquals(String given, String expected) {
    if (expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(given), sha256(expected));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private Response tooLarge() {
    return Response.error(
        413,
        "payload_too_large",
        "request body exceeds " + config.webhookMaxBodyBytes() + " bytes");
  }

  private static JsonNode parseObject(byte[] body) {
    try {
      JsonNode node = Json.parse(new String(body, StandardCharsets.UTF_8));
      return node != null && node.isObject() ? node : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Response parseFailure(Transport transport, String detail) {
    runtime.recordFailure(transport, ConnectorErrorCode.PARSE_FAILED, detail, false);
    runtime.saveThrottled();
    return Response.error(400, "parse_failed", detail);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: leave the pair out, the handshake then fails
      }
    }
    return out;
  }

  private static Response methodNotAllowed(String allow) {
    Response error = Response.error(405, "method_not_allowed", "use " + allow);
    return new Response(error.status(), error.contentType(), error.body(), Map.of("allow", allow));
  }
}
