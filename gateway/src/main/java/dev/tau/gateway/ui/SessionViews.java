package dev.tau.gateway.ui;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.SessionInfo;
import dev.tau.core.session.SessionStore;
import dev.tau.core.session.StoredEvent;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the webchat and the dashboard read about stored sessions: a summary per session (for
 * lists) and a session's messages (to show its history when it is resumed).
 */
public final class SessionViews {
  /** Longest message text sent to the page; longer texts (big tool outputs) are cut. */
  public static final int MAX_TEXT_CHARS = 20_000;

  /** How many recent events are searched for a session's last question. */
  private static final int PREVIEW_EVENTS = 12;

  private static final int PREVIEW_CHARS = 120;

  private SessionViews() {}

  /**
   * {@code {session_key, created_unix_ms, updated_unix_ms, event_count, preview}}, where {@code
   * preview} is the latest user message among the last few events (empty when none).
   */
  public static ObjectNode summary(SessionStore store, SessionInfo info) {
    ObjectNode out = Json.object();
    out.put("session_key", info.id().value());
    out.put("created_unix_ms", info.createdAt().toEpochMilli());
    out.put("updated_unix_ms", info.updatedAt().toEpochMilli());
    out.put("event_count", info.eventCount());
    String preview = "";
    for (StoredEvent stored : store.recentEvents(info.id(), PREVIEW_EVENTS)) {
      if (stored.event() instanceof SessionEvent.MessageAppended m
          && m.message() instanceof Message.User user) {
        preview = user.text();
      }
    }
    out.put("preview", shorten(preview.replaceAll("\\s+", " ").strip(), PREVIEW_CHARS));
    return out;
  }

  /**
   * The session's last {@code limit} events as messages, with usage totals over them; empty when
   * the session does not exist.
   */
  public static Optional<ObjectNode> detail(SessionStore store, SessionId id, int limit) {
    Optional<SessionInfo> info = store.find(id);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    List<StoredEvent> events = store.recentEvents(id, limit);
    ObjectNode out = Json.object();
    out.put("session_key", id.value());
    out.put("created_unix_ms", info.get().createdAt().toEpochMilli());
    out.put("updated_unix_ms", info.get().updatedAt().toEpochMilli());
    out.put("event_count", info.get().eventCount());
    out.put("truncated", events.size() < info.get().eventCount());
    String title = "";
    Usage usage = Usage.ZERO;
    ArrayNode messages = Json.array();
    for (StoredEvent stored : events) {
      switch (stored.event()) {
        case SessionEvent.MessageAppended m -> {
          messages.add(message(stored.seq(), m));
          if (title.isEmpty() && m.message() instanceof Message.User user) {
            title = shorten(user.text().replaceAll("\\s+", " ").strip(), 80);
          }
        }
        case SessionEvent.UsageRecorded u -> usage = usage.plus(u.usage());
      }
    }
    out.put("title", title);
    out.set("messages", messages);
    ObjectNode totals = out.putObject("usage");
    totals.put("input_tokens", usage.inputTokens());
    totals.put("output_tokens", usage.outputTokens());
    totals.put("total_tokens", usage.totalTokens());
    return Optional.of(out);
  }

  private static ObjectNode message(long seq, SessionEvent.MessageAppended appended) {
    Message message = appended.message();
    ObjectNode out = Json.object();
    out.put("seq", seq);
    out.put("at_unix_ms", appended.at().toEpochMilli());
    out.put("role", message.role().wire());
    String text = message.text();
    out.put("text", shorten(text, MAX_TEXT_CHARS));
    if (text.length() > MAX_TEXT_CHARS) {
      out.put("text_truncated", true);
    }
    switch (message) {
      case Message.Assistant a -> {
        ArrayNode calls = out.putArray("tool_calls");
        for (ToolCall call : a.toolCalls()) {
          ObjectNode c = calls.addObject();
          c.put("id", call.id());
          c.put("name", call.name());
          c.put("arguments", shorten(call.arguments(), MAX_TEXT_CHARS));
        }
      }
      case Message.Tool t -> {
        out.put("tool_call_id", t.toolCallId());
        out.put("tool_name", t.toolName());
        out.put("is_error", t.isError());
      }
      case Message.User u -> {}
      case Message.System s -> {}
    }
    return out;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
