package dev.tau.bench.load;

import dev.tau.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bytes {@link FastOpenAiUpstream} answers with, rendered once per model: OpenAI's Responses
 * API and Chat Completions, whole JSON and SSE streams, in the published wire format (the event
 * order and fields of {@code api.openai.com}). Ids are fixed: an upstream's ids mean nothing to the
 * gateway, and rendering once keeps the fake's CPU out of the measurement.
 */
final class UpstreamWire {
  private static final long CREATED_AT = 1_760_000_000L;
  private static final String RESPONSE_ID = "resp_loopback0001";
  private static final String MESSAGE_ID = "msg_loopback0001";
  private static final String COMPLETION_ID = "chatcmpl-loopback0001";
  private static final int INPUT_TOKENS = 24;

  /** One streamed answer: its SSE frames and after which frame a held stream waits. */
  record Stream(List<byte[]> frames, int holdAfter) {
    Stream {
      frames = List.copyOf(frames);
      if (holdAfter < 0 || holdAfter >= frames.size()) {
        throw new IllegalArgumentException("holdAfter must index a frame, got " + holdAfter);
      }
    }
  }

  /** Everything answered for one model. */
  record Rendered(
      byte[] responsesJson,
      Stream responsesStream,
      byte[] chatJson,
      Stream chatStream,
      Stream chatStreamWithUsage) {}

  private final String answer;
  private final List<String> words;

  /**
   * @param answer the assistant's text, streamed word by word
   */
  UpstreamWire(String answer) {
    if (answer.isBlank()) {
      throw new IllegalArgumentException("answer must not be blank");
    }
    this.answer = answer;
    this.words = words(answer);
  }

  Rendered render(String model) {
    return new Rendered(
        bytes(Json.write(response(model, true))),
        responsesStream(model),
        bytes(Json.write(chatCompletion(model))),
        chatStream(model, false),
        chatStream(model, true));
  }

  /** The model list of {@code GET /v1/models}. */
  static byte[] models(String model) {
    ObjectNode body = Json.object().put("object", "list");
    body.putArray("data")
        .addObject()
        .put("id", model)
        .put("object", "model")
        .put("created", CREATED_AT)
        .put("owned_by", "loopback");
    return bytes(Json.write(body));
  }

  /** OpenAI's error body. */
  static byte[] error(int status, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    error.putNull("code");
    return bytes(Json.write(body));
  }

  // ---- Responses API ----

  private ObjectNode response(String model, boolean done) {
    ObjectNode response = Json.object();
    response.put("id", RESPONSE_ID);
    response.put("object", "response");
    response.put("created_at", CREATED_AT);
    response.put("status", done ? "completed" : "in_progress");
    response.put("background", false);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.putNull("instructions");
    response.putNull("max_output_tokens");
    response.put("model", model);
    ArrayNode output = response.putArray("output");
    if (done) {
      output.add(message("completed"));
    }
    response.put("parallel_tool_calls", true);
    response.putNull("previous_response_id");
    response.putObject("reasoning").putNull("effort").putNull("summary");
    response.put("store", true);
    response.put("temperature", 1.0);
    response.putObject("text").putObject("format").put("type", "text");
    response.put("tool_choice", "auto");
    response.putArray("tools");
    response.put("top_p", 1.0);
    response.put("truncation", "disabled");
    if (done) {
      ObjectNode usage = response.putObject("usage");
      usage.put("input_tokens", INPUT_TOKENS);
      usage.putObject("input_tokens_details").put("cached_tokens", 0);
      usage.put("output_tokens", words.size());
      usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
      usage.put("total_tokens", INPUT_TOKENS + words.size());
    } else {
      response.putNull("usage");
    }
    response.putNull("user");
    response.putObject("metadata");
    return response;
  }

  private ObjectNode message(String status) {
    ObjectNode item = Json.object();
    item.put("id", MESSAGE_ID);
    item.put("type", "message");
    item.put("status", status);
    ArrayNode content = item.putArray("content");
    if (status.equals("completed")) {
      content.add(outputText(answer));
    }
    item.put("role", "assistant");
    return item;
  }

  private static ObjectNode outputText(String text) {
    ObjectNode part = Json.object().put("type", "output_text");
    part.putArray("annotations");
    part.putArray("logprobs");
    part.put("text", text);
    return part;
  }

