package dev.tau.llm.anthropic;

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
import dev.tau.llm.http.VendorErrors;
import dev.tau.llm.http.WireSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps Tau's request to an Anthropic Messages body and the answer back. */
final class AnthropicMapper {
  /** Anthropic requires {@code max_tokens}; this is used when the request sets no cap. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private final String provider;

  AnthropicMapper(String provider) {
    this.provider = provider;
  }

  ObjectNode request(ModelRequest request, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    body.put("max_tokens", request.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS));
    String instructions = WireSupport.instructions(request);
    if (!instructions.isEmpty()) {
      body.put("system", instructions);
    }
    body.set("messages", messages(request.messages()));
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        ObjectNode t = tools.addObject().put("name", tool.name());
        t.put("description", tool.description());
        t.set("input_schema", tool.parameters());
      }
      ObjectNode choice = body.putObject("tool_choice");
      switch (request.toolChoice()) {
        case ToolChoice.Auto a -> choice.put("type", "auto");
        case ToolChoice.None n -> choice.put("type", "none");
        case ToolChoice.Required r -> choice.put("type", "any");
        case ToolChoice.Named named -> choice.put("type", "tool").put("name", named.name());
      }
    }
    // Anthropic's temperature range is 0..1; Tau's is OpenAI's 0..2
    request.temperature().ifPresent(t -> body.put("temperature", Math.min(1.0, t)));
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  /**
   * Anthropic wants alternating turns, with tool results as {@code tool_result} blocks of a user
   * turn; consecutive messages of one side are merged into one turn.
   */
  private ArrayNode messages(List<Message> messages) {
    return WireSupport.turns(messages, "assistant", "content", this::addBlocks);
  }

  /** Adds one message's content blocks to its turn. */
  private void addBlocks(Message message, ArrayNode content) {
    switch (message) {
      case Message.User u -> u.content().forEach(part -> content.add(block(part)));
      case Message.Tool t -> {
        ObjectNode result =
            content.addObject().put("type", "tool_result").put("tool_use_id", t.toolCallId());
        ArrayNode resultContent = result.putArray("content");
        for (ContentPart part : t.content()) {
          if (part instanceof ContentPart.Text || part instanceof ContentPart.Image) {
            resultContent.add(block(part));
          } else {
            resultContent.addObject().put("type", "text").put("text", "[attachment omitted]");
          }
        }
        if (t.isError()) {
          result.put("is_error", true);
        }
      }
      case Message.Assistant a -> {
        if (!a.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", a.text());
        }
        for (ToolCall call : a.toolCalls()) {
          ObjectNode use =
              content
                  .addObject()
                  .put("type", "tool_use")
                  .put("id", call.id())
                  .put("name", call.name());
          use.set("input", WireSupport.argumentsObject(call.arguments()));
        }
      }
      case Message.System s -> {}
    }
  }

  private ObjectNode block(ContentPart part) {
    ObjectNode block = Json.object();
    switch (part) {
      case ContentPart.Text t -> block.put("type", "text").put("text", t.text());
      case ContentPart.Image i -> block.put("type", "image").set("source", source(i.source()));
      case ContentPart.File f -> {
        block.put("type", "document").set("source", source(f.source()));
        if (!f.name().isEmpty()) {
          block.put("title", f.name());
        }
      }
      case ContentPart.Audio a -> throw WireSupport.unsupported(provider, "audio input");
    }
    return block;
  }

  private static ObjectNode source(MediaSource source) {
    ObjectNode node = Json.object();
    switch (source) {
      case MediaSource.Url u -> node.put("type", "url").put("url", u.url());
      case MediaSource.Base64 b ->
          node.put("type", "base64").put("media_type", b.mimeType()).put("data", b.data());
    }
    return node;
  }

  ModelResponse response(JsonNode body) {
    if (!body.path("content").isArray()) {
      throw WireSupport.protocol(provider, "answered without a content array");
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : body.path("content")) {
      switch (Json.text(block, "type", "")) {
        case "text" -> text.append(Json.text(block, "text", ""));
        case "tool_use" ->
            calls.add(
                new ToolCall(
                    Json.text(block, "id", ""),
                    Json.text(block, "name", ""),
                    Json.write(
                        block.path("input").isObject() ? block.get("input") : Json.object())));
        default -> {
          // thinking blocks are not part of Tau's message model
        }
      }
    }
    List<ContentPart> content =
        text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text.toString()));
    return new ModelResponse(
        Json.text(body, "id", ""),
        Json.text(body, "model", ""),
        new Message.Assistant(content, calls),
        usage(body.get("usage"), Usage.ZERO),
        stopReason(Json.text(body, "stop_reason", null), !calls.isEmpty()));
  }

  /**
   * Anthropic counts cache reads and writes apart from {@code input_tokens}; Tau's input count
   * includes them, as OpenAI's does. Fields absent from {@code usage} keep their value in {@code
   * previous} (a stream's {@code message_delta} repeats only some).
   */
  static Usage usage(JsonNode usage, Usage previous) {
    if (usage == null || !usage.isObject()) {
      return previous;
    }
    long cacheRead =
        usage.has("cache_read_input_tokens")
            ? WireSupport.count(usage, "cache_read_input_tokens")
            : previous.cachedInputTokens();
    long input =
        usage.has("input_tokens")
            ? WireSupport.count(usage, "input_tokens")
                + WireSupport.count(usage, "cache_creation_input_tokens")
                + cacheRead
            : previous.inputTokens();
    long output =
        usage.has("output_tokens")
            ? WireSupport.count(usage, "output_tokens")
            : previous.outputTokens();
    return new Usage(input, output, cacheRead);
  }

  static StopReason stopReason(String reason, boolean hasToolCalls) {
    if (reason == null) {
      return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
    }
    return switch (reason) {
      case "end_turn" -> hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
      case "tool_use" -> StopReason.TOOL_USE;
      case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
      case "stop_sequence" -> StopReason.STOP_SEQUENCE;
      case "refusal" -> StopReason.CONTENT_FILTER;
      default -> StopReason.OTHER;
    };
  }

  /**
   * An {@code error} stream event or error body: {@code {"type":"error","error":{type,message}}}.
   */
  ProviderException error(JsonNode body) {
    int status =
        switch (Json.text(body.path("error"), "type", "")) {
          case "invalid_request_error" -> 400;
          case "authentication_error" -> 401;
          case "permission_error" -> 403;
          case "not_found_error" -> 404;
          case "request_too_large" -> 413;
          case "rate_limit_error" -> 429;
          case "overloaded_error" -> 529;
          default -> 500;
        };
    String message = VendorErrors.message(body);
    return ProviderErrors.fromStatus(
        provider, status, message == null ? "" : message, Optional.empty());
  }
}
