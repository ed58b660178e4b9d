package dev.tau.testkit.channels;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.RecordedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Telegram Bot API on loopback ({@code https://core.telegram.org/bots/api}): methods at
 * {@code /bot<token>/<method>} taking JSON, query or form parameters, answers {@code
 * {"ok":true,"result":…}}, errors {@code {"ok":false,"error_code","description"[,"parameters":
 * {"retry_after"}]}}, 401 for a wrong token and 404 for an unknown method.
 *
 * <p>Served: {@code getMe}, {@code sendMessage}, {@code sendDocument}, {@code setMessageReaction},
 * {@code deleteWebhook}, {@code getWebhookInfo} and {@code getUpdates} with its real semantics: an
 * {@code offset} confirms (forgets) every update below it, a negative offset keeps only the last
 * {@code -offset} updates, {@code limit} caps the answer (default 100) and {@code timeout}
 * (seconds) long-polls until an update is enqueued.
 */
public final class FakeTelegramBotApi extends FakePlatformServer {
  private final String token;
  private final long botId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition updatesArrived = lock.newCondition();
  private final List<ObjectNode> pending = new ArrayList<>();
  private final AtomicLong nextMessageId = new AtomicLong(1000);
  private long nextUpdateId = 100_000_001L;
  private long lastOffset;
  private boolean closed;

  /**
   * @param token the bot token requests must carry in their path, {@code <bot id>:<secret>}
   */
  public FakeTelegramBotApi(String token) {
    this(token, Clock.systemUTC());
  }

  public FakeTelegramBotApi(String token, Clock clock) {
    super("", clock);
    this.token = token;
    int colon = token.indexOf(':');
    long id;
    try {
      id = colon > 0 ? Long.parseLong(token.substring(0, colon)) : 7_000_000_001L;
    } catch (NumberFormatException e) {
      id = 7_000_000_001L;
    }
    this.botId = id;
  }

  /** The bot's user id ({@code getMe}). */
  public long botId() {
    return botId;
  }

  /**
   * Adds an update for {@code getUpdates}; an {@code update_id} is assigned when absent. Wakes
   * waiting long polls.
   *
   * @return the update id
   */
  public long enqueueUpdate(ObjectNode update) {
    lock.lock();
    try {
      long id;
      if (update.has("update_id")) {
        id = update.get("update_id").asLong();
        nextUpdateId = Math.max(nextUpdateId, id + 1);
      } else {
        id = nextUpdateId++;
        update.put("update_id", id);
      }
      pending.add(update);
      pending.sort(
          (a, b) -> Long.compare(a.get("update_id").asLong(), b.get("update_id").asLong()));
      updatesArrived.signalAll();
      return id;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds a text-message update as Telegram sends it (private chat for a positive chat id, else a
   * supergroup).
   *
   * @return the update id
   */
  public long enqueueTextMessage(long chatId, long fromId, String username, String text) {
    ObjectNode update = Json.object();
    ObjectNode message = update.putObject("message");
    message.put("message_id", nextMessageId.incrementAndGet());
    message
        .putObject("from")
        .put("id", fromId)
        .put("is_bot", false)
        .put("first_name", username)
        .put("username", username);
    ObjectNode chat = message.putObject("chat").put("id", chatId);
    if (chatId > 0) {
      chat.put("type", "private").put("first_name", username).put("username", username);
    } else {
      chat.put("type", "supergroup").put("title", "Fake group");
    }
    message.put("date", clock.instant().getEpochSecond());
    message.put("text", text);
    return enqueueUpdate(update);
  }

  /** Updates not yet confirmed by an offset. */
  public int pendingUpdates() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** The {@code offset} of the latest {@code getUpdates} call, 0 before any. */
  public long lastOffset() {
    lock.lock();
    try {
      return lastOffset;
    } finally {
      lock.unlock();
    }
  }

  /** The parameters of every {@code sendMessage} request that succeeded or failed, in order. */
  public List<JsonNode> sentMessages() {
    return requests("POST", "/sendMessage").stream().map(r -> (JsonNode) params(r)).toList();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      updatesArrived.signalAll();
    } finally {
      lock.unlock();
    }
    super.close();
  }

  @Override
  protected Answer route(RecordedRequest request, String path) {
    String prefix = "/bot" + token + "/";
    if (!path.startsWith("/bot")) {
      return error(404, "Not Found", 0);
    }
    if (!path.startsWith(prefix)) {
      return error(401, "Unauthorized", 0);
    }
    ObjectNode params;
    try {
      params = params(request);
    } catch (IllegalArgumentException e) {
      return error(400, "Bad Request: can't parse JSON object", 0);
    }
    String method = path.substring(prefix.length());
    return switch (method) {
      case "getMe" -> ok(me());
      case "sendMessage" -> sendMessage(params);
      case "sendDocument" -> sendDocument(params);
      case "setMessageReaction" -> setMessageReaction(params);
      case "getUpdates" -> getUpdates(params);
      case "deleteWebhook" -> ok(Json.mapper().getNodeFactory().booleanNode(true));
      case "getWebhookInfo" -> {
        ObjectNode info = Json.object().put("url", "").put("has_custom_certificate", false);
        yield ok(info.put("pending_update_count", pendingUpdates()));
      }
      default -> error(404, "Not Found", 0);
    };
  }

  @Override
  protected Answer failure(ScriptedFailure failure) {
    if (failure.isRedirect()) {
      return new Answer(
          failure.status(),
          "",
          failure.location().isEmpty() ? Map.of() : Map.of("Location", failure.location()));
    }
    String description =
        failure.status() == 429
            ? "Too Many Requests: retry after " + failure.retryAfterSeconds()
            : failure.description();
    return error(failure.status(), description, failure.retryAfterSeconds());
  }

  private ObjectNode me() {
    return Json.object()
        .put("id", botId)
        .put("is_bot", true)
        .put("first_name", "Tau Fake Bot")
        .put("username", "tau_fake_bot")
        .put("can_join_groups", true)
        .put("can_read_all_group_messages", false)
        .put("supports_inline_queries", false);
  }

  private Answer sendMessage(ObjectNode params) {
    if (blank(params, "chat_id")) {
      return error(400, "Bad Request: chat_id is empty", 0);
    }
    String text = params.path("text").asString("");
    if (text.isBlank()) {
      return error(400, "Bad Request: message text is empty", 0);
    }
    if (text.codePointCount(0, text.length()) > 4096) {
      return error(400, "Bad Request: message is too long", 0);
    }
    return ok(message(params).put("text", text));
  }

  private Answer sendDocument(ObjectNode params) {
    if (blank(params, "chat_id")) {
      return error(400, "Bad Request: chat_id is empty", 0);
    }
    if (blank(params, "document")) {
      return error(400, "Bad Request: there is no document in the request", 0);
    }
    ObjectNode message = message(params);
    String document = params.get("document").asString();
    message
        .putObject("document")
        .put("file_id", "BQACAgIAAxkBAAI" + Math.abs(document.hashCode()))
        .put("file_unique_id", "AgAD" + Math.abs(document.hashCode()))
        .put("file_name", document.substring(document.lastIndexOf('/') + 1));
    if (!blank(params, "caption")) {
      message.put("caption", params.get("caption").asString());
    }
    return ok(message);
  }

  private Answer setMessageReaction(ObjectNode params) {
    if (blank(params, "chat_id")) {
      return error(400, "Bad Request: chat_id is empty", 0);
    }
    JsonNode messageId = params.get("message_id");
    if (messageId == null
        || !(messageId.isIntegralNumber() || messageId.asString("").matches("\\d+"))) {
      return error(400, "Bad Request: message to react not found", 0);
    }
    JsonNode reaction = params.get("reaction");
    if (reaction != null && reaction.isString()) {
      reaction = Json.parse(reaction.asString());
    }
    if (reaction != null && !reaction.isArray()) {
      return error(400, "Bad Request: REACTION_INVALID", 0);
    }
    return ok(Json.mapper().getNodeFactory().booleanNode(true));
  }

  private Answer getUpdates(ObjectNode params) {
    long offset;
    int limit;
    long timeoutSeconds;
    try {
      offset = Long.parseLong(params.path("offset").asString("0"));
      limit = Integer.parseInt(params.path("limit").asString("100"));
      timeoutSeconds = Long.parseLong(params.path("timeout").asString("0"));
    } catch (NumberFormatException e) {
      return error(400, "Bad Request: wrong parameter value", 0);
    }
    limit = Math.clamp(limit, 1, 100);
    lock.lock();
    try {
      lastOffset = offset;
      if (offset > 0) {
        pending.removeIf(u -> u.get("update_id").asLong() < offset);
      } else if (offset < 0) {
        while (pending.size() > -offset) {
          pending.removeFirst();
        }
      }
      long remaining = TimeUnit.SECONDS.toNanos(Math.max(0, timeoutSeconds));
      while (pending.isEmpty() && remaining > 0 && !closed) {
        remaining = updatesArrived.awaitNanos(remaining);
      }
      var result = Json.array();
      pending.stream().limit(limit).forEach(u -> result.add(u.deepCopy()));
      return ok(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(500, "Internal Server Error", 0);
    } finally {
      lock.unlock();
    }
  }

  private ObjectNode message(ObjectNode params) {
    ObjectNode message = Json.object().put("message_id", nextMessageId.incrementAndGet());
    message
        .putObject("from")
        .put("id", botId)
        .put("is_bot", true)
        .put("first_name", "Tau Fake Bot");
    JsonNode chatId = params.get("chat_id");
    String chat = chatId.asString();
    ObjectNode chatNode = message.putObject("chat");
    if (chat.matches("-?\\d+")) {
      long id = Long.parseLong(chat);
      chatNode.put("id", id).put("type", id > 0 ? "private" : "supergroup");
    } else {
      chatNode
          .put("id", -1_001_000_000_000L)
          .put("type", "channel")
          .put("username", chat.replace("@", ""));
    }
    message.put("date", clock.instant().getEpochSecond());
    return message;
  }

  private static boolean blank(ObjectNode params, String field) {
    JsonNode value = params.get(field);
    return value == null || value.isNull() || value.asString("").isBlank();
  }

  private static Answer ok(JsonNode result) {
    ObjectNode body = Json.object().put("ok", true);
    body.set("result", result);
    return Answer.json(200, body);
  }

  private static Answer error(int status, String description, int retryAfter) {
    ObjectNode body =
        Json.object().put("ok", false).put("error_code", status).put("description", description);
    if (retryAfter > 0) {
      body.putObject("parameters").put("retry_after", retryAfter);
      return new Answer(
          status, Json.write(body), Map.of("Retry-After", String.valueOf(retryAfter)));
    }
    return Answer.json(status, body);
  }
}
