package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolDefinition;
import dev.tau.gateway.http.ApiError;
import dev.tau.gateway.http.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field checks and input rendering shared by the request translators. Every bad field is a 400
 * naming the field in {@code param}.
 */
final class RequestFields {
  /** The label of plain user text; a lone user segment is sent without it. */
  static final String USER = "User";

  /** OpenAI's documented metadata limits; a caller cannot grow stored responses without bound. */
  static final int MAX_METADATA_KEYS = 16;

  static final int MAX_METADATA_KEY_CHARS = 64;
  static final int MAX_METADATA_VALUE_CHARS = 512;
  static final int MAX_FUNCTIONS = 128;

  private static final Set<String> TEXT_PARTS = Set.of("input_text", "output_text", "text");

  /** One labelled piece of the translated input. */
  record Segment(String label, String text) {}

  private RequestFields() {}

  static ObjectNode object(JsonNode body) {
    if (!(body instanceof ObjectNode o)) {
      throw new ApiError(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
    }
    return o;
  }

  /** Adds every top-level key not in {@code known} to {@code ignored}. */
  static void unknownKeys(ObjectNode body, Set<String> known, Set<String> ignored) {
    for (String key : body.propertyNames()) {
      if (!known.contains(key)) {
        ignored.add(key);
      }
    }
  }

  /** {@code model} is accepted but the gateway always answers with its configured model. */
  static void model(ObjectNode body, Set<String> modelNames, Set<String> ignored) {
    JsonNode model = body.get("model");
    if (model != null
        && !model.isNull()
        && !(model.isString() && modelNames.contains(model.asString()))) {
      ignored.add("model");
    }
  }

  static boolean bool(ObjectNode body, String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw invalid(field, field + " must be true or false");
    }
    return value.asBoolean();
  }

