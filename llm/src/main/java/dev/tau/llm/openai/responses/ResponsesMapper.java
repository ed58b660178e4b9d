package dev.tau.llm.openai.responses;

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
import dev.tau.core.provider.ProviderErrors;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.ToolChoice;
import dev.tau.llm.http.WireSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps Tau's request to an OpenAI Responses body and the answer back. */
final class ResponsesMapper {
  private final String provider;

  ResponsesMapper(String provider) {
    this.provider = provider;
  }

  ObjectNode request(ModelRequest request, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    String instructions = WireSupport.instructions(request);
    if (!instructions.isEmpty()) {
      body.put("instructions", instructions);
    }
    ArrayNode input = body.putArray("input");
    for (Message message : request.messages()) {
      switch (message) {
        case Message.System s -> {}
        case Message.User u -> user(input.addObject(), u);
        case Message.Assistant a -> assistant(input, a);
        case Message.Tool t ->
            input
                .addObject()
                .put("type", "function_call_output")
                .put("call_id", t.toolCallId())
                .put("output", WireSupport.toolResultText(t));
      }
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode t = tools.addObject().put("type", "function").put("name", tool.name());
        t.put("description", tool.description());
        t.set("parameters", tool.parameters());
      }
      switch (request.toolChoice()) {
        case ToolChoice.Auto a -> body.put("tool_choice", "auto");
        case ToolChoice.None n -> body.put("tool_choice", "none");
        case ToolChoice.Required r -> body.put("tool_choice", "required");
        case ToolChoice.Named named ->
            body.putObject("tool_choice").put("type", "function").put("name", named.name());
      }
    }
    request.maxOutputTokens().ifPresent(max -> body.put("max_output_tokens", max));
    request.temperature().ifPresent(t -> body.put("temperature", t));
    // Tau keeps the conversation itself; nothing needs to live on OpenAI's side
    body.put("store", false);
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  private void user(ObjectNode node, Message.User user) {
    node.put("role", "user");
    ArrayNode content = node.putArray("content");
    for (ContentPart part : user.content()) {
      switch (part) {
        case ContentPart.Text t ->
            content.addObject().put("type", "input_text").put("text", t.text());
        case ContentPart.Image i ->
            content
                .addObject()
                .put("type", "input_image")
                .put("image_url", url(i.source()))
                .put("detail", "auto");
        case ContentPart.File f -> {
          ObjectNode file = content.addObject().put("type", "input_file");
          switch (f.source()) {
            case MediaSource.Url u -> file.put("file_url", u.url());
            case MediaSource.Base64 b -> {
              file.put("filename", f.name().isEmpty() ? "file" : f.name());
              file.put("file_data", b.dataUrl());
            }
          }
        }
        case ContentPart.Audio a ->
            throw WireSupport.unsupported(
                provider, "audio through the Responses API (use api=chat with an audio model)");
      }
    }
  }

  private static void assistant(ArrayNode input, Message.Assistant assistant) {
    String text = assistant.text();
    if (!text.isEmpty()) {
      ObjectNode message = input.addObject().put("role", "assistant");
      message.putArray("content").addObject().put("type", "output_text").put("text", text);
    }
    for (ToolCall call : assistant.toolCalls()) {
      input
          .addObject()
          .put("type", "function_call")
          .put("call_id", call.id())
          .put("name", call.name())
          .put("arguments", call.arguments());
    }
  }

  private static String url(MediaSource source) {
    return switch (source) {
      case MediaSource.Url u -> u.url();
      case MediaSource.Base64 b -> b.dataUrl();
    };
  }

  /** A complete {@code response} object (non-streaming answer or {@code response.completed}). */
  ModelResponse response(JsonNode response) {
    failIfFailed(response);
    List<ContentPart> content = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode item : response.path("output")) {
      switch (Json.text(item, "type", "")) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if ("output_text".equals(Json.text(part, "type", ""))) {
              text.append(Json.text(part, "text", ""));
            }
          }
        }
        case "function_call" -> calls.add(toolCall(item));
        default -> {
          // reasoning summaries and hosted-tool items are not part of Tau's message model
        }
      }
    }
    if (!text.isEmpty()) {
      content.add(new ContentPart.Text(text.toString()));
    }
    return new ModelResponse(
        Json.text(response, "id", ""),
        Json.text(response, "model", ""),
        new Message.Assistant(content, calls),
        usage(response.get("usage")),
        stopReason(response, !calls.isEmpty()));
  }

  ToolCall toolCall(JsonNode item) {
    String name = Json.text(item, "name", "");
    String callId = Json.text(item, "call_id", Json.text(item, "id", ""));
    if (name.isEmpty() || callId.isEmpty()) {
      throw WireSupport.protocol(provider, "answered with a function_call without name or call_id");
    }
    return new ToolCall(callId, name, Json.text(item, "arguments", "{}"));
  }

  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return Usage.ZERO;
    }
    return new Usage(
        WireSupport.count(usage, "input_tokens"),
        WireSupport.count(usage, "output_tokens"),
        WireSupport.count(usage.path("input_tokens_details"), "cached_tokens"));
  }

  static StopReason stopReason(JsonNode response, boolean hasToolCalls) {
    if (hasToolCalls) {
      return StopReason.TOOL_USE;
    }
    String status = Json.text(response, "status", "completed");
    if ("incomplete".equals(status)) {
      return switch (Json.text(response.path("incomplete_details"), "reason", "")) {
        case "max_output_tokens" -> StopReason.MAX_TOKENS;
        case "content_filter" -> StopReason.CONTENT_FILTER;
        default -> StopReason.OTHER;
      };
    }
    return StopReason.END_TURN;
  }

  /** Throws the error of a {@code failed} response. */
  void failIfFailed(JsonNode response) {
    if ("failed".equals(Json.text(response, "status", ""))) {
      throw error(response.path("error"));
    }
  }

  /** Maps an error object ({@code {code, message}}) from a failed response or an error event. */
  ProviderException error(JsonNode error) {
    String code = Json.text(error, "code", "");
    String message = Json.text(error, "message", "the response failed");
    String detail = code.isEmpty() ? message : message + " (" + code + ")";
    int status =
        switch (code) {
          case "rate_limit_exceeded", "insufficient_quota" -> 429;
          case "invalid_prompt", "invalid_request_error", "context_length_exceeded" -> 400;
          case "invalid_api_key", "authentication_error" -> 401;
          default -> 500;
        };
    return ProviderErrors.fromStatus(provider, status, detail, Optional.empty());
  }
}
