package dev.tau.llm.google;

import dev.tau.core.json.Json;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamSink;
import dev.tau.llm.http.SseEvent;
import dev.tau.llm.http.SseParser;
import dev.tau.llm.http.StreamAssembler;
import dev.tau.llm.http.StreamDecoder;
import dev.tau.llm.http.VendorErrors;
import dev.tau.llm.http.WireSupport;
import tools.jackson.databind.JsonNode;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: every event is a partial {@code
 * GenerateContentResponse}. Function calls arrive whole. The chunk that carries a {@code
 * finishReason} (with the final {@code usageMetadata}) ends the answer.
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private final String provider;
  private final GeminiMapper mapper;
  private final StreamAssembler assembler;
  private String id = "";
  private String model = "";
  private StopReason stopReason;

  GeminiStreamDecoder(String provider, GeminiMapper mapper, StreamSink sink) {
    this.provider = provider;
    this.mapper = mapper;
    this.assembler = new StreamAssembler(provider, sink);
  }

  @Override
  public boolean onEvent(SseEvent event) {
    JsonNode chunk = SseParser.json(provider, event);
    if (chunk.has("error")) {
      int status = (int) Json.number(chunk.path("error"), "code", 0);
      throw WireSupport.inStreamError(provider, status, VendorErrors.message(chunk));
    }
    if (id.isEmpty()) {
      id = Json.text(chunk, "responseId", "");
    }
    if (model.isEmpty()) {
      model = Json.text(chunk, "modelVersion", "");
    }
    if (chunk.has("usageMetadata")) {
      assembler.usage(GeminiMapper.usage(chunk.get("usageMetadata")));
    }
    JsonNode candidate = chunk.path("candidates").path(0);
    if (!candidate.isObject()) {
      if (chunk.path("promptFeedback").has("blockReason")) {
        stopReason = StopReason.CONTENT_FILTER;
        return true;
      }
      return false;
    }
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        ToolCall call = mapper.toolCall(part);
        int index = assembler.toolCount();
        assembler.toolStarted(index, call.id(), call.name());
        assembler.toolArguments(index, call.arguments());
        assembler.toolDone(index, null);
      } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
        assembler.text(Json.text(part, "text", ""));
      }
    }
    String reason = Json.text(candidate, "finishReason", null);
    if (reason != null) {
      stopReason = GeminiMapper.stopReason(reason, assembler.hasToolCalls());
      return true;
    }
    return false;
  }

  @Override
  public ModelResponse finish() {
    return assembler.finish(id, model, stopReason);
  }
}
