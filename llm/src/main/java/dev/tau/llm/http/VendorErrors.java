package dev.tau.llm.http;

import dev.tau.core.json.Json;
import tools.jackson.databind.JsonNode;

/** Reads the human message out of a vendor's error JSON. */
public final class VendorErrors {
  private VendorErrors() {}

  /**
   * The message of an error body shaped like OpenAI's and most others' {@code
   * {"error":{"message":…}}}, Anthropic's {@code {"type":"error","error":{"type","message"}}},
   * Gemini's {@code {"error":{"code","message","status"}}} (also wrapped in an array), {@code
   * {"error":"…"}} or {@code {"message":"…"}}; otherwise the body itself, shortened.
   */
  public static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode node = Json.parse(body);
      String found = message(node);
      if (found != null) {
        return found;
      }
    } catch (IllegalArgumentException notJson) {
      // fall through to the raw text
    }
    return SseParser.abbreviate(body.strip());
  }

  /** The message in an already parsed error document, or null when it has none. */
  public static String message(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray() && !node.isEmpty()) {
      return message(node.get(0));
    }
    JsonNode error = node.get("error");
    if (error != null && error.isObject()) {
      String text = Json.text(error, "message", null);
      if (text != null) {
        String type = Json.text(error, "type", Json.text(error, "status", null));
        return type == null || text.contains(type) ? text : text + " (" + type + ")";
      }
    }
    if (error != null && error.isString()) {
      return error.asString();
    }
    return Json.text(node, "message", Json.text(node, "detail", null));
  }
}
