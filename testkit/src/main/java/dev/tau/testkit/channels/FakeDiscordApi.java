package dev.tau.testkit.channels;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.RecordedRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Discord REST API (v10) on loopback, served under {@code /api/v10}. Every request needs
 * {@code Authorization: Bot <token>} (else 401 {@code {"message":"401: Unauthorized","code":0}});
 * errors are {@code {"message","code"}}; a 429 carries {@code {"message","retry_after","global"}}
 * and the {@code Retry-After} header.
 *
 * <p>Served: {@code GET /users/@me}; {@code POST /channels/{id}/messages} ({@code content} ≤ 2000
 * characters, or {@code file_url}); {@code PATCH /channels/{id}/messages/{mid}}; {@code GET
 * /channels/{id}/messages?after=&limit=} (messages after the snowflake, the oldest {@code limit} of
 * them, newest first, as Discord answers); {@code PUT …/reactions/{emoji}/@me}; {@code POST
 * /channels/{id}/typing}; {@code POST /channels/{id}/messages/{mid}/threads}. Ids are increasing
 * snowflake strings.
 */
public final class FakeDiscordApi extends FakePlatformServer {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private final String token;
  private final String botId = "1100000000000000001";
  private final AtomicLong nextId = new AtomicLong(1_200_000_000_000_000_000L);
  private final Map<String, List<ObjectNode>> channels = new ConcurrentHashMap<>();

  public FakeDiscordApi(String token) {
    this(token, Clock.systemUTC());
  }

  public FakeDiscordApi(String token, Clock clock) {
    super("/api/v10", clock);
    this.token = token;
  }

  /** The bot user's id ({@code GET /users/@me}). */
  public String botId() {
    return botId;
  }

  /**
   * Adds a message from a user to a channel's history, as if posted on Discord.
   *
   * @return the message id
   */
  public String enqueueMessage(String channelId, String authorId, String username, String content) {
    ObjectNode author = Json.object().put("id", authorId).put("username", username);
    author.putNull("global_name");
    author.put("bot", false);
    return store(channelId, content, author).get("id").asString();
  }

  /** The messages of a channel, oldest first, with their current (edited) content. */
  public List<JsonNode> channelMessages(String channelId) {
    List<ObjectNode> messages = channels.getOrDefault(channelId, List.of());
    synchronized (messages) {
      return messages.stream().map(m -> (JsonNode) m.deepCopy()).toList();
    }
  }

  @Override
  protected Answer route(RecordedRequest request, String path) {
    if (!("Bot " + token).equals(request.header("authorization").orElse(""))) {
      return error(401, "401: Unauthorized", 0);
    }
    String[] parts = path.split("/");
    // parts[0] is "" because the path starts with '/'
    String method = request.method();
    if (method.equals("GET") && path.equals("/users/@me")) {
      ObjectNode me = Json.object().put("id", botId).put("username", "tau-fake").put("bot", true);
      me.put("discriminator", "0").putNull("global_name");
      return Answer.json(200, me);
    }
    if (parts.length < 3 || !parts[1].equals("channels") || !parts[2].matches("\\d+")) {
      return error(404, "404: Not Found", 0);
    }
    String channelId = parts[2];
    ObjectNode body;
    try {
      body = request.body().isBlank() ? Json.object() : (ObjectNode) Json.parse(request.body());
    } catch (IllegalArgumentException | ClassCastException e) {
      return error(400, "400: Bad Request", 50109);
    }
    if (parts.length == 4 && parts[3].equals("messages")) {
      return switch (method) {
        case "POST" -> create(channelId, body);
        case "GET" -> list(channelId, request.query());
        default -> error(405, "405: Method Not Allowed", 0);
      };
    }
    if (parts.length == 4 && parts[3].equals("typing") && method.equals("POST")) {
      return Answer.empty(204);
    }
    if (parts.length == 5 && parts[3].equals("messages") && method.equals("PATCH")) {
      return edit(channelId, parts[4], body);
    }
    if (parts.length == 6 && parts[3].equals("messages") && parts[5].equals("threads")) {
      String name = body.path("name").asString("");
      if (name.isBlank() || name.length() > 100) {
        return invalidFormBody("name");
      }
      ObjectNode thread = Json.object().put("id", String.valueOf(nextId.incrementAndGet()));
      thread.put("type", 11).put("parent_id", channelId).put("name", name);
      return Answer.json(201, thread);
    }
    if (parts.length == 8
        && parts[3].equals("messages")
        && parts[5].equals("reactions")
        && parts[7].equals("@me")
        && method.equals("PUT")) {
      return find(channelId, parts[4]) == null
          ? error(404, "Unknown Message", 10008)
          : Answer.empty(204);
    }
    return error(404, "404: Not Found", 0);
  }

