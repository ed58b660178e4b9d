package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.model.Usage;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenResponses response object (tau-spec §2.5.6, OpenResponses {@code ResponseResource}), with
 * two additions: {@code output_text} (the messages' text, as the OpenAI SDKs expose it) and {@code
 * ignored_fields} (request fields accepted but not acted on), plus {@code session_key}.
 *
 * @param id the response id ({@code resp_…})
 * @param createdAt seconds since the epoch
 * @param model the model id reported
 */
record ResponseJson(String id, long createdAt, String model) {

  /** The snapshot sent with {@code response.created} and {@code response.in_progress}. */
  ObjectNode inProgress(TurnRequest request) {
    return base(request, "in_progress", List.of(), null);
  }

  /** The final object for a finished turn. */
  ObjectNode finished(TurnRequest request, TurnResult result, long completedAt) {
    String status =
        switch (result) {
          case TurnResult.Completed c -> "completed";
          case TurnResult.Incomplete i -> "incomplete";
          case TurnResult.Failed f -> "failed";
          case TurnResult.Abandoned a -> "cancelled";
        };
    ObjectNode node = base(request, status, result.output(), result.usage());
    if (result instanceof TurnResult.Completed) {
      node.put("completed_at", completedAt);
    }
    if (result instanceof TurnResult.Incomplete i) {
      node.putObject("incomplete_details").put("reason", i.reason());
    }
    if (result instanceof TurnResult.Failed f) {
      ObjectNode error = node.putObject("error");
      error.put("code", f.code().wire());
      error.put("message", f.message());
    }
    node.put("output_text", result.outputText());
    return node;
  }

  private ObjectNode base(
      TurnRequest request, String status, List<OutputItem> output, Usage usage) {
    ObjectNode node = Json.object();
    node.put("id", id);
    node.put("object", "response");
    node.put("created_at", createdAt);
    node.putNull("completed_at");
    node.put("status", status);
    node.putNull("incomplete_details");
    node.put("model", model);
    nullable(node, "previous_response_id", request.previousResponseId());
    nullable(node, "instructions", request.instructions());
    ArrayNode items = node.putArray("output");
    output.forEach(i -> items.add(i.toJson()));
    node.put("output_text", "");
    node.putNull("error");
    ArrayNode tools = node.putArray("tools");
    request.functions().forEach(f -> tools.add(f.toJson()));
    node.set("tool_choice", request.toolChoice());
    node.put("truncation", "disabled");
    node.put("parallel_tool_calls", false);
    node.putObject("text").putObject("format").put("type", "text");
    node.put("top_p", 1.0);
    node.put("presence_penalty", 0.0);
    node.put("frequency_penalty", 0.0);
    node.put("top_logprobs", 0);
    if (request.temperature().isPresent()) {
      node.put("temperature", request.temperature().getAsDouble());
    } else {
      node.putNull("temperature");
    }
    node.putNull("reasoning");
    node.putNull("user");
    if (usage == null) {
      node.putNull("usage");
    } else {
      node.set("usage", usage(usage));
    }
    if (request.maxOutputTokens().isPresent()) {
      node.put("max_output_tokens", request.maxOutputTokens().getAsInt());
    } else {
      node.putNull("max_output_tokens");
    }
    node.putNull("max_tool_calls");
    node.put("store", request.store());
    node.put("background", false);
    node.put("service_tier", "default");
    node.set("metadata", request.metadata().deepCopy());
    node.putNull("safety_identifier");
    node.putNull("prompt_cache_key");
    if (request.conversation().isEmpty()) {
      node.putNull("conversation");
    } else {
      node.putObject("conversation").put("id", request.conversation());
    }
    node.put("session_key", request.session().value());
    ArrayNode ignored = node.putArray("ignored_fields");
    request.ignoredFields().forEach(ignored::add);
    return node;
  }

  /**
   * {@code {input_tokens, input_tokens_details, output_tokens, output_tokens_details,
   * total_tokens}}.
   */
  static ObjectNode usage(Usage usage) {
    ObjectNode node = Json.object();
    node.put("input_tokens", usage.inputTokens());
    node.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
    node.put("output_tokens", usage.outputTokens());
    node.putObject("output_tokens_details").put("reasoning_tokens", 0);
    node.put("total_tokens", usage.totalTokens());
    return node;
  }

  private static void nullable(ObjectNode node, String field, String value) {
    if (value.isEmpty()) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
