package dev.tau.channels;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The normalised inbound event every channel adapter produces (tau-spec §5.2). Building one
 * validates it: schema 1, non-blank event, conversation and actor ids, a timestamp, text or an
 * attachment, no blank metadata keys, unique attachment ids, {@code https://} (or {@code
 * http://localhost}) attachment urls and content types that are empty or contain {@code /}.
 *
 * @throws IllegalArgumentException from the constructor, naming the first invalid field
 */
public record InboundEvent(
    int schemaVersion,
    Transport transport,
    EventKind eventKind,
    String eventId,
    String conversationId,
    String threadId,
    String actorId,
    String actorDisplay,
    long timestampMs,
    String text,
    List<Attachment> attachments,
    Map<String, JsonNode> metadata) {

  public static final int SCHEMA_VERSION = 1;

  public InboundEvent {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(eventKind, "event_kind");
    Objects.requireNonNull(eventId, "event_id");
    Objects.requireNonNull(conversationId, "conversation_id");
    Objects.requireNonNull(threadId, "thread_id");
    Objects.requireNonNull(actorId, "actor_id");
    Objects.requireNonNull(actorDisplay, "actor_display");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "unsupported schema_version " + schemaVersion + " (expected " + SCHEMA_VERSION + ")");
    }
    requireNonBlank(eventId, "event_id");
    requireNonBlank(conversationId, "conversation_id");
    requireNonBlank(actorId, "actor_id");
    if (timestampMs == 0) {
      throw new IllegalArgumentException("timestamp_ms must be non-zero");
    }
    if (text.isBlank() && attachments.isEmpty()) {
      throw new IllegalArgumentException("event must include non-empty text or an attachment");
    }
    for (String key : metadata.keySet()) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("metadata keys cannot be empty");
      }
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      String id = a.attachmentId().strip();
      if (id.isEmpty()) {
        throw new IllegalArgumentException("attachments[" + i + "].attachment_id cannot be empty");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("duplicate attachment_id '" + id + "'");
      }
      String url = a.url().strip();
      if (!url.startsWith("https://") && !url.startsWith("http://localhost")) {
        throw new IllegalArgumentException(
            "attachments[" + i + "].url must start with https:// or http://localhost");
      }
      if (!a.contentType().isEmpty() && a.contentType().indexOf('/') < 0) {
        throw new IllegalArgumentException(
            "attachments[" + i + "].content_type '" + a.contentType() + "' must contain '/'");
      }
    }
  }

  private static void requireNonBlank(String value, String field) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " cannot be empty");
    }
  }

  /** {@code <transport>:<trimmed event_id>}: the key dedupe and the channel store use. */
  public String eventKey() {
    return transport.wire() + ':' + eventId.strip();
  }

  /** The policy channel {@code <transport>:<trimmed conversation_id>} (tau-spec §5.6.1). */
  public String policyChannel() {
    return transport.wire() + ':' + conversationId.strip();
  }

  /** A metadata value as text: strings trimmed, numbers and booleans as written, else "". */
  public String metadataText(String key) {
    JsonNode value = metadata.get(key);
    if (value == null || value.isNull() || value.isContainer()) {
      return "";
    }
    return value.isString() ? value.asString().strip() : value.asString();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("schema_version", schemaVersion);
    node.put("transport", transport.wire());
    node.put("event_kind", eventKind.wire());
    node.put("event_id", eventId);
    node.put("conversation_id", conversationId);
    node.put("thread_id", threadId);
    node.put("actor_id", actorId);
    node.put("actor_display", actorDisplay);
    node.put("timestamp_ms", timestampMs);
    node.put("text", text);
    var list = node.putArray("attachments");
    attachments.forEach(a -> list.add(a.toJson()));
    ObjectNode meta = node.putObject("metadata");
    metadata.forEach(meta::set);
    return node;
  }

  /**
   * Reads a normalised event (the shape {@link #toJson()} writes), applying the spec's defaults.
   *
   * @throws IllegalArgumentException naming the field that is missing, mistyped or invalid
   */
  public static InboundEvent fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("event must be a JSON object");
    }
    int schema = (int) integer(node, "schema_version", SCHEMA_VERSION);
    String transportText = string(node, "transport", null);
    Transport transport =
        Transport.parse(transportText)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unsupported transport '"
                            + transportText
                            + "' (expected telegram, discord or whatsapp)"));
    String kindText = string(node, "event_kind", null);
    EventKind kind =
        EventKind.parse(kindText)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unsupported event_kind '"
                            + kindText
                            + "' (expected message, edit, command or system)"));
    List<Attachment> attachments = new ArrayList<>();
    JsonNode rawAttachments = node.get("attachments");
    if (rawAttachments != null && !rawAttachments.isNull()) {
      if (!rawAttachments.isArray()) {
        throw new IllegalArgumentException("attachments must be an array");
      }
      for (int i = 0; i < rawAttachments.size(); i++) {
        JsonNode a = rawAttachments.get(i);
        if (!a.isObject()) {
          throw new IllegalArgumentException("attachments[" + i + "] must be an object");
        }
        attachments.add(
            new Attachment(
                string(a, "attachment_id", null),
                string(a, "url", null),
                string(a, "content_type", ""),
                string(a, "file_name", ""),
                integer(a, "size_bytes", 0)));
      }
    }
    Map<String, JsonNode> metadata = new LinkedHashMap<>();
    JsonNode rawMetadata = node.get("metadata");
    if (rawMetadata != null && !rawMetadata.isNull()) {
      if (!rawMetadata.isObject()) {
        throw new IllegalArgumentException("metadata must be an object");
      }
      for (var entry : rawMetadata.properties()) {
        metadata.put(entry.getKey(), entry.getValue());
      }
    }
    return new InboundEvent(
        schema,
        transport,
        kind,
        string(node, "event_id", null),
        string(node, "conversation_id", null),
        string(node, "thread_id", ""),
        string(node, "actor_id", null),
        string(node, "actor_display", ""),
        integer(node, "timestamp_ms", null),
        string(node, "text", ""),
        attachments,
        metadata);
  }

  private static String string(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException(field + " is required");
      }
      return fallback;
    }
    if (!value.isString()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asString();
  }

  private static long integer(JsonNode node, String field, Integer fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException(field + " is required");
      }
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw new IllegalArgumentException(field + " must be a non-negative integer");
    }
    return value.asLong();
  }
}
