package dev.tau.testkit.fakes;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Gemini API: {@code POST /v1beta/models/{model}:generateContent} (JSON) and {@code
 * :streamGenerateContent?alt=sse} (each event a partial {@code GenerateContentResponse}, frames
 * separated by CRLF as Google's servers do). Function calls carry no id, like the real API. A
 * {@code key} query parameter is refused, so a client that leaks its key into the URL fails.
 */
public final class FakeGeminiServer extends FakeVendorServer {
  private static final Pattern METHOD =
      Pattern.compile("/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)");

  public FakeGeminiServer() {
    super("/v1beta");
  }

  @Override
  protected Route route(RecordedRequest request) {
    Matcher matcher = METHOD.matcher(request.path());
    if (!request.method().equals("POST") || !matcher.matches()) {
      return new JsonAnswer(404, errorBody(404, "Not found: " + request.path()));
    }
    if (request.query().contains("key=")) {
      return new JsonAnswer(
          400, errorBody(400, "the fake refuses API keys in the URL; send x-goog-api-key"));
    }
    boolean streaming = matcher.group(2).equals("streamGenerateContent");
    if (streaming && !request.query().contains("alt=sse")) {
      return new JsonAnswer(400, errorBody(400, "the fake streams only with alt=sse"));
    }
    return new ModelAnswer(streaming);
  }

  @Override
  protected String errorBody(int status, String message) {
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("code", status)
        .put("message", message)
        .put(
            "status",
            switch (status) {
              case 400 -> "INVALID_ARGUMENT";
              case 401 -> "UNAUTHENTICATED";
              case 403 -> "PERMISSION_DENIED";
              case 404 -> "NOT_FOUND";
              case 429 -> "RESOURCE_EXHAUSTED";
              case 503 -> "UNAVAILABLE";
              default -> "INTERNAL";
            });
    return Json.write(body);
  }

  private static String finishReason(FakeReply reply) {
    return switch (reply.effectiveStop()) {
      case END, TOOL_USE -> "STOP";
      case MAX_TOKENS -> "MAX_TOKENS";
      case CONTENT_FILTER -> "SAFETY";
    };
  }

  private static ObjectNode response(String model) {
    ObjectNode response = Json.object();
    response.put("modelVersion", model);
    response.put("responseId", "fake-response-1");
    return response;
  }

  private static ObjectNode usage(FakeReply reply) {
    ObjectNode usage = Json.object();
    usage.put("promptTokenCount", reply.usage().input());
    usage.put("candidatesTokenCount", reply.usage().output());
    usage.put("totalTokenCount", reply.usage().input() + reply.usage().output());
    if (reply.usage().cached() > 0) {
      usage.put("cachedContentTokenCount", reply.usage().cached());
    }
    return usage;
  }

  private static ObjectNode candidate(ArrayNode parts) {
    ObjectNode candidate = Json.object();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", parts);
    content.put("role", "model");
    candidate.put("index", 0);
    return candidate;
  }

  private static void addCalls(ArrayNode parts, FakeReply reply) {
    for (FakeToolCall call : reply.toolCalls()) {
      ObjectNode functionCall =
          parts.addObject().putObject("functionCall").put("name", call.name());
      functionCall.set("args", Json.parse(call.argumentsJson()));
    }
  }

  private static String model(RecordedRequest request) {
    Matcher matcher = METHOD.matcher(request.path());
    return matcher.matches() ? matcher.group(1) : "gemini-test";
  }

  @Override
  protected String jsonAnswer(FakeReply reply, RecordedRequest request) {
    ObjectNode response = response(model(request));
    ArrayNode parts = Json.array();
    if (!reply.text().isEmpty()) {
      parts.addObject().put("text", reply.text());
    }
    addCalls(parts, reply);
    ObjectNode candidate = candidate(parts);
    candidate.put("finishReason", finishReason(reply));
    response.putArray("candidates").add(candidate);
    response.set("usageMetadata", usage(reply));
    return Json.write(response);
  }

  @Override
  protected List<Frame> frames(FakeReply reply, RecordedRequest request) {
    String model = model(request);
    List<Frame> frames = new ArrayList<>();
    for (String chunk : chunks(reply.text())) {
      ObjectNode response = response(model);
      ArrayNode parts = Json.array();
      parts.addObject().put("text", chunk);
      response.putArray("candidates").add(candidate(parts));
      ObjectNode partial = Json.object().put("promptTokenCount", reply.usage().input());
      response.set("usageMetadata", partial);
      frames.add(data(response, Kind.OUTPUT));
    }
    if (!reply.toolCalls().isEmpty()) {
      ObjectNode response = response(model);
      ArrayNode parts = Json.array();
      addCalls(parts, reply);
      response.putArray("candidates").add(candidate(parts));
      frames.add(data(response, Kind.OUTPUT));
    }
    ObjectNode last = response(model);
    ArrayNode parts = Json.array();
    parts.addObject().put("text", "");
    ObjectNode candidate = candidate(parts);
    candidate.put("finishReason", finishReason(reply));
    last.putArray("candidates").add(candidate);
    last.set("usageMetadata", usage(reply));
    frames.add(data(last, Kind.TERMINAL));
    return frames;
  }

  private static Frame data(ObjectNode response, Kind kind) {
    return new Frame("data: " + Json.write(response) + "\r\n\r\n", kind);
  }
}
