package dev.tau.llm.openai.chat;

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
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps Tau's request to a Chat Completions body and the answer back. */
final class ChatMapper {
  private final String provider;
  private final ChatDialect dialect;
  private final IdSource ids;

  ChatMapper(String provider, ChatDialect dialect, IdSource ids) {
    this.provider = provider;
    this.dialect = dialect;
    this.ids = ids;
  }

  ObjectNode request(ModelRequest request, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    String instructions = WireSupport.instructions(request);
    if (!instructions.isEmpty()) {
      messages.addObject().put("role", "system").put("content", instructions);
    }
    for (Message message : request.messages()) {
      switch (message) {
        case Message.System s -> {}
        case Message.User u -> user(messages.addObject(), u);
        case Message.Assistant a -> assistant(messages.addObject(), a);
        case Message.Tool t ->
            messages
                .addObject()
                .put("role", "tool")
                .put("tool_call_id", t.toolCallId())
                .put("content", WireSupport.toolResultText(t));
      }
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function");
        function.put("name", tool.name());
        function.put("description", tool.description());
        function.set("parameters", tool.parameters());
      }
      switch (request.toolChoice()) {
        case ToolChoice.Auto a -> body.put("tool_choice", "auto");
        case ToolChoice.None n -> body.put("tool_choice", "none");
        case ToolChoice.Required r -> body.put("tool_choice", dialect.requiredToolChoice());
        case ToolChoice.Named named ->
            body.putObject("tool_choice")
                .put("type", "function")
                .putObject("function")
                .put("name", named.name());
      }
    }
    request.maxOutputTokens().ifPresent(max -> body.put(dialect.maxTokensField(), max));
    request.temperature().ifPresent(t -> body.put("temperature", t));
    if (stream) {
      body.put("stream", true);
      if (dialect.streamUsageOption()) {
        body.putObject("stream_options").put("include_usage", true);
      }
    }
    return body;
  }

  private void user(ObjectNode node, Message.User user) {
    node.put("role", "user");
    if (user.content().stream().allMatch(ContentPart.Text.class::isInstance)) {
      node.put("content", user.text());
      return;
    }
    ArrayNode parts = node.putArray("content");
    for (ContentPart part : user.content()) {
      switch (part) {
        case ContentPart.Text t -> parts.addObject().put("type", "text").put("text", t.text());
        case ContentPart.Image i ->
            parts
                .addObject()
                .put("type", "image_url")
                .putObject("image_url")
                .put("url", url(i.source()));
        case ContentPart.Audio a -> {
          if (!(a.source() instanceof MediaSource.Base64 b)) {
            throw WireSupport.unsupported(provider, "audio by URL (send it inline as base64)");
          }
          parts
              .addObject()
              .put("type", "input_audio")
              .putObject("input_audio")
              .put("data", b.data())
              .put("format", audioFormat(b.mimeType()));
        }
        case ContentPart.File f -> {
          if (!(f.source() instanceof MediaSource.Base64 b)) {
            throw WireSupport.unsupported(provider, "a file by URL (send it inline as base64)");
          }
          ObjectNode file = parts.addObject().put("type", "file").putObject("file");
          file.put("filename", f.name().isEmpty() ? "file" : f.name());
          file.put("file_data", b.dataUrl());
        }
      }
    }
  }

  private static void assistant(ObjectNode node, Message.Assistant assistant) {
    node.put("role", "assistant");
    String text = assistant.text();
    if (text.isEmpty() && !assistant.toolCalls().isEmpty()) {
      node.putNull("content");
    } else {
      node.put("content", text);
    }
    if (!assistant.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : assistant.toolCalls()) {
        ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
  }

  private static String url(MediaSource source) {
    return switch (source) {
      case MediaSource.Url u -> u.url();
      case MediaSource.Base64 b -> b.dataUrl();
    };
  }

  private String audioFormat(String mimeType) {
    String subtype = mimeType.substring(mimeType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    return switch (subtype) {
      case "wav", "x-wav", "wave" -> "wav";
      case "mpeg", "mp3" -> "mp3";
      default -> throw WireSupport.unsupported(provider, "audio of type " + mimeType);
    };
  }

  ModelResponse response(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    if (!choice.isObject()) {
      throw WireSupport.protocol(provider, "answered without choices");
    }
    JsonNode message = choice.path("message");
    List<ContentPart> content = new ArrayList<>();
    String text = Json.text(message, "content", "");
    if (!text.isEmpty()) {
      content.add(new ContentPart.Text(text));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String name = Json.text(function, "name", "");
      if (name.isEmpty()) {
        throw WireSupport.protocol(provider, "answered with a tool call without a name");
      }
      String id = Json.text(call, "id", "");
      calls.add(
          new ToolCall(
              id.isEmpty() ? ids.next("call_") : id, name, arguments(function.get("arguments"))));
    }
    return new ModelResponse(
        Json.text(body, "id", ""),
        Json.text(body, "model", ""),
        new Message.Assistant(content, calls),
        usage(body.get("usage")),
        stopReason(Json.text(choice, "finish_reason", null), !calls.isEmpty()));
  }

  /** Arguments are a JSON text in OpenAI's format; some compatible servers send an object. */
  static String arguments(JsonNode node) {
    if (node == null || node.isNull()) {
      return "{}";
    }
    return node.isString() ? node.asString() : Json.write(node);
  }

  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    return new Usage(
        WireSupport.count(usage, "prompt_tokens"),
        WireSupport.count(usage, "completion_tokens"),
        WireSupport.count(usage.path("prompt_tokens_details"), "cached_tokens"));
  }

  static StopReason stopReason(String finishReason, boolean hasToolCalls) {
    if (hasToolCalls) {
      return StopReason.TOOL_USE;
    }
    if (finishReason == null) {
      return StopReason.END_TURN;
    }
    return switch (finishReason) {
      case "stop", "eos", "end_turn" -> StopReason.END_TURN;
      case "length", "model_length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.CONTENT_FILTER;
      default -> StopReason.OTHER;
    };
  }
}
