package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.model.Usage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions and legacy Completions bodies and stream chunks.
 *
 * @param id {@code chatcmpl-…} or {@code cmpl-…}
 * @param created seconds since the epoch
 * @param model the model id reported
 * @param legacy whether this is a legacy {@code text_completion}
 */
record ChatJson(String id, long created, String model, boolean legacy) {

  /** The whole answer ({@code chat.completion} or {@code text_completion}). */
  ObjectNode completion(TurnResult result) {
    ObjectNode node = head(legacy ? "text_completion" : "chat.completion");
    ObjectNode choice = node.putArray("choices").addObject();
    choice.put("index", 0);
    if (legacy) {
      choice.put("text", result.outputText());
      choice.putNull("logprobs");
    } else {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      String text = result.outputText();
      ArrayNode calls = toolCalls(result);
      if (text.isEmpty() && !calls.isEmpty()) {
        message.putNull("content");
      } else {
        message.put("content", text);
      }
      if (!calls.isEmpty()) {
        message.set("tool_calls", calls);
      }
    }
    choice.put("finish_reason", finishReason(result));
    node.set("usage", usage(result.usage()));
    return node;
  }

  /** A stream chunk carrying {@code delta} (chat) or {@code text} (legacy). */
  ObjectNode chunk(ObjectNode delta, String text, String finishReason) {
    ObjectNode node = head(legacy ? "text_completion" : "chat.completion.chunk");
    ObjectNode choice = node.putArray("choices").addObject();
    choice.put("index", 0);
    if (legacy) {
      choice.put("text", text);
      choice.putNull("logprobs");
    } else {
      choice.set("delta", delta);
    }
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return node;
  }

  /** The last chunk with {@code stream_options.include_usage}: no choices, only usage. */
  ObjectNode usageChunk(Usage usage) {
    ObjectNode node = head(legacy ? "text_completion" : "chat.completion.chunk");
    node.putArray("choices");
    node.set("usage", usage(usage));
    return node;
  }

  /** {@code tool_calls} entries for the client functions the model called. */
  static ArrayNode toolCalls(TurnResult result) {
    ArrayNode calls = Json.array();
    for (OutputItem item : result.output()) {
      if (item instanceof OutputItem.FunctionCall f) {
        calls.add(toolCall(f, -1));
      }
    }
    return calls;
  }

  /** One {@code tool_calls} entry; {@code index} ≥ 0 adds the stream index. */
  static ObjectNode toolCall(OutputItem.FunctionCall f, int index) {
    ObjectNode call = Json.object();
    if (index >= 0) {
      call.put("index", index);
    }
    call.put("id", f.callId());
    call.put("type", "function");
    ObjectNode fn = call.putObject("function");
    fn.put("name", f.name());
    fn.put("arguments", f.arguments());
    return call;
  }

  /** {@code stop}, {@code tool_calls}, {@code length} or {@code content_filter}. */
  static String finishReason(TurnResult result) {
    return switch (result) {
      case TurnResult.Completed c -> c.functionCalls() ? "tool_calls" : "stop";
      case TurnResult.Incomplete i ->
          i.reason().equals("content_filter") ? "content_filter" : "length";
      case TurnResult.Failed f -> "stop";
      case TurnResult.Abandoned a -> "stop";
    };
  }

  static ObjectNode usage(Usage usage) {
    ObjectNode node = Json.object();
    node.put("prompt_tokens", usage.inputTokens());
    node.put("completion_tokens", usage.outputTokens());
    node.put("total_tokens", usage.totalTokens());
    return node;
  }

  private ObjectNode head(String object) {
    ObjectNode node = Json.object();
    node.put("id", id);
    node.put("object", object);
    node.put("created", created);
    node.put("model", model);
    return node;
  }
}
