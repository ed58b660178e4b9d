package dev.tau.llm.anthropic;

import dev.tau.core.json.Json;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamSink;
import dev.tau.llm.http.SseEvent;
import dev.tau.llm.http.SseParser;
import dev.tau.llm.http.StreamAssembler;
import dev.tau.llm.http.StreamDecoder;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Decodes a Messages stream: {@code message_start}, then per block {@code content_block_start},
 * {@code content_block_delta} ({@code text_delta} or {@code input_json_delta}) and {@code
 * content_block_stop}, then {@code message_delta} (stop reason, output usage) and {@code
 * message_stop}. An {@code error} event ends the stream with an exception.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
  private final String provider;
  private final AnthropicMapper mapper;
  private final StreamAssembler assembler;
  private final Map<Integer, Integer> callByBlock = new HashMap<>();
  private String id = "";
  private String model = "";
  private String stopReason;
  private Usage usage = Usage.ZERO;

  AnthropicStreamDecoder(String provider, AnthropicMapper mapper, StreamSink sink) {
    this.provider = provider;
    this.mapper = mapper;
    this.assembler = new StreamAssembler(provider, sink);
  }

  @Override
  public boolean onEvent(SseEvent event) {
    JsonNode data = SseParser.json(provider, event);
    switch (Json.text(data, "type", event.event())) {
      case "message_start" -> {
        JsonNode message = data.path("message");
        id = Json.text(message, "id", "");
        model = Json.text(message, "model", "");
        usage = AnthropicMapper.usage(message.get("usage"), usage);
      }
      case "content_block_start" -> {
        JsonNode block = data.path("content_block");
        int blockIndex = (int) Json.number(data, "index", -1);
        switch (Json.text(block, "type", "")) {
          case "text" -> assembler.text(Json.text(block, "text", ""));
          case "tool_use" -> {
            int index = assembler.toolCount();
            callByBlock.put(blockIndex, index);
            assembler.toolStarted(index, Json.text(block, "id", ""), Json.text(block, "name", ""));
          }
          default -> {
            // thinking and server-tool blocks are not part of Tau's message model
          }
        }
      }
      case "content_block_delta" -> {
        JsonNode delta = data.path("delta");
        switch (Json.text(delta, "type", "")) {
          case "text_delta" -> assembler.text(Json.text(delta, "text", ""));
          case "input_json_delta" ->
              assembler.toolArguments(call(data), Json.text(delta, "partial_json", ""));
          default -> {
            // thinking and signature deltas are dropped
          }
        }
      }
      case "content_block_stop" -> {
        Integer index = callByBlock.get((int) Json.number(data, "index", -1));
        if (index != null) {
          assembler.toolDone(index, null);
        }
      }
      case "message_delta" -> {
        String reason = Json.text(data.path("delta"), "stop_reason", null);
        if (reason != null) {
          stopReason = reason;
        }
        usage = AnthropicMapper.usage(data.get("usage"), usage);
      }
      case "message_stop" -> {
        return true;
      }
      case "error" -> throw mapper.error(data);
      default -> {
        // ping and future event types carry nothing Tau needs
      }
    }
    return false;
  }

  private int call(JsonNode data) {
    Integer index = callByBlock.get((int) Json.number(data, "index", -1));
    if (index == null) {
      throw new ProviderException.ProtocolError(
          provider, provider + " streamed tool input for a block that is not a tool_use", null);
    }
    return index;
  }

  @Override
  public ModelResponse finish() {
    assembler.usage(usage);
    return assembler.finish(
        id, model, AnthropicMapper.stopReason(stopReason, assembler.hasToolCalls()));
  }
}
