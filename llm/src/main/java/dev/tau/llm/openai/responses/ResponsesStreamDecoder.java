package dev.tau.llm.openai.responses;

import dev.tau.core.json.Json;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.llm.http.SseEvent;
import dev.tau.llm.http.SseParser;
import dev.tau.llm.http.StreamAssembler;
import dev.tau.llm.http.StreamDecoder;
import dev.tau.llm.http.WireSupport;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Responses stream. Text comes as {@code response.output_text.delta}; a function call
 * starts with {@code response.output_item.added}, grows with {@code
 * response.function_call_arguments.delta} and ends with {@code response.output_item.done}. The
 * stream ends with {@code response.completed}, {@code response.incomplete}, {@code response.failed}
 * or {@code error}.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private final String provider;
  private final ResponsesMapper mapper;
  private final StreamAssembler assembler;
  private final Map<Integer, Integer> callByOutputIndex = new HashMap<>();
  private final Map<String, Integer> callByItemId = new HashMap<>();
  private JsonNode finalResponse;

  ResponsesStreamDecoder(String provider, ResponsesMapper mapper, StreamSink sink) {
    this.provider = provider;
    this.mapper = mapper;
    this.assembler = new StreamAssembler(provider, sink);
  }

  @Override
  public boolean onEvent(SseEvent event) {
    JsonNode data = SseParser.json(provider, event);
    String type = Json.text(data, "type", event.event());
    switch (type) {
      case "response.output_text.delta" -> assembler.text(Json.text(data, "delta", ""));
      case "response.output_item.added" -> itemAdded(data);
      case "response.function_call_arguments.delta" ->
          assembler.toolArguments(callIndex(data), Json.text(data, "delta", ""));
      case "response.function_call_arguments.done" ->
          assembler.toolDone(callIndex(data), Json.text(data, "arguments", null));
      case "response.output_item.done" -> itemDone(data);
      case "response.completed", "response.incomplete" -> {
        finalResponse = data.path("response");
        return true;
      }
      case "response.failed" -> {
        mapper.failIfFailed(data.path("response"));
        throw mapper.error(data.path("response").path("error"));
      }
      case "error" -> throw mapper.error(data.has("error") ? data.get("error") : data);
      default -> {
        // created, in_progress, content_part.*, reasoning and other progress events carry nothing
        // new
      }
    }
    return false;
  }

  private void itemAdded(JsonNode data) {
    JsonNode item = data.path("item");
    if (!"function_call".equals(Json.text(item, "type", ""))) {
      return;
    }
    int index = assembler.toolCount();
    callByOutputIndex.put((int) Json.number(data, "output_index", -1), index);
    callByItemId.put(Json.text(item, "id", ""), index);
    var call = mapper.toolCall(item);
    assembler.toolStarted(index, call.id(), call.name());
    String arguments = Json.text(item, "arguments", "");
    if (!arguments.isEmpty()) {
      assembler.toolArguments(index, arguments);
    }
  }

  private void itemDone(JsonNode data) {
    JsonNode item = data.path("item");
    if ("function_call".equals(Json.text(item, "type", ""))) {
      assembler.toolDone(callIndex(data), Json.text(item, "arguments", null));
    }
  }

  private int callIndex(JsonNode data) {
    Integer index =
        callByItemId.get(Json.text(data, "item_id", Json.text(data.path("item"), "id", "")));
    if (index == null) {
      index = callByOutputIndex.get((int) Json.number(data, "output_index", -1));
    }
    if (index == null) {
      throw WireSupport.protocol(
          provider, "streamed arguments for a function call it never started");
    }
    return index;
  }

  @Override
  public ModelResponse finish() {
    ModelResponse whole = mapper.response(finalResponse);
    assembler.usage(whole.usage());
    return assembler.finish(
        whole.id(),
        whole.model(),
        ResponsesMapper.stopReason(finalResponse, assembler.hasToolCalls()));
  }
}
