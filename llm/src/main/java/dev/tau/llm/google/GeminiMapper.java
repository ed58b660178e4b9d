package dev.tau.llm.google;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ToolChoice;
import dev.tau.core.util.IdSource;
import dev.tau.llm.http.WireSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps Tau's request to a Gemini {@code generateContent} body and the answer back. */
final class GeminiMapper {
  /** The JSON Schema keywords Gemini's function {@code parameters} schema accepts. */
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of(
          "type",
          "format",
          "title",
          "description",
          "nullable",
          "enum",
          "maxItems",
          "minItems",
          "properties",
          "required",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "example",
          "anyOf",
          "propertyOrdering",
          "default",
          "items",
          "minimum",
          "maximum");

  private final String provider;
  private final IdSource ids;
  private final ThoughtSignatures signatures;

  GeminiMapper(String provider, IdSource ids, ThoughtSignatures signatures) {
    this.provider = provider;
    this.ids = ids;
    this.signatures = signatures;
  }

  ObjectNode request(ModelRequest request) {
    ObjectNode body = Json.object();
    String instructions = WireSupport.instructions(request);
    if (!instructions.isEmpty()) {
      body.putObject("systemInstruction").putArray("parts").addObject().put("text", instructions);
    }
    body.set("contents", contents(request.messages()));
    if (!request.tools().isEmpty()) {
      ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode d = declarations.addObject().put("name", tool.name());
        d.put("description", tool.description());
        d.set("parameters", schema(tool.parameters()));
      }
      ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
      switch (request.toolChoice()) {
        case ToolChoice.Auto a -> config.put("mode", "AUTO");
        case ToolChoice.None n -> config.put("mode", "NONE");
        case ToolChoice.Required r -> config.put("mode", "ANY");
        case ToolChoice.Named named -> {
          config.put("mode", "ANY");
          config.putArray("allowedFunctionNames").add(named.name());
        }
      }
    }
    if (request.maxOutputTokens().isPresent() || request.temperature().isPresent()) {
      ObjectNode generation = body.putObject("generationConfig");
      request.maxOutputTokens().ifPresent(max -> generation.put("maxOutputTokens", max));
      request.temperature().ifPresent(t -> generation.put("temperature", t));
    }
    return body;
  }

  /** Gemini turns are {@code user} and {@code model}; tool results are user turns. */
  private ArrayNode contents(List<Message> messages) {
    Map<String, String> toolNames = new HashMap<>();
    for (Message message : messages) {
      if (message instanceof Message.Assistant a) {
        a.toolCalls().forEach(call -> toolNames.put(call.id(), call.name()));
      }
    }
    return WireSupport.turns(
        messages, "model", "parts", (message, parts) -> addParts(message, parts, toolNames));
  }

  /** Adds one message's parts to its turn; a tool result needs the name of the call it answers. */
  private void addParts(Message message, ArrayNode parts, Map<String, String> toolNames) {
    switch (message) {
      case Message.User u -> u.content().forEach(part -> parts.add(part(part)));
      case Message.Assistant a -> {
        if (!a.text().isEmpty()) {
          parts.addObject().put("text", a.text());
        }
        for (ToolCall call : a.toolCalls()) {
          ObjectNode part = parts.addObject();
          ObjectNode functionCall = part.putObject("functionCall").put("name", call.name());
          functionCall.set("args", WireSupport.argumentsObject(call.arguments()));
          signatures.get(call.id()).ifPresent(s -> part.put("thoughtSignature", s));
        }
      }
      case Message.Tool t -> {
        String name =
            t.toolName().isEmpty() ? toolNames.getOrDefault(t.toolCallId(), "") : t.toolName();
        ObjectNode response =
            parts.addObject().putObject("functionResponse").put("name", name).putObject("response");
        response.put(t.isError() ? "error" : "result", WireSupport.toolResultText(t));
      }
      case Message.System s -> {}
    }
  }

  private ObjectNode part(ContentPart part) {
    ObjectNode node = Json.object();
    switch (part) {
      case ContentPart.Text t -> node.put("text", t.text());
      case ContentPart.Image i -> media(node, i.source(), GeminiMapper::imageType);
      case ContentPart.Audio a -> media(node, a.source(), url -> "audio/mpeg");
      case ContentPart.File f -> media(node, f.source(), url -> "application/pdf");
    }
    return node;
  }

  private static void media(ObjectNode node, MediaSource source, Function<String, String> guess) {
    switch (source) {
      case MediaSource.Base64 b ->
          node.putObject("inlineData").put("mimeType", b.mimeType()).put("data", b.data());
      case MediaSource.Url u -> {
        String url = u.url();
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && url.contains(";base64,") && comma > 0) {
          String mime = url.substring(5, url.indexOf(';'));
          node.putObject("inlineData").put("mimeType", mime).put("data", url.substring(comma + 1));
        } else {
          node.putObject("fileData").put("mimeType", guess.apply(url)).put("fileUri", url);
        }
      }
    }
  }

  private static String imageType(String url) {
    String path = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".webp")) {
      return "image/webp";
    }
    if (path.endsWith(".gif")) {
      return "image/gif";
    }
    if (path.endsWith(".heic")) {
      return "image/heic";
    }
    return "image/jpeg";
  }

  /** Keeps only the schema keywords Gemini accepts (it rejects {@code additionalProperties}…). */
  static JsonNode schema(JsonNode schema) {
    if (schema.isArray()) {
      ArrayNode out = Json.array();
      schema.forEach(item -> out.add(schema(item)));
      return out;
    }
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (!SCHEMA_KEYWORDS.contains(key)) {
        continue;
      }
      if (key.equals("properties") && value.isObject()) {
        ObjectNode properties = out.putObject("properties");
        for (Map.Entry<String, JsonNode> property : value.properties()) {
          properties.set(property.getKey(), schema(property.getValue()));
        }
      } else if (key.equals("type") && value.isArray()) {
        // ["string","null"] becomes type string, nullable
        for (JsonNode t : value) {
          if (t.asString("").equals("null")) {
            out.put("nullable", true);
          } else if (!out.has("type")) {
            out.put("type", t.asString(""));
          }
        }
      } else if (key.equals("items") || key.equals("anyOf")) {
        out.set(key, schema(value));
      } else {
        out.set(key, value);
      }
    }
    return out;
  }

  ModelResponse response(JsonNode body) {
    JsonNode candidate = body.path("candidates").path(0);
    if (!candidate.isObject()) {
      if (body.path("promptFeedback").has("blockReason")) {
        return new ModelResponse(
            Json.text(body, "responseId", ""),
            Json.text(body, "modelVersion", ""),
            new Message.Assistant(List.of(), List.of()),
            usage(body.get("usageMetadata")),
            StopReason.CONTENT_FILTER);
      }
      throw WireSupport.protocol(provider, "answered without candidates");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        calls.add(toolCall(part));
      } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
        text.append(Json.text(part, "text", ""));
      }
    }
    List<ContentPart> content =
        text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text.toString()));
    return new ModelResponse(
        Json.text(body, "responseId", ""),
        Json.text(body, "modelVersion", ""),
        new Message.Assistant(content, calls),
        usage(body.get("usageMetadata")),
        stopReason(Json.text(candidate, "finishReason", null), !calls.isEmpty()));
  }

  /** A {@code functionCall} part; Gemini gives ids only sometimes, so Tau makes the others. */
  ToolCall toolCall(JsonNode part) {
    JsonNode call = part.path("functionCall");
    String name = Json.text(call, "name", "");
    if (name.isEmpty()) {
      throw WireSupport.protocol(provider, "answered with a functionCall without a name");
    }
    String id = Json.text(call, "id", "");
    if (id.isEmpty()) {
      id = ids.next("call_");
    }
    String signature = Json.text(part, "thoughtSignature", "");
    if (!signature.isEmpty()) {
      signatures.put(id, signature);
    }
    JsonNode args = call.path("args");
    return new ToolCall(id, name, args.isObject() ? Json.write(args) : "{}");
  }

  /** Gemini's output count excludes thinking tokens, which are billed as output too. */
  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    return new Usage(
        WireSupport.count(usage, "promptTokenCount"),
        WireSupport.count(usage, "candidatesTokenCount")
            + WireSupport.count(usage, "thoughtsTokenCount"),
        WireSupport.count(usage, "cachedContentTokenCount"));
  }

  static StopReason stopReason(String reason, boolean hasToolCalls) {
    if (hasToolCalls) {
      return StopReason.TOOL_USE;
    }
    if (reason == null) {
      return StopReason.END_TURN;
    }
    return switch (reason) {
      case "STOP" -> StopReason.END_TURN;
      case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
          StopReason.CONTENT_FILTER;
      default -> StopReason.OTHER;
    };
  }
}
