package dev.tau.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ToolChoice;
import dev.tau.core.util.IdSource;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.testing.RawServer;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the Chat Completions adapter puts on the wire for OpenAI and its compatible servers. */
class OpenAiChatWireTest {
  private final FakeOpenAiServer server = new FakeOpenAiServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiChatProvider provider(String provider, String key) {
    return new OpenAiChatProvider(
        TestOptions.settings(provider, server.baseUrl(), key, 0),
        TestOptions.recording(d -> {}),
        IdSource.sequential());
  }

  private static ModelRequest conversation() {
    ToolCall call = new ToolCall("call_1", "write", "{\"path\":\"x\"}");
    return ModelRequest.of(
            "m",
            List.of(
                new Message.User(
                    List.of(
                        new ContentPart.Text("see"),
                        new ContentPart.Image(new MediaSource.Base64("image/jpeg", "QUJD")))),
                new Message.Assistant(List.of(), List.of(call)),
                Message.toolResult(call, "done", false)))
        .withInstructions("Be brief.")
        .withTools(
            List.of(new ToolDefinition("write", "Writes", Json.parse("{\"type\":\"object\"}"))))
        .withToolChoice(ToolChoice.REQUIRED)
        .withMaxOutputTokens(100);
  }

  @Test
  void openAiGetsMaxCompletionTokensAndStreamUsage() {
    server.enqueue(FakeReply.text("ok"));

    provider("openai", "sk-1").stream(conversation(), e -> {}, Cancellation.none());

    JsonNode body = server.lastRequest().json();
    assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("tool_choice").asString()).isEqualTo("required");
    JsonNode messages = body.path("messages");
    assertThat(messages.get(0))
        .isEqualTo(Json.parse("{\"role\":\"system\",\"content\":\"Be brief.\"}"));
    assertThat(messages.get(1).path("content").get(1))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,QUJD\"}}"));
    assertThat(messages.get(2).path("content").isNull()).isTrue();
    assertThat(messages.get(2).path("tool_calls").get(0))
        .isEqualTo(
            Json.parse(
                "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"write\",\"arguments\":\"{\\\"path\\\":\\\"x\\\"}\"}}"));
    assertThat(messages.get(3))
        .isEqualTo(
            Json.parse("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"done\"}"));
    assertThat(body.path("tools").get(0).path("function").path("name").asString())
        .isEqualTo("write");
  }

  @Test
  void compatibleServersGetMaxTokensAndMistralItsOwnDialect() {
    server.enqueue(FakeReply.text("ok"), FakeReply.text("ok"));

    provider("groq", "g").stream(conversation(), e -> {}, Cancellation.none());
    JsonNode groq = server.lastRequest().json();
    provider("mistral", "m").stream(conversation(), e -> {}, Cancellation.none());
    JsonNode mistral = server.lastRequest().json();

    assertThat(groq.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(groq.has("max_completion_tokens")).isFalse();
    assertThat(mistral.has("stream_options")).isFalse();
    assertThat(mistral.path("tool_choice").asString()).isEqualTo("any");
  }

  @Test
  void aServerWithoutKeyGetsNoAuthorizationHeader() {
    server.enqueue(FakeReply.text("ok"));

    provider("ollama", "")
        .complete(ModelRequest.of("llama3.2", List.of(Message.user("hi"))), Cancellation.none());

    assertThat(server.lastRequest().header("authorization")).isEmpty();
    assertThat(server.lastRequest().json().path("messages").get(0))
        .isEqualTo(Json.parse("{\"role\":\"user\",\"content\":\"hi\"}"));
  }

  @Test
  void toolCallsWithoutIdsGetIdsAndAllAtIndexZeroAreKeptApart() throws IOException {
    String stream =
        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"pwd\",\"arguments\":{\"x\":1}}}]}}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"name\":\"date\",\"arguments\":\"\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: [DONE]\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", stream)) {
      OpenAiChatProvider provider =
          new OpenAiChatProvider(
              TestOptions.settings("ollama", raw.baseUrl(), "", 0),
              TestOptions.recording(d -> {}),
              IdSource.sequential());

      ModelResponse response =
          provider.stream(
              ModelRequest.of("m", List.of(Message.user("x"))), e -> {}, Cancellation.none());

      assertThat(response.message().toolCalls())
          .containsExactly(
              new ToolCall("a", "ls", "{}"),
              new ToolCall("b", "pwd", "{\"x\":1}"),
              new ToolCall("call_1", "date", "{}"));
    }
  }
}
