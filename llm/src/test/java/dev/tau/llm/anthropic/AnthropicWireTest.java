package dev.tau.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.ToolChoice;
import dev.tau.llm.testing.RawServer;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeAnthropicServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the Anthropic adapter puts on the wire. */
class AnthropicWireTest {
  private final FakeAnthropicServer server = new FakeAnthropicServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private AnthropicProvider provider(URI base) {
    return new AnthropicProvider(
        TestOptions.settings("anthropic", base, "sk-ant-1", 0), TestOptions.recording(d -> {}));
  }

  @Test
  void sendsTheKeyAndVersionHeadersAndDefaultMaxTokens() {
    server.enqueue(FakeReply.text("ok"));

    provider(server.baseUrl())
        .complete(ModelRequest.of("claude", List.of(Message.user("hi"))), Cancellation.none());

    assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
    assertThat(server.lastRequest().header("x-api-key")).contains("sk-ant-1");
    assertThat(server.lastRequest().header("anthropic-version")).contains("2023-06-01");
    assertThat(server.lastRequest().header("authorization")).isEmpty();
    assertThat(server.lastRequest().json().path("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void mapsToolUseToolResultsImagesAndChoices() {
    server.enqueue(FakeReply.text("ok"));
    ToolCall a = new ToolCall("toolu_1", "read", "{\"path\":\"a\"}");
    ToolCall b = new ToolCall("toolu_2", "read", "not json");
    ModelRequest request =
        ModelRequest.of(
                "claude",
                List.of(
                    new Message.User(
                        List.of(
                            new ContentPart.Image(new MediaSource.Base64("image/png", "UE5H")),
                            new ContentPart.Text("read both"))),
                    new Message.Assistant(List.of(new ContentPart.Text("Reading.")), List.of(a, b)),
                    Message.toolResult(a, "A!", false),
                    Message.toolResult(b, "missing", true),
                    Message.user("thanks")))
            .withInstructions("Be brief.")
            .withTools(
                List.of(new ToolDefinition("read", "Reads", Json.parse("{\"type\":\"object\"}"))))
            .withToolChoice(ToolChoice.REQUIRED)
            .withMaxOutputTokens(50)
            .withTemperature(1.5);

    provider(server.baseUrl()).stream(request, e -> {}, Cancellation.none());

    JsonNode body = server.lastRequest().json();
    assertThat(body.path("system").asString()).isEqualTo("Be brief.");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.path("temperature").asDouble()).isEqualTo(1.0);
    assertThat(body.path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"any\"}"));
    assertThat(body.path("tools").get(0).has("input_schema")).isTrue();
    JsonNode messages = body.path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(0).path("content").get(0))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"UE5H\"}}"));
    assertThat(messages.get(1).path("content").get(1))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"read\",\"input\":{\"path\":\"a\"}}"));
    assertThat(messages.get(1).path("content").get(2).path("input"))
        .isEqualTo(Json.parse("{\"_raw\":\"not json\"}"));
    JsonNode results = messages.get(2).path("content");
    assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
    assertThat(results.get(0))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":[{\"type\":\"text\",\"text\":\"A!\"}]}"));
    assertThat(results.get(1).path("is_error").asBoolean()).isTrue();
    assertThat(results.get(2)).isEqualTo(Json.parse("{\"type\":\"text\",\"text\":\"thanks\"}"));
  }

  @Test
  void cachedTokensCountAsInput() {
    server.enqueue(FakeReply.text("ok").withUsage(100, 10, 60));
    List<StreamEvent> events = new ArrayList<>();

    var response =
        provider(server.baseUrl()).stream(
            ModelRequest.of("c", List.of(Message.user("x"))), events::add, Cancellation.none());

    assertThat(response.usage()).isEqualTo(new Usage(100, 10, 60));
  }

  @Test
  void anOverloadedErrorEventIsAServerError() throws IOException {
    String stream =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", stream)) {
      assertThatThrownBy(
              () ->
                  provider(raw.baseUrl()).stream(
                      ModelRequest.of("c", List.of(Message.user("x"))),
                      e -> {},
                      Cancellation.none()))
          .isInstanceOf(ProviderException.ServerError.class)
          .hasMessageContaining("Overloaded")
          .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(529));
    }
  }
}