  /** A string field, or empty when absent or null. */
  static String string(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw invalid(field, field + " must be a string");
    }
    return value.asString();
  }

  static OptionalDouble temperature(ObjectNode body) {
    JsonNode value = body.get("temperature");
    if (value == null || value.isNull()) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 2) {
      throw invalid("temperature", "temperature must be a number between 0 and 2");
    }
    return OptionalDouble.of(value.asDouble());
  }

  static OptionalInt maxTokens(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return OptionalInt.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
      throw invalid(field, field + " must be a positive integer");
    }
    return OptionalInt.of(value.asInt());
  }

  /** The metadata object (string values, bounded), or an empty object. */
  static ObjectNode metadata(ObjectNode body) {
    JsonNode value = body.get("metadata");
    if (value == null || value.isNull()) {
      return Json.object();
    }
    if (!(value instanceof ObjectNode o)) {
      throw invalid("metadata", "metadata must be an object of string values");
    }
    if (o.size() > MAX_METADATA_KEYS) {
      throw invalid("metadata", "metadata may have at most " + MAX_METADATA_KEYS + " keys");
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (e.getKey().length() > MAX_METADATA_KEY_CHARS) {
        throw invalid(
            "metadata", "metadata keys may have at most " + MAX_METADATA_KEY_CHARS + " characters");
      }
      if (!e.getValue().isString()) {
        throw invalid("metadata." + e.getKey(), "metadata." + e.getKey() + " must be a string");
      }
      if (e.getValue().asString().length() > MAX_METADATA_VALUE_CHARS) {
        throw invalid(
            "metadata." + e.getKey(),
            "metadata values may have at most " + MAX_METADATA_VALUE_CHARS + " characters");
      }
    }
    return o.deepCopy();
  }

  /** {@code metadata.session_id}, trimmed, or empty. */
  static String sessionSeed(ObjectNode metadata) {
    return Json.text(metadata, "session_id", "").strip();
  }

  /**
   * Client functions from {@code tools}. Responses shape: {@code {"type":"function","name",…}};
   * chat shape: {@code {"type":"function","function":{"name",…}}}. Other tool types (hosted tools
   * this gateway does not have) are reported in {@code ignored}.
   */
  static List<ClientFunction> functions(ObjectNode body, boolean chatShape, Set<String> ignored) {
    JsonNode tools = body.get("tools");
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    if (!tools.isArray()) {
      throw invalid("tools", "tools must be an array");
    }
    List<ClientFunction> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw invalid(at, at + " must be an object");
      }
      if (!"function".equals(Json.text(tool, "type", ""))) {
        ignored.add(at);
        continue;
      }
      JsonNode fn = chatShape ? tool.get("function") : tool;
      String prefix = chatShape ? at + ".function" : at;
      if (fn == null || !fn.isObject()) {
        throw invalid(prefix, prefix + " must be an object");
      }
      String name = Json.text(fn, "name", "");
      JsonNode parameters = fn.get("parameters");
      if (parameters == null || parameters.isNull()) {
        ObjectNode empty = Json.object();
        empty.put("type", "object");
        empty.putObject("properties");
        parameters = empty;
      } else if (!parameters.isObject()) {
        throw invalid(prefix + ".parameters", prefix + ".parameters must be a JSON Schema object");
      }
      ToolDefinition definition;
      try {
        definition =
            new ToolDefinition(name, Json.text(fn, "description", ""), parameters.deepCopy());
      } catch (IllegalArgumentException e) {
        throw invalid(
            prefix + ".name",
            prefix + ".name must be 1-64 letters, digits, '_' or '-' (got '" + clip(name) + "')");
      }
      if (!names.add(name)) {
        throw invalid(prefix + ".name", "function '" + name + "' is declared twice in tools");
      }
      out.add(new ClientFunction(definition));
    }
    if (out.size() > MAX_FUNCTIONS) {
      throw invalid("tools", "tools may declare at most " + MAX_FUNCTIONS + " functions");
    }
    return out;
  }

  /**
   * Whether {@code tool_choice} turns tools off. {@code "auto"} (the default) and {@code "none"}
   * are honoured; {@code "required"} and forced-function choices cannot be enforced by the agent
   * and are reported in {@code ignored}.
   */
  static boolean toolsDisabled(ObjectNode body, Set<String> ignored) {
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return false;
    }
    if (choice.isString()) {
      switch (choice.asString()) {
        case "auto" -> {
          return false;
        }
        case "none" -> {
          return true;
        }
        case "required" -> {
          ignored.add("tool_choice");
          return false;
        }
        default -> {
          // fall through to the error below
        }
      }
    } else if (choice.isObject()) {
      ignored.add("tool_choice");
      return false;
    }
    throw invalid(
        "tool_choice", "tool_choice must be \"auto\", \"none\", \"required\" or a tool object");
  }

  /** The {@code tool_choice} to echo: as given, or {@code "auto"}. */
  static JsonNode toolChoiceEcho(ObjectNode body) {
    JsonNode choice = body.get("tool_choice");
    return choice == null || choice.isNull()
        ? Json.mapper().getNodeFactory().stringNode("auto")
        : choice.deepCopy();
  }

  /**
   * The text of a message's {@code content}: a string, an array of parts ({@code input_text},
   * {@code output_text}, {@code text}, or bare strings, joined by newlines), or one part object.
   * Parts of other types (images, files, audio) are reported in {@code ignored}.
   */
  static String contentText(JsonNode content, String field, Set<String> ignored) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isString()) {
      return content.asString().strip();
    }
    if (content.isObject()) {
      return partText(content, field, ignored).strip();
    }
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int j = 0; j < content.size(); j++) {
        String text = partText(content.get(j), field + "[" + j + "]", ignored);
        if (!text.isEmpty()) {
          parts.add(text);
        }
      }
      return String.join("\n", parts).strip();
    }
    ignored.add(field);
    return "";
  }

  private static String partText(JsonNode part, String field, Set<String> ignored) {
    if (part.isString()) {
      return part.asString();
    }
    if (part.isObject()) {
      String type = Json.text(part, "type", "text");
      if (TEXT_PARTS.contains(type) && part.path("text").isString()) {
        return part.path("text").asString();
      }
    }
    ignored.add(field);
    return "";
  }

  /** A function output rendered as text: strings as they are, anything else as compact JSON. */
  static String outputText(JsonNode output) {
    if (output == null || output.isNull()) {
      return "";
    }
    if (output.isString()) {
      return output.asString().strip();
    }
    if (output.isArray()) {
      Set<String> unused = new HashSet<>();
      String text = contentText(output, "output", unused);
      if (!text.isEmpty() || output.isEmpty()) {
        return text;
      }
    }
    return Json.write(output);
  }

  /**
   * The user message for the turn: a lone user segment as it is; otherwise every segment as {@code
   * Label:\ntext}, separated by blank lines (tau-spec §2.5.2).
   */
  static Message.User prompt(List<Segment> segments) {
    String text =
        segments.size() == 1 && segments.getFirst().label().equals(USER)
            ? segments.getFirst().text()
            : segments.stream()
                .map(s -> s.label() + ":\n" + s.text())
                .collect(Collectors.joining("\n\n"));
    return new Message.User(List.of(new ContentPart.Text(text)));
  }

  /**
   * Refuses a translated input over the limit (tau-spec §2.5.3): the prompt plus this turn's
   * instructions, in Unicode characters.
   */
  static void checkLength(Message.User input, String instructions, int maxInputChars) {
    String text = input.text();
    long chars =
        text.codePointCount(0, text.length())
            + (long) instructions.codePointCount(0, instructions.length());
    if (chars > maxInputChars) {
      throw new ApiError(
          ErrorCode.INPUT_TOO_LARGE,
          "translated input exceeds max " + maxInputChars + " characters",
          "input",
          null);
    }
  }

  static ApiError invalid(String param, String message) {
    return new ApiError(ErrorCode.INVALID_REQUEST, message, param, null);
  }

  /** A caller's value shown in an error, cut short so the message stays readable. */
  static String clip(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
