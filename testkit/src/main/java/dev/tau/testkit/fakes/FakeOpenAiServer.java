package dev.tau.testkit.fakes;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake OpenAI: {@code POST /v1/responses} (Responses API, named SSE events) and {@code POST
 * /v1/chat/completions} (Chat Completions, {@code data:} chunks ending in {@code data: [DONE]}).
 * The {@link Flavor#OLLAMA} flavour answers like Ollama's OpenAI-compatible endpoint instead: each
 * streamed tool call arrives whole in one chunk, and {@code GET /api/tags} lists models.
 */
public final class FakeOpenAiServer extends FakeVendorServer {
  /** Whose OpenAI-compatible server to imitate. */
  public enum Flavor {
    OPENAI,
    OLLAMA
  }

  private final Flavor flavor;

  public FakeOpenAiServer() {
    this(Flavor.OPENAI);
  }

  public FakeOpenAiServer(Flavor flavor) {
    super("/v1");
    this.flavor = flavor;
  }

  @Override
  protected Route route(RecordedRequest request) {
    if (flavor == Flavor.OLLAMA
        && request.method().equals("GET")
        && request.path().equals("/api/tags")) {
      return new JsonAnswer(200, "{\"models\":[{\"name\":\"llama3.2:latest\"}]}");
    }
    if (!request.method().equals("POST")) {
      return new JsonAnswer(405, errorBody(405, "method not allowed"));
    }
    if (request.path().equals(basePath() + "/responses")
        || request.path().equals(basePath() + "/chat/completions")) {
      return new ModelAnswer(streaming(request));
    }
    return new JsonAnswer(404, errorBody(404, "Invalid URL (POST " + request.path() + ")"));
  }

  private static boolean streaming(RecordedRequest request) {
    try {
      return request.json().path("stream").asBoolean(false);
    } catch (IllegalArgumentException notJson) {
      return false;
    }
  }

  private static boolean isResponses(RecordedRequest request) {
    return request.path().endsWith("/responses");
  }

  @Override
  protected String errorBody(int status, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put(
        "type",
        switch (status) {
          case 401 -> "invalid_request_error";
          case 429 -> "rate_limit_exceeded";
          case 500, 502, 503 -> "server_error";
          default -> "invalid_request_error";
        });
    error.putNull("param");
    if (status == 401) {
      error.put("code", "invalid_api_key");
    } else {
      error.putNull("code");
    }
    return Json.write(body);
  }

  @Override
  protected String jsonAnswer(FakeReply reply, RecordedRequest request) {
    String model = request.json().path("model").asString("gpt-test");
    return Json.write(
        isResponses(request)
            ? responsesObject(reply, model, "completed")
            : chatCompletion(reply, model));
  }

  @Override
  protected List<Frame> frames(FakeReply reply, RecordedRequest request) {
    JsonNode body = request.json();
    String model = body.path("model").asString("gpt-test");
    if (isResponses(request)) {
      return responsesFrames(reply, model);
    }
    boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
    return chatFrames(reply, model, usage);
  }

  // ---- Responses API ----

  private ObjectNode responsesObject(FakeReply reply, String model, String phase) {
    ObjectNode response = Json.object();
    response.put("id", "resp_fake1");
    response.put("object", "response");
    response.put("created_at", 1_760_000_000L);
    response.put("model", model);
    boolean done = phase.equals("completed");
    FakeReply.Stop stop = reply.effectiveStop();
    boolean incomplete =
        done && (stop == FakeReply.Stop.MAX_TOKENS || stop == FakeReply.Stop.CONTENT_FILTER);
    response.put("status", !done ? "in_progress" : incomplete ? "incomplete" : "completed");
    if (incomplete) {
      response
          .putObject("incomplete_details")
          .put(
              "reason", stop == FakeReply.Stop.MAX_TOKENS ? "max_output_tokens" : "content_filter");
    } else {
      response.putNull("incomplete_details");
    }
    ArrayNode output = response.putArray("output");
    if (done) {
      if (!reply.text().isEmpty()) {
        output.add(messageItem(reply.text(), "completed"));
      }
      for (int i = 0; i < reply.toolCalls().size(); i++) {
        output.add(functionItem(reply.toolCalls().get(i), i, true));
      }
      ObjectNode usage = response.putObject("usage");
      usage.put("input_tokens", reply.usage().input());
      usage.putObject("input_tokens_details").put("cached_tokens", reply.usage().cached());
      usage.put("output_tokens", reply.usage().output());
      usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
      usage.put("total_tokens", reply.usage().input() + reply.usage().output());
    } else {
      response.putNull("usage");
    }
    return response;
  }

  private static ObjectNode messageItem(String text, String status) {
    ObjectNode item = Json.object();
    item.put("id", "msg_fake1");
    item.put("type", "message");
    item.put("status", status);
    item.put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (status.equals("completed")) {
      ObjectNode part = content.addObject().put("type", "output_text").put("text", text);
      part.putArray("annotations");
    }
    return item;
  }

  private static ObjectNode functionItem(FakeToolCall call, int index, boolean done) {
    ObjectNode item = Json.object();
    item.put("id", "fc_fake" + index);
    item.put("type", "function_call");
    item.put("status", done ? "completed" : "in_progress");
    item.put("arguments", done ? call.argumentsJson() : "");
    item.put("call_id", call.id());
    item.put("name", call.name());
    return item;
  }

  private List<Frame> responsesFrames(FakeReply reply, String model) {
    List<Frame> frames = new ArrayList<>();
    int[] sequence = {0};
    frames.add(
        responsesEvent(
            sequence,
            "response.created",
            Json.object().set("response", responsesObject(reply, model, "in_progress")),
            Kind.PREAMBLE));
    frames.add(
        responsesEvent(
            sequence,
            "response.in_progress",
            Json.object().set("response", responsesObject(reply, model, "in_progress")),
            Kind.PREAMBLE));
    int outputIndex = 0;
    if (!reply.text().isEmpty()) {
      ObjectNode added = Json.object().put("output_index", outputIndex);
      added.set("item", messageItem(reply.text(), "in_progress"));
      frames.add(responsesEvent(sequence, "response.output_item.added", added, Kind.PREAMBLE));
      ObjectNode partAdded =
          Json.object()
              .put("item_id", "msg_fake1")
              .put("output_index", outputIndex)
              .put("content_index", 0);
      partAdded
          .putObject("part")
          .put("type", "output_text")
          .put("text", "")
          .putArray("annotations");
      frames.add(responsesEvent(sequence, "response.content_part.added", partAdded, Kind.PREAMBLE));
      for (String chunk : chunks(reply.text())) {
        ObjectNode delta =
            Json.object()
                .put("item_id", "msg_fake1")
                .put("output_index", outputIndex)
                .put("content_index", 0)
                .put("delta", chunk);
        delta.putArray("logprobs");
        frames.add(responsesEvent(sequence, "response.output_text.delta", delta, Kind.OUTPUT));
      }
      ObjectNode textDone =
          Json.object()
              .put("item_id", "msg_fake1")
              .put("output_index", outputIndex)
              .put("content_index", 0)
              .put("text", reply.text());
      frames.add(responsesEvent(sequence, "response.output_text.done", textDone, Kind.OUTPUT));
      ObjectNode itemDone = Json.object().put("output_index", outputIndex);
      itemDone.set("item", messageItem(reply.text(), "completed"));
      frames.add(responsesEvent(sequence, "response.output_item.done", itemDone, Kind.OUTPUT));
      outputIndex++;
    }
    for (int i = 0; i < reply.toolCalls().size(); i++) {
      FakeToolCall call = reply.toolCalls().get(i);
      ObjectNode added = Json.object().put("output_index", outputIndex);
      added.set("item", functionItem(call, i, false));
      frames.add(responsesEvent(sequence, "response.output_item.added", added, Kind.OUTPUT));
      for (String half : halves(call.argumentsJson())) {
        ObjectNode delta =
            Json.object()
                .put("item_id", "fc_fake" + i)
                .put("output_index", outputIndex)
                .put("delta", half);
        frames.add(
            responsesEvent(sequence, "response.function_call_arguments.delta", delta, Kind.OUTPUT));
      }
      ObjectNode argumentsDone =
          Json.object()
              .put("item_id", "fc_fake" + i)
              .put("output_index", outputIndex)
              .put("arguments", call.argumentsJson());
      frames.add(
          responsesEvent(
              sequence, "response.function_call_arguments.done", argumentsDone, Kind.OUTPUT));
      ObjectNode itemDone = Json.object().put("output_index", outputIndex);
      itemDone.set("item", functionItem(call, i, true));
      frames.add(responsesEvent(sequence, "response.output_item.done", itemDone, Kind.OUTPUT));
      outputIndex++;
    }
    ObjectNode completed = responsesObject(reply, model, "completed");
    String terminal =
        completed.path("status").asString().equals("incomplete")
            ? "response.incomplete"
            : "response.completed";
    frames.add(
        responsesEvent(
            sequence, terminal, Json.object().set("response", completed), Kind.TERMINAL));
    return frames;
  }

  private static Frame responsesEvent(int[] sequence, String type, JsonNode payload, Kind kind) {
    ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence[0]++);
    payload.properties().forEach(field -> data.set(field.getKey(), field.getValue()));
    return new Frame("event: " + type + "\ndata: " + Json.write(data) + "\n\n", kind);
  }

  // ---- Chat Completions ----

  private static String finishReason(FakeReply reply) {
    return switch (reply.effectiveStop()) {
      case END -> "stop";
      case TOOL_USE -> "tool_calls";
      case MAX_TOKENS -> "length";
      case CONTENT_FILTER -> "content_filter";
    };
  }

  private static ObjectNode chatUsage(FakeReply reply) {
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", reply.usage().input());
    usage.put("completion_tokens", reply.usage().output());
    usage.put("total_tokens", reply.usage().input() + reply.usage().output());
    usage.putObject("prompt_tokens_details").put("cached_tokens", reply.usage().cached());
    return usage;
  }

  private ObjectNode chatCompletion(FakeReply reply, String model) {
    ObjectNode body = Json.object();
    body.put("id", "chatcmpl-fake1");
    body.put("object", "chat.completion");
    body.put("created", 1_760_000_000L);
    body.put("model", model);
    if (flavor == Flavor.OLLAMA) {
      body.put("system_fingerprint", "fp_ollama");
    }
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.text());
    if (!reply.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (FakeToolCall call : reply.toolCalls()) {
        ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(reply));
    body.set("usage", chatUsage(reply));
    return body;
  }

  private ObjectNode chunk(String model) {
    ObjectNode chunk = Json.object();
    chunk.put("id", "chatcmpl-fake1");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1_760_000_000L);
    chunk.put("model", model);
    chunk.put("system_fingerprint", flavor == Flavor.OLLAMA ? "fp_ollama" : "fp_fake");
    return chunk;
  }

  private ObjectNode choiceChunk(String model, ObjectNode delta, String finishReason) {
    ObjectNode chunk = chunk(model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (flavor == Flavor.OPENAI) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private List<Frame> chatFrames(FakeReply reply, String model, boolean includeUsage) {
    List<Frame> frames = new ArrayList<>();
    frames.add(
        chatData(
            choiceChunk(model, Json.object().put("role", "assistant").put("content", ""), null),
            Kind.PREAMBLE));
    for (String piece : chunks(reply.text())) {
      frames.add(
          chatData(choiceChunk(model, Json.object().put("content", piece), null), Kind.OUTPUT));
    }
    for (int i = 0; i < reply.toolCalls().size(); i++) {
      FakeToolCall call = reply.toolCalls().get(i);
      if (flavor == Flavor.OLLAMA) {
        frames.add(
            chatData(
                choiceChunk(model, toolDelta(i, call, call.argumentsJson()), null), Kind.OUTPUT));
        continue;
      }
      frames.add(chatData(choiceChunk(model, toolDelta(i, call, ""), null), Kind.OUTPUT));
      for (String half : halves(call.argumentsJson())) {
        ObjectNode delta = Json.object();
        ObjectNode c = delta.putArray("tool_calls").addObject().put("index", i);
        c.putObject("function").put("arguments", half);
        frames.add(chatData(choiceChunk(model, delta, null), Kind.OUTPUT));
      }
    }
    frames.add(chatData(choiceChunk(model, Json.object(), finishReason(reply)), Kind.OUTPUT));
    if (includeUsage) {
      ObjectNode usage = chunk(model);
      usage.putArray("choices");
      usage.set("usage", chatUsage(reply));
      frames.add(chatData(usage, Kind.OUTPUT));
    }
    frames.add(new Frame("data: [DONE]\n\n", Kind.TERMINAL));
    return frames;
  }

  private static ObjectNode toolDelta(int index, FakeToolCall call, String arguments) {
    ObjectNode delta = Json.object();
    ObjectNode c = delta.putArray("tool_calls").addObject();
    c.put("index", index).put("id", call.id()).put("type", "function");
    c.putObject("function").put("name", call.name()).put("arguments", arguments);
    return delta;
  }

  private static Frame chatData(ObjectNode chunk, Kind kind) {
    return new Frame("data: " + Json.write(chunk) + "\n\n", kind);
  }
}
