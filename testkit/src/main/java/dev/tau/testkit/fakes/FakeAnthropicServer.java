package dev.tau.testkit.fakes;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Anthropic Messages API: {@code POST /v1/messages}, JSON or a named-event stream ({@code
 * message_start}, {@code content_block_*}, {@code ping}, {@code message_delta}, {@code
 * message_stop}). It rejects requests without {@code anthropic-version} or {@code max_tokens} the
 * way the real API does.
 */
public final class FakeAnthropicServer extends FakeVendorServer {

  public FakeAnthropicServer() {
    super("/v1");
  }

  @Override
  protected Route route(RecordedRequest request) {
    if (!request.method().equals("POST") || !request.path().equals(basePath() + "/messages")) {
      return new JsonAnswer(404, errorBody(404, "Not found"));
    }
    if (request.header("anthropic-version").isEmpty()) {
      return new JsonAnswer(400, errorBody(400, "anthropic-version: header is required"));
    }
    JsonNode body;
    try {
      body = request.json();
    } catch (IllegalArgumentException e) {
      return new JsonAnswer(400, errorBody(400, "There was an error parsing the body"));
    }
    if (!body.path("max_tokens").isInt()) {
      return new JsonAnswer(400, errorBody(400, "max_tokens: Field required"));
    }
    return new ModelAnswer(body.path("stream").asBoolean(false));
  }

  @Override
  protected Map<String, String> answerHeaders() {
    return Map.of("request-id", "req_fake1");
  }

  @Override
  protected String errorBody(int status, String message) {
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error")
        .put(
            "type",
            switch (status) {
              case 400 -> "invalid_request_error";
              case 401 -> "authentication_error";
              case 403 -> "permission_error";
              case 404 -> "not_found_error";
              case 413 -> "request_too_large";
              case 429 -> "rate_limit_error";
              case 529 -> "overloaded_error";
              default -> "api_error";
            })
        .put("message", message);
    return Json.write(body);
  }

  private static String stopReason(FakeReply reply) {
    return switch (reply.effectiveStop()) {
      case END -> "end_turn";
      case TOOL_USE -> "tool_use";
      case MAX_TOKENS -> "max_tokens";
      case CONTENT_FILTER -> "refusal";
    };
  }

  /** Anthropic's {@code input_tokens} excludes cache reads, which it reports apart. */
  private static ObjectNode usage(FakeReply reply, long output) {
    ObjectNode usage = Json.object();
    usage.put("input_tokens", reply.usage().input() - reply.usage().cached());
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", reply.usage().cached());
    usage.put("output_tokens", output);
    return usage;
  }

  private static ObjectNode message(FakeReply reply, String model) {
    ObjectNode message = Json.object();
    message.put("id", "msg_fake1");
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    return message;
  }

  @Override
  protected String jsonAnswer(FakeReply reply, RecordedRequest request) {
    ObjectNode message = message(reply, request.json().path("model").asString("claude-test"));
    ArrayNode content = (ArrayNode) message.get("content");
    if (!reply.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", reply.text());
    }
    for (FakeToolCall call : reply.toolCalls()) {
      ObjectNode use =
          content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
      use.set("input", Json.parse(call.argumentsJson()));
    }
    message.put("stop_reason", stopReason(reply));
    message.set("usage", usage(reply, reply.usage().output()));
    return Json.write(message);
  }

  @Override
  protected List<Frame> frames(FakeReply reply, RecordedRequest request) {
    List<Frame> frames = new ArrayList<>();
    ObjectNode start = message(reply, request.json().path("model").asString("claude-test"));
    start.set("usage", usage(reply, 1));
    frames.add(event("message_start", Json.object().set("message", start), Kind.PREAMBLE));
    int block = 0;
    if (!reply.text().isEmpty()) {
      ObjectNode blockStart = Json.object().put("index", block);
      blockStart.putObject("content_block").put("type", "text").put("text", "");
      frames.add(event("content_block_start", blockStart, Kind.PREAMBLE));
      frames.add(event("ping", Json.object(), Kind.PREAMBLE));
      for (String chunk : chunks(reply.text())) {
        ObjectNode delta = Json.object().put("index", block);
        delta.putObject("delta").put("type", "text_delta").put("text", chunk);
        frames.add(event("content_block_delta", delta, Kind.OUTPUT));
      }
      frames.add(event("content_block_stop", Json.object().put("index", block), Kind.OUTPUT));
      block++;
    }
    for (FakeToolCall call : reply.toolCalls()) {
      ObjectNode blockStart = Json.object().put("index", block);
      ObjectNode use =
          blockStart
              .putObject("content_block")
              .put("type", "tool_use")
              .put("id", call.id())
              .put("name", call.name());
      use.putObject("input");
      frames.add(event("content_block_start", blockStart, Kind.OUTPUT));
      List<String> pieces = new ArrayList<>();
      pieces.add("");
      pieces.addAll(halves(call.argumentsJson()));
      for (String piece : pieces) {
        ObjectNode delta = Json.object().put("index", block);
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
        frames.add(event("content_block_delta", delta, Kind.OUTPUT));
      }
      frames.add(event("content_block_stop", Json.object().put("index", block), Kind.OUTPUT));
      block++;
    }
    ObjectNode messageDelta = Json.object();
    messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", reply.usage().output());
    frames.add(event("message_delta", messageDelta, Kind.OUTPUT));
    frames.add(event("message_stop", Json.object(), Kind.TERMINAL));
    return frames;
  }

  private static Frame event(String type, ObjectNode payload, Kind kind) {
    ObjectNode data = Json.object().put("type", type);
    payload.properties().forEach(field -> data.set(field.getKey(), field.getValue()));
    return new Frame("event: " + type + "\ndata: " + Json.write(data) + "\n\n", kind);
  }
}
