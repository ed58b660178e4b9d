package dev.tau.channels.connectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tau.channels.Transport;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connectors' webhook server (tau-spec §5.14) on the JDK HTTP server, one virtual thread per
 * request:
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
 *   <li>{@code GET /healthz}.
 * </ul>
 *
 * Secrets are compared in constant time; a refused request ingests nothing. Bodies above the limit
 * get 413, errors are {@code {"error":{"code","message"}}}. The state is saved after every
 * delivery.
 */
public final class WebhookServer implements AutoCloseable {
  private static final String TELEGRAM = "/webhooks/telegram";
  private static final String WHATSAPP = "/webhooks/whatsapp";
  private static final String HEALTHZ = "/healthz";

  private final ConnectorRuntime runtime;
  private final ConnectorsConfig config;
  private final HttpServer server;
  private final ExecutorService executor;

  private WebhookServer(ConnectorRuntime runtime, HttpServer server, ExecutorService executor) {
    this.runtime = runtime;
    this.config = runtime.config();
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@link ConnectorsConfig#webhookBind()} and starts serving.
   *
   * @throws IOException when the address cannot be bound
   */
  static WebhookServer start(ConnectorRuntime runtime) throws IOException {
    HttpServer http = HttpServer.create(runtime.config().webhookBind(), 64);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    WebhookServer server = new WebhookServer(runtime, http, executor);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** The bound address (the real port when the bind asked for port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, lets running requests finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      switch (path) {
        case TELEGRAM -> {
          if (!method.equals("POST")) {
            methodNotAllowed(exchange, "POST");
          } else {
            telegram(exchange);
          }
        }
        case WHATSAPP -> {
          if (method.equals("GET")) {
            whatsappVerify(exchange);
          } else if (method.equals("POST")) {
            whatsappDeliver(exchange);
          } else {
            methodNotAllowed(exchange, "GET, POST");
          }
        }
        case HEALTHZ -> {
          if (!method.equals("GET")) {
            methodNotAllowed(exchange, "GET");
          } else {
            ObjectNode ok = Json.object();
            ok.put("status", "ok");
            json(exchange, 200, ok);
          }
        }
        default -> error(exchange, 404, "not_found", "no route for " + method + " " + path);
      }
    } catch (RuntimeException e) {
      // the state or inbox could not be written: the provider should deliver again later
      error(exchange, 500, "internal_error", "the event could not be stored; retry later");
    }
  }

  private void telegram(HttpExchange exchange) throws IOException {
    if (config.telegramMode() != IngressMode.WEBHOOK) {
      error(exchange, 404, "connector_disabled", "telegram ingress mode is not webhook");
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
    if (!constantTimeEquals(
        given == null ? "" : given.strip(), config.telegramWebhookSecret().reveal())) {
      runtime.recordFailure(
          Transport.TELEGRAM,
          ConnectorErrorCode.AUTH_FAILED,
          "invalid telegram webhook secret",
          false);
      runtime.save();
      error(exchange, 401, "auth_failed", "invalid telegram webhook secret");
      return;
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      return;
    }
    JsonNode update = parseObject(body);
    if (update == null) {
      parseFailure(exchange, Transport.TELEGRAM, "invalid_json: body must be a JSON object");
      return;
    }
    IngestResult result = runtime.ingest(Transport.TELEGRAM, update);
    runtime.save();
    switch (result) {
      case IngestResult.Rejected rejected ->
          error(exchange, 400, "parse_failed", rejected.detail());
      case IngestResult.Accepted accepted -> {
        ObjectNode out = Json.object();
        out.put("status", "accepted");
        out.put("event_key", accepted.eventKey());
        out.put("duplicate", accepted.duplicate());
        json(exchange, 200, out);
      }
    }
  }

  private void whatsappVerify(HttpExchange exchange) throws IOException {
    if (config.whatsappMode() != IngressMode.WEBHOOK) {
      error(exchange, 404, "connector_disabled", "whatsapp ingress mode is not webhook");
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
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
      runtime.save();
      error(exchange, 403, "invalid_webhook_verification", "whatsapp webhook verification failed");
      return;
    }
    byte[] bytes = challenge.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void whatsappDeliver(HttpExchange exchange) throws IOException {
    if (config.whatsappMode() != IngressMode.WEBHOOK) {
      error(exchange, 404, "connector_disabled", "whatsapp ingress mode is not webhook");
      return;
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      return;
    }
    String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
    if (!signatureValid(signature, body)) {
      runtime.recordFailure(
          Transport.WHATSAPP,
          ConnectorErrorCode.INVALID_SIGNATURE,
          "invalid whatsapp webhook signature",
          false);
      runtime.save();
      error(exchange, 401, "invalid_signature", "invalid whatsapp webhook signature");
      return;
    }
    JsonNode root = parseObject(body);
    if (root == null) {
      parseFailure(exchange, Transport.WHATSAPP, "invalid_json: body must be a JSON object");
      return;
    }
    List<JsonNode> values = values(root);
    if (values.isEmpty()) {
      parseFailure(
          exchange,
          Transport.WHATSAPP,
          "missing_field: no entry[].changes[].value object in the notification");
      return;
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
    json(exchange, 200, out);
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

  /** The body, or null after answering 413 when it exceeds the limit. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    int limit = config.webhookMaxBodyBytes();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        error(exchange, 413, "payload_too_large", "request body exceeds " + limit + " bytes");
        return null;
      }
      return body;
    }
  }

  private static JsonNode parseObject(byte[] body) {
    try {
      JsonNode node = Json.parse(new String(body, StandardCharsets.UTF_8));
      return node != null && node.isObject() ? node : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void parseFailure(HttpExchange exchange, Transport transport, String detail)
      throws IOException {
    runtime.recordFailure(transport, ConnectorErrorCode.PARSE_FAILED, detail, false);
    runtime.save();
    error(exchange, 400, "parse_failed", detail);
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

  private static void methodNotAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().set("allow", allow);
    error(exchange, 405, "method_not_allowed", "use " + allow);
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode error = Json.object();
    ObjectNode inner = error.putObject("error");
    inner.put("code", code);
    inner.put("message", message);
    json(exchange, status, error);
  }

  private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