  private Stream responsesStream(String model) {
    List<byte[]> frames = new ArrayList<>();
    int[] sequence = {0};
    frames.add(
        event(sequence, "response.created", Json.object().set("response", response(model, false))));
    frames.add(
        event(
            sequence,
            "response.in_progress",
            Json.object().set("response", response(model, false))));
    ObjectNode added = Json.object().put("output_index", 0);
    added.set("item", message("in_progress"));
    frames.add(event(sequence, "response.output_item.added", added));
    ObjectNode partAdded = position();
    partAdded.set("part", outputText(""));
    frames.add(event(sequence, "response.content_part.added", partAdded));
    int firstDelta = frames.size();
    for (String word : words) {
      ObjectNode delta = position().put("delta", word);
      delta.putArray("logprobs");
      frames.add(event(sequence, "response.output_text.delta", delta));
    }
    ObjectNode textDone = position().put("text", answer);
    textDone.putArray("logprobs");
    frames.add(event(sequence, "response.output_text.done", textDone));
    ObjectNode partDone = position();
    partDone.set("part", outputText(answer));
    frames.add(event(sequence, "response.content_part.done", partDone));
    ObjectNode itemDone = Json.object().put("output_index", 0);
    itemDone.set("item", message("completed"));
    frames.add(event(sequence, "response.output_item.done", itemDone));
    frames.add(
        event(
            sequence, "response.completed", Json.object().set("response", response(model, true))));
    return new Stream(frames, firstDelta);
  }

  private static ObjectNode position() {
    return Json.object().put("item_id", MESSAGE_ID).put("output_index", 0).put("content_index", 0);
  }

  private static byte[] event(int[] sequence, String type, ObjectNode payload) {
    ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence[0]++);
    for (var field : payload.properties()) {
      data.set(field.getKey(), field.getValue());
    }
    return bytes("event: " + type + "\ndata: " + Json.write(data) + "\n\n");
  }

  // ---- Chat Completions ----

  private ObjectNode chatCompletion(String model) {
    ObjectNode body = Json.object();
    body.put("id", COMPLETION_ID);
    body.put("object", "chat.completion");
    body.put("created", CREATED_AT);
    body.put("model", model);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", answer);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    body.set("usage", chatUsage());
    body.put("service_tier", "default");
    body.put("system_fingerprint", "fp_loopback");
    return body;
  }

  private ObjectNode chatUsage() {
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", INPUT_TOKENS);
    usage.put("completion_tokens", words.size());
    usage.put("total_tokens", INPUT_TOKENS + words.size());
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }

  private Stream chatStream(String model, boolean includeUsage) {
    List<byte[]> frames = new ArrayList<>();
    frames.add(
        chatData(
            chunk(
                model,
                Json.object().put("role", "assistant").put("content", ""),
                null,
                includeUsage)));
    int firstDelta = frames.size();
    for (String word : words) {
      frames.add(chatData(chunk(model, Json.object().put("content", word), null, includeUsage)));
    }
    frames.add(chatData(chunk(model, Json.object(), "stop", includeUsage)));
    if (includeUsage) {
      ObjectNode usage = chunkHeader(model);
      usage.putArray("choices");
      usage.set("usage", chatUsage());
      frames.add(chatData(usage));
    }
    frames.add(bytes("data: [DONE]\n\n"));
    return new Stream(frames, firstDelta);
  }

  private static ObjectNode chunkHeader(String model) {
    ObjectNode chunk = Json.object();
    chunk.put("id", COMPLETION_ID);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", CREATED_AT);
    chunk.put("model", model);
    chunk.put("service_tier", "default");
    chunk.put("system_fingerprint", "fp_loopback");
    return chunk;
  }

  private static ObjectNode chunk(
      String model, ObjectNode delta, String finishReason, boolean includeUsage) {
    ObjectNode chunk = chunkHeader(model);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (includeUsage) {
      // with stream_options.include_usage every chunk carries "usage": null until the last one
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static byte[] chatData(ObjectNode chunk) {
    return bytes("data: " + Json.write(chunk) + "\n\n");
  }

  // ---- text ----

  /** Word chunks that keep their following whitespace, as vendors stream. */
  static List<String> words(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      chunks.add(text.substring(start, i));
      start = i;
    }
    return chunks;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