  @Override
  protected Answer failure(ScriptedFailure failure) {
    if (failure.isRedirect()) {
      return new Answer(
          failure.status(),
          "",
          failure.location().isEmpty() ? Map.of() : Map.of("Location", failure.location()));
    }
    if (failure.status() == 429) {
      ObjectNode body =
          Json.object()
              .put("message", "You are being rate limited.")
              .put("retry_after", (double) failure.retryAfterSeconds())
              .put("global", false);
      return new Answer(
          429,
          Json.write(body),
          Map.of(
              "Retry-After", String.valueOf(failure.retryAfterSeconds()),
              "X-RateLimit-Remaining", "0",
              "X-RateLimit-Scope", "user"));
    }
    return error(failure.status(), failure.description(), 0);
  }

  private Answer create(String channelId, ObjectNode body) {
    String content = body.path("content").asString("");
    String fileUrl = body.path("file_url").asString("");
    if (content.isEmpty() && fileUrl.isEmpty()) {
      return error(400, "Cannot send an empty message", 50006);
    }
    if (content.codePointCount(0, content.length()) > 2000) {
      return invalidFormBody("content");
    }
    ObjectNode author = Json.object().put("id", botId).put("username", "tau-fake").put("bot", true);
    ObjectNode message = store(channelId, content, author);
    if (!fileUrl.isEmpty()) {
      message.putArray("attachments").addObject().put("url", fileUrl);
    }
    return Answer.json(200, message);
  }

  private Answer edit(String channelId, String messageId, ObjectNode body) {
    ObjectNode message = find(channelId, messageId);
    if (message == null) {
      return error(404, "Unknown Message", 10008);
    }
    String content = body.path("content").asString("");
    if (content.codePointCount(0, content.length()) > 2000) {
      return invalidFormBody("content");
    }
    synchronized (channels.get(channelId)) {
      message.put("content", content);
      message.put("edited_timestamp", TIMESTAMP.format(clock.instant()));
      return Answer.json(200, message.deepCopy());
    }
  }

  private Answer list(String channelId, String query) {
    long after = 0;
    int limit = 50;
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        if (kv[0].equals("after") && kv.length == 2) {
          after = Long.parseLong(kv[1]);
        } else if (kv[0].equals("limit") && kv.length == 2) {
          limit = Integer.parseInt(kv[1]);
        }
      } catch (NumberFormatException e) {
        return invalidFormBody(kv[0]);
      }
    }
    if (limit < 1 || limit > 100) {
      return invalidFormBody("limit");
    }
    List<ObjectNode> messages = channels.getOrDefault(channelId, List.of());
    List<ObjectNode> selected;
    synchronized (messages) {
      long floor = after;
      List<ObjectNode> ascending =
          messages.stream().filter(m -> Long.parseLong(m.get("id").asString()) > floor).toList();
      selected =
          new ArrayList<>(
              after > 0
                  ? ascending.subList(0, Math.min(limit, ascending.size()))
                  : ascending.subList(Math.max(0, ascending.size() - limit), ascending.size()));
    }
    selected.sort(
        Comparator.comparing((ObjectNode m) -> Long.parseLong(m.get("id").asString())).reversed());
    ArrayNode result = Json.array();
    selected.forEach(m -> result.add(m.deepCopy()));
    return Answer.json(200, result);
  }

  private ObjectNode store(String channelId, String content, ObjectNode author) {
    ObjectNode message = Json.object().put("id", String.valueOf(nextId.incrementAndGet()));
    message.put("type", 0).put("channel_id", channelId).put("content", content);
    message.set("author", author);
    message.put("timestamp", TIMESTAMP.format(clock.instant())).putNull("edited_timestamp");
    message.put("tts", false).put("mention_everyone", false);
    message.putArray("mentions");
    message.putArray("attachments");
    message.putArray("embeds");
    List<ObjectNode> messages =
        channels.computeIfAbsent(
            channelId, id -> java.util.Collections.synchronizedList(new ArrayList<>()));
    messages.add(message);
    return message.deepCopy();
  }

  private ObjectNode find(String channelId, String messageId) {
    List<ObjectNode> messages = channels.getOrDefault(channelId, List.of());
    synchronized (messages) {
      return messages.stream()
          .filter(m -> m.get("id").asString().equals(messageId))
          .findFirst()
          .orElse(null);
    }
  }

  private static Answer invalidFormBody(String field) {
    ObjectNode body = Json.object().put("message", "Invalid Form Body").put("code", 50035);
    body.putObject("errors")
        .putObject(field)
        .putArray("_errors")
        .addObject()
        .put("code", "BASE_TYPE_BAD_LENGTH")
        .put("message", "Must be between 1 and 2000 in length.");
    return Answer.json(400, body);
  }

  private static Answer error(int status, String message, int code) {
    return Answer.json(status, Json.object().put("message", message).put("code", code));
  }
}
