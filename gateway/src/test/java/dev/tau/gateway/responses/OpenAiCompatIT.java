package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.provider.ProviderException;
import dev.tau.gateway.responses.ResponsesHarness.Frame;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

// The timeout only guards against a hang; nothing here asserts on speed.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenAiCompatIT {
  @TempDir Path dir;

  final ScriptedModelProvider model = new ScriptedModelProvider();

  static ObjectNode chat(String user, String... messages) {
    ObjectNode body = Json.object();
    body.put("model", ResponsesHarness.MODEL);
    if (user != null) {
      body.put("user", user);
    }
    ArrayNode list = body.putArray("messages");
    for (int i = 0; i < messages.length; i += 2) {
      list.addObject().put("role", messages[i]).put("content", messages[i + 1]);
    }
    return body;
  }

  @Test
  void chatCompletionAnswersWithTheAssistantMessageAndUsage() throws Exception {
    model.replyText("Four.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      HttpResponse<String> response =
          gw.post(
              "/v1/chat/completions",
              chat(null, "system", "You are terse.", "user", "What is 2+2?"));

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode json = Json.parse(response.body());
      assertThat(json.path("id").asString()).startsWith("chatcmpl-");
      assertThat(json.path("object").asString()).isEqualTo("chat.completion");
      assertThat(json.path("model").asString()).isEqualTo(ResponsesHarness.MODEL);
      JsonNode choice = json.path("choices").get(0);
      assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
      assertThat(choice.path("message").path("content").asString()).isEqualTo("Four.");
      assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
      assertThat(json.path("usage").path("prompt_tokens").asLong()).isEqualTo(10);
      assertThat(json.path("usage").path("completion_tokens").asLong()).isEqualTo(5);
      assertThat(json.path("usage").path("total_tokens").asLong()).isEqualTo(15);
      assertThat(model.requests().getFirst().instructions())
          .isEqualTo("Be brief.\n\nYou are terse.");
      assertThat(model.requests().getFirst().messages())
          .extracting(Message::text)
          .containsExactly("What is 2+2?");
    }
  }

  @Test
  void streamedChatSendsEachTokenDeltaAsAChunkThenFinishAndDone() throws Exception {
    model.chunkSize(3).replyText("Hello world");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = chat(null, "user", "hi");
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);

      List<Frame> frames = gw.stream("/v1/chat/completions", body);

      assertThat(frames).allSatisfy(f -> assertThat(f.event()).isNull());
      assertThat(frames.getLast().data()).isEqualTo("[DONE]");
      List<JsonNode> chunks =
          frames.subList(0, frames.size() - 1).stream().map(Frame::json).toList();
      assertThat(chunks)
          .allSatisfy(
              c -> assertThat(c.path("object").asString()).isEqualTo("chat.completion.chunk"));
      assertThat(chunks.getFirst().path("choices").get(0).path("delta").path("role").asString())
          .isEqualTo("assistant");
      List<String> deltas =
          chunks.stream()
              .filter(c -> c.path("choices").size() == 1)
              .map(c -> c.path("choices").get(0).path("delta").path("content").asString(""))
              .filter(s -> !s.isEmpty())
              .toList();
      assertThat(deltas).containsExactly("Hel", "lo ", "wor", "ld");
      JsonNode finish = chunks.get(chunks.size() - 2);
      assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
      JsonNode usage = chunks.getLast();
      assertThat(usage.path("choices").size()).isZero();
      assertThat(usage.path("usage").path("total_tokens").asLong()).isEqualTo(15);
      assertThat(chunks)
          .extracting(c -> c.path("id").asString())
          .containsOnly(chunks.getFirst().path("id").asString());
    }
  }

  @Test
  void aResentChatTranscriptIsNotDuplicatedInTheSession() throws Exception {
    model.replyText("Hi Ann.").replyText("You are Ann.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      gw.post("/v1/chat/completions", chat("ann", "user", "I am Ann"));
      gw.post(
          "/v1/chat/completions",
          chat(
              "ann",
              "system",
              "Be kind.",
              "user",
              "I am Ann",
              "assistant",
              "Hi Ann.",
              "user",
              "Who am I?"));

      assertThat(model.requests().get(1).messages())
          .extracting(Message::text)
          .containsExactly("I am Ann", "Hi Ann.", "Who am I?");
    }
  }

  @Test
  void aTranscriptForANewSessionIsPassedAsContext() throws Exception {
    model.replyText("ok");
    try (var gw = ResponsesHarness.start(model, dir)) {
      gw.post(
          "/v1/chat/completions",
          chat("fresh", "user", "Remember 7", "assistant", "Done.", "user", "Which number?"));

      assertThat(model.requests().getFirst().messages())
          .extracting(Message::text)
          .containsExactly(
              "User:\nRemember 7\n\nAssistant context:\nDone.\n\nUser:\nWhich number?");
    }
  }

  @Test
  void chatToolsComeBackAsToolCallsAndToolMessagesContinue() throws Exception {
    model.replyToolCalls(new ToolCall("call_9", "add", "{\"a\":1,\"b\":2}")).replyText("It is 3.");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = chat("calc", "user", "1+2?");
      ObjectNode fn =
          body.putArray("tools").addObject().put("type", "function").putObject("function");
      fn.put("name", "add");
      fn.putObject("parameters").put("type", "object");

      JsonNode first = Json.parse(gw.post("/v1/chat/completions", body).body());

      JsonNode choice = first.path("choices").get(0);
      assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
      assertThat(choice.path("message").path("content").isNull()).isTrue();
      JsonNode call = choice.path("message").path("tool_calls").get(0);
      assertThat(call.path("id").asString()).isEqualTo("call_9");
      assertThat(call.path("function").path("name").asString()).isEqualTo("add");

      ObjectNode next = chat("calc", "user", "1+2?");
      ObjectNode assistant =
          ((ArrayNode) next.get("messages")).addObject().put("role", "assistant");
      assistant.putNull("content");
      assistant.putArray("tool_calls").add(call);
      ((ArrayNode) next.get("messages"))
          .addObject()
          .put("role", "tool")
          .put("tool_call_id", "call_9")
          .put("content", "3");
      JsonNode second = Json.parse(gw.post("/v1/chat/completions", next).body());

      assertThat(second.path("choices").get(0).path("message").path("content").asString())
          .isEqualTo("It is 3.");
      assertThat(model.requests().get(1).messages().getLast().text())
          .isEqualTo("Function output (call_id=call_9):\n3");
    }
  }

  @Test
  void chatErrorsUseTheEnvelopeAndAProviderFailureIs502() throws Exception {
    model.fail(new ProviderException.RateLimited("scripted", 429, "slow down", null));
    try (var gw = ResponsesHarness.start(model, dir)) {
      HttpResponse<String> missing = gw.post("/v1/chat/completions", "{\"messages\":[]}");
      HttpResponse<String> invalid = gw.post("/v1/chat/completions", "{\"messages\":\"hi\"}");
      HttpResponse<String> badRole =
          gw.post(
              "/v1/chat/completions", "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}");
      HttpResponse<String> failed = gw.post("/v1/chat/completions", chat(null, "user", "hi"));

      assertThat(code(missing)).isEqualTo("missing_messages");
      assertThat(code(invalid)).isEqualTo("invalid_messages");
      assertThat(code(badRole)).isEqualTo("invalid_messages");
      assertThat(Json.parse(badRole.body()).path("error").path("param").asString())
          .isEqualTo("messages[0].role");
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(code(failed)).isEqualTo("gateway_runtime_error");
    }
  }

  @Test
  void aFailureDuringAChatStreamIsAnErrorFrameThenDone() throws Exception {
    model.fail(new ProviderException.ServerError("scripted", 500, "boom", null));
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = chat(null, "user", "hi");
      body.put("stream", true);

      List<Frame> frames = gw.stream("/v1/chat/completions", body);

      JsonNode error = frames.get(frames.size() - 2).json().path("error");
      assertThat(error.path("code").asString()).isEqualTo("gateway_runtime_error");
      assertThat(error.path("type").asString()).isEqualTo("server_error");
      assertThat(frames.getLast().data()).isEqualTo("[DONE]");
    }
  }

  @Test
  void legacyCompletionsAnswerAsTextCompletion() throws Exception {
    model.replyText("42");
    try (var gw = ResponsesHarness.start(model, dir)) {
      JsonNode json =
          Json.parse(gw.post("/v1/completions", "{\"prompt\":\"answer?\",\"user\":\"u\"}").body());

      assertThat(json.path("object").asString()).isEqualTo("text_completion");
      assertThat(json.path("id").asString()).startsWith("cmpl-");
      assertThat(json.path("choices").get(0).path("text").asString()).isEqualTo("42");
      assertThat(json.path("choices").get(0).path("logprobs").isNull()).isTrue();
      assertThat(code(gw.post("/v1/completions", "{\"prompt\":\"  \"}")))
          .isEqualTo("missing_prompt");
    }
  }

  @Test
  void legacyCompletionsStreamTextChunksThenDone() throws Exception {
    model.chunkSize(2).replyText("abcd");
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = Json.object();
      body.put("prompt", "letters");
      body.put("stream", true);

      List<Frame> frames = gw.stream("/v1/completions", body);

      List<JsonNode> chunks =
          frames.subList(0, frames.size() - 1).stream().map(Frame::json).toList();
      assertThat(chunks)
          .extracting(c -> c.path("choices").get(0).path("text").asString())
          .containsExactly("ab", "cd", "");
      assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asString())
          .isEqualTo("stop");
      assertThat(chunks)
          .allSatisfy(c -> assertThat(c.path("object").asString()).isEqualTo("text_completion"));
      assertThat(frames.getLast().data()).isEqualTo("[DONE]");
    }
  }

  @Test
  void aChatAnswerCutByTheTokenCapFinishesWithLength() throws Exception {
    model.reply(
        new ScriptedModelProvider.Reply(
            "Once",
            List.of(),
            ScriptedModelProvider.DEFAULT_USAGE,
            dev.tau.core.model.StopReason.MAX_TOKENS));
    try (var gw = ResponsesHarness.start(model, dir)) {
      ObjectNode body = chat(null, "user", "story");
      body.put("max_tokens", 1);

      JsonNode json = Json.parse(gw.post("/v1/chat/completions", body).body());

      assertThat(json.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
      assertThat(model.requests().getFirst().maxOutputTokens()).hasValue(1);
    }
  }

  @Test
  void modelsListTheConfiguredModel() throws Exception {
    try (var gw = ResponsesHarness.start(model, dir)) {
      JsonNode list = Json.parse(gw.get("/v1/models").body());
      HttpResponse<String> one = gw.get("/v1/models/" + ResponsesHarness.MODEL);
      HttpResponse<String> other = gw.get("/v1/models/gpt-9");

      assertThat(list.path("object").asString()).isEqualTo("list");
      JsonNode model = list.path("data").get(0);
      assertThat(model.path("id").asString()).isEqualTo(ResponsesHarness.MODEL);
      assertThat(model.path("object").asString()).isEqualTo("model");
      assertThat(model.path("owned_by").asString()).isEqualTo("tau-gateway");
      assertThat(list.path("data").size()).isEqualTo(1);
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(Json.parse(one.body()).path("id").asString()).isEqualTo(ResponsesHarness.MODEL);
      assertThat(gw.runtime().requests(ResponsesRuntime.Endpoint.MODELS)).isEqualTo(3);
    }
  }

  private static String code(HttpResponse<String> response) {
    return Json.parse(response.body()).path("error").path("code").asString();
  }
}
