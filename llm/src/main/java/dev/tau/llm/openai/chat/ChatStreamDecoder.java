package dev.tau.llm.openai.chat;

import dev.tau.core.json.Json;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.util.IdSource;
import dev.tau.llm.http.SseEvent;
import dev.tau.llm.http.SseParser;
import dev.tau.llm.http.StreamAssembler;
import dev.tau.llm.http.StreamDecoder;
import dev.tau.llm.http.VendorErrors;
import dev.tau.llm.http.WireSupport;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Chat Completions stream: {@code data:} chunks with {@code choices[0].delta}, tool-call
 * deltas keyed by {@code index}, a usage chunk with empty choices, and {@code data: [DONE]}.
 */
final class ChatStreamDecoder implements StreamDecoder {
  private final String provider;
  private final IdSource ids;
  private final StreamAssembler assembler;
  private final Map<Integer, Integer> callIndex = new HashMap<>();
  private final Map<Integer, String> callIds = new HashMap<>();
  private String id = "";
  private String model = "";
  private String finishReason;

  ChatStreamDecoder(String provider, StreamSink sink, IdSource ids) {
    this.provider = provider;
    this.ids = ids;
    this.assembler = new StreamAssembler(provider, sink);
  }

  @Override
  public boolean onEvent(SseEvent event) {
    if (event.data().strip().equals("[DONE]")) {
      return true;
    }
    JsonNode chunk = SseParser.json(provider, event);
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      int status = (int) Json.number(error, "code", 0);
      throw WireSupport.inStreamError(provider, status, VendorErrors.message(chunk));
    }
    if (id.isEmpty()) {
      id = Json.text(chunk, "id", "");
    }
    if (model.isEmpty()) {
      model = Json.text(chunk, "model", "");
    }
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isObject()) {
      JsonNode delta = choice.path("delta");
      assembler.text(Json.text(delta, "content", ""));
      for (JsonNode call : delta.path("tool_calls")) {
        toolDelta(call);
      }
      String reason = Json.text(choice, "finish_reason", null);
      if (reason != null) {
        finishReason = reason;
      }
    }
    JsonNode usage = chunk.get("usage");
    if (usage != null && usage.isObject()) {
      assembler.usage(ChatMapper.usage(usage));
    }
    return false;
  }

  private void toolDelta(JsonNode call) {
    int vendorIndex = (int) Json.number(call, "index", callIndex.size());
    String callId = Json.text(call, "id", "");
    Integer index = callIndex.get(vendorIndex);
    // some compatible servers send every parallel call as index 0, each with its own id
    boolean newCall =
        index == null || (!callId.isEmpty() && !callId.equals(callIds.get(vendorIndex)));
    JsonNode function = call.path("function");
    if (newCall) {
      String name = Json.text(function, "name", "");
      if (name.isEmpty()) {
        throw WireSupport.protocol(provider, "streamed a tool call without a name");
      }
      index = assembler.toolCount();
      callIndex.put(vendorIndex, index);
      String assigned = callId.isEmpty() ? ids.next("call_") : callId;
      callIds.put(vendorIndex, callId.isEmpty() ? assigned : callId);
      assembler.toolStarted(index, assigned, name);
    }
    JsonNode arguments = function.get("arguments");
    if (arguments != null && !arguments.isNull()) {
      assembler.toolArguments(index, ChatMapper.arguments(arguments));
    }
  }

  @Override
  public ModelResponse finish() {
    return assembler.finish(
        id, model, ChatMapper.stopReason(finishReason, assembler.hasToolCalls()));
  }
}
