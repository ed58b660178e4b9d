package dev.tau.core.json;

import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.Role;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
import dev.tau.core.session.SessionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tau's own JSON shape for messages and session events (used by session stores, exports and the
 * offline provider's scripts). Content blocks are tagged by {@code type}: {@code text}, {@code
 * tool_call}, {@code image}, {@code audio}, {@code file}; sources are {@code {"type":"url","url"}}
 * or {@code {"type":"base64","mime_type","data"}}.
 */
public final class MessageCodec {
  private MessageCodec() {}

  public static ObjectNode toJson(Message message) {
    ObjectNode node = Json.object();
    node.put("role", message.role().wire());
    ArrayNode content = node.putArray("content");
    for (ContentPart part : message.content()) {
      content.add(partToJson(part));
    }
    switch (message) {
      case Message.Assistant a -> {
        for (ToolCall call : a.toolCalls()) {
          ObjectNode c = content.addObject();
          c.put("type", "tool_call");
          c.put("id", call.id());
          c.put("name", call.name());
          c.put("arguments", call.arguments());
        }
      }
      case Message.Tool t -> {
        node.put("tool_call_id", t.toolCallId());
        node.put("tool_name", t.toolName());
        node.put("is_error", t.isError());
      }
      case Message.System s -> {}
      case Message.User u -> {}
    }
    return node;
  }

  /**
   * Reads a message.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static Message fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("message must be a JSON object");
    }
    Role role = Role.fromWire(Json.text(node, "role", ""));
    JsonNode contentNode = node.get("content");
    List<ContentPart> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    if (contentNode != null && contentNode.isString()) {
      parts.add(new ContentPart.Text(contentNode.asString()));
    } else if (contentNode != null && contentNode.isArray()) {
      for (JsonNode block : contentNode) {
        String type = Json.text(block, "type", "");
        if (type.equals("tool_call")) {
          calls.add(
              new ToolCall(
                  required(block, "id"),
                  required(block, "name"),
                  Json.text(block, "arguments", "{}")));
        } else {
          parts.add(partFromJson(block));
        }
      }
    } else if (contentNode != null && !contentNode.isNull()) {
      throw new IllegalArgumentException("message content must be a string or an array");
    }
    return switch (role) {
      case SYSTEM -> new Message.System(parts);
      case USER -> new Message.User(parts);
      case ASSISTANT -> new Message.Assistant(parts, calls);
      case TOOL ->
          new Message.Tool(
              required(node, "tool_call_id"),
              Json.text(node, "tool_name", ""),
              parts,
              node.path("is_error").asBoolean(false));
    };
  }

  public static ObjectNode eventToJson(SessionEvent event) {
    ObjectNode node = Json.object();
    node.put("kind", event.kind());
    node.put("at", event.at().toString());
    switch (event) {
      case SessionEvent.MessageAppended m -> node.set("message", toJson(m.message()));
      case SessionEvent.UsageRecorded u -> {
        node.put("model", u.model());
        node.set("usage", usageToJson(u.usage()));
      }
    }
    return node;
  }

  public static SessionEvent eventFromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("session event must be a JSON object");
    }
    Instant at;
    try {
      at = Instant.parse(required(node, "at"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("session event 'at' is not an ISO-8601 instant", e);
    }
    return switch (Json.text(node, "kind", "")) {
      case "message" -> new SessionEvent.MessageAppended(at, fromJson(node.get("message")));
      case "usage" ->
          new SessionEvent.UsageRecorded(
              at, Json.text(node, "model", ""), usageFromJson(node.get("usage")));
      default ->
          throw new IllegalArgumentException(
              "session event kind must be 'message' or 'usage', got '"
                  + Json.text(node, "kind", "")
                  + "'");
    };
  }

  public static ObjectNode usageToJson(Usage usage) {
    ObjectNode node = Json.object();
    node.put("input_tokens", usage.inputTokens());
    node.put("output_tokens", usage.outputTokens());
    node.put("cached_input_tokens", usage.cachedInputTokens());
    return node;
  }

  public static Usage usageFromJson(JsonNode node) {
    return new Usage(
        Json.number(node, "input_tokens", 0),
        Json.number(node, "output_tokens", 0),
        Json.number(node, "cached_input_tokens", 0));
  }

  private static ObjectNode partToJson(ContentPart part) {
    ObjectNode node = Json.object();
    switch (part) {
      case ContentPart.Text t -> {
        node.put("type", "text");
        node.put("text", t.text());
      }
      case ContentPart.Image i -> {
        node.put("type", "image");
        node.set("source", sourceToJson(i.source()));
      }
      case ContentPart.Audio a -> {
        node.put("type", "audio");
        node.set("source", sourceToJson(a.source()));
      }
      case ContentPart.File f -> {
        node.put("type", "file");
        node.put("name", f.name());
        node.set("source", sourceToJson(f.source()));
      }
    }
    return node;
  }

  private static ContentPart partFromJson(JsonNode block) {
    String type = Json.text(block, "type", "");
    return switch (type) {
      case "text" -> new ContentPart.Text(required(block, "text"));
      case "image" -> new ContentPart.Image(sourceFromJson(block.get("source")));
      case "audio" -> new ContentPart.Audio(sourceFromJson(block.get("source")));
      case "file" ->
          new ContentPart.File(sourceFromJson(block.get("source")), Json.text(block, "name", ""));
      default -> throw new IllegalArgumentException("unknown content block type '" + type + "'");
    };
  }

  private static ObjectNode sourceToJson(MediaSource source) {
    ObjectNode node = Json.object();
    switch (source) {
      case MediaSource.Url u -> {
        node.put("type", "url");
        node.put("url", u.url());
      }
      case MediaSource.Base64 b -> {
        node.put("type", "base64");
        node.put("mime_type", b.mimeType());
        node.put("data", b.data());
      }
    }
    return node;
  }

  private static MediaSource sourceFromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("media block needs a 'source' object");
    }
    return switch (Json.text(node, "type", "")) {
      case "url" -> new MediaSource.Url(required(node, "url"));
      case "base64" -> new MediaSource.Base64(required(node, "mime_type"), required(node, "data"));
      default -> throw new IllegalArgumentException("media source type must be 'url' or 'base64'");
    };
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException("missing or non-text field '" + field + "'");
    }
    return value.asString();
  }
}
