package dev.tau.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.ToolChoice;
import dev.tau.llm.openai.responses.OpenAiResponsesProvider;
import dev.tau.llm.testing.RawServer;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the Responses adapter puts on the wire, field by field. */
class OpenAiResponsesWireTest {
  private final FakeOpenAiServer server = new FakeOpenAiServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiResponsesProvider provider(URI base) {
    return new OpenAiResponsesProvider(
        TestOptions.settings("openai", base, "sk-test", 0), TestOptions.recording(d -> {}));
  }

  private static ToolDefinition tool() {
    return new ToolDefinition(
        "write", "Writes a file", Json.parse("{\"type\":\"object\",\"properties\":{}}"));
  }

  @Test
  void mapsAFullConversation() {
    server.enqueue(FakeReply.text("ok"));
    ToolCall call = new ToolCall("call_9", "write", "{\"path\":\"x\"}");
    ModelRequest request =
        new ModelRequest(
            "gpt-test",
            "Be brief.",
            List.of(
                new Message.User(
                    List.of(
                        new ContentPart.Text("look"),
                        new ContentPart.Image(new MediaSource.Url("https://img.test/a.png")))),
                new Message.Assistant(List.of(new ContentPart.Text("Writing.")), List.of(call)),
                Message.toolResult(call, "written", false)),
            List.of(tool()),
            ToolChoice.REQUIRED,
            java.util.OptionalInt.of(256),
            java.util.OptionalDouble.of(0.2));

    provider(server.baseUrl()).stream(request, e -> {}, Cancellation.none());

    JsonNode body = server.lastRequest().json();
    assertThat(server.lastRequest().path()).isEqualTo("/v1/responses");
    assertThat(server.lastRequest().header("authorization")).contains("Bearer sk-test");
    assertThat(body.path("instructions").asString()).isEqualTo("Be brief.");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("store").asBoolean(true)).isFalse();
    assertThat(body.path("max_output_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("tool_choice").asString()).isEqualTo("required");
    assertThat(body.path("tools").get(0))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"function\",\"name\":\"write\",\"description\":\"Writes a file\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}"));
    JsonNode input = body.path("input");
    assertThat(input.get(0).path("content").get(0))
        .isEqualTo(Json.parse("{\"type\":\"input_text\",\"text\":\"look\"}"));
    assertThat(input.get(0).path("content").get(1).path("image_url").asString())
        .isEqualTo("https://img.test/a.png");
    assertThat(input.get(1).path("content").get(0).path("type").asString())
        .isEqualTo("output_text");
    assertThat(input.get(2))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"function_call\",\"call_id\":\"call_9\",\"name\":\"write\",\"arguments\":\"{\\\"path\\\":\\\"x\\\"}\"}"));
    assertThat(input.get(3))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"function_call_output\",\"call_id\":\"call_9\",\"output\":\"written\"}"));
  }

  @Test
  void aNamedToolChoiceIsAFunctionObject() {
    server.enqueue(FakeReply.text("ok"));

    provider(server.baseUrl())
        .complete(
            ModelRequest.of("gpt-test", List.of(Message.user("x")))
                .withTools(List.of(tool()))
                .withToolChoice(new ToolChoice.Named("write")),
            Cancellation.none());

    assertThat(server.lastRequest().json().path("tool_choice"))
        .isEqualTo(Json.parse("{\"type\":\"function\",\"name\":\"write\"}"));
    assertThat(server.lastRequest().json().has("stream")).isFalse();
  }

  @Test
  void aFailedResponseEventIsMappedToItsError() throws IOException {
    String stream =
        "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r1\",\"status\":\"in_progress\"}}\n\n"
            + "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"r1\",\"status\":\"failed\","
            + "\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\"}}}\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", stream)) {
      assertThatThrownBy(
              () ->
                  provider(raw.baseUrl()).stream(
                      ModelRequest.of("m", List.of(Message.user("x"))),
                      e -> {},
                      Cancellation.none()))
          .isInstanceOf(ProviderException.RateLimited.class)
          .hasMessageContaining("Slow down");
    }
  }

  @Test
  void anErrorEventIsMapped() throws IOException {
    String stream =
        "event: error\ndata: {\"type\":\"error\",\"code\":\"context_length_exceeded\",\"message\":\"Your input exceeds the context window\",\"param\":null}\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", stream)) {
      assertThatThrownBy(
              () ->
                  provider(raw.baseUrl()).stream(
                      ModelRequest.of("m", List.of(Message.user("x"))),
                      e -> {},
                      Cancellation.none()))
          .isInstanceOf(ProviderException.ContextOverflow.class);
    }
  }

  @Test
  void audioIsRefusedBeforeAnythingIsSent() {
    Message.User user =
        new Message.User(
            List.of(new ContentPart.Audio(new MediaSource.Base64("audio/wav", "AAAA"))));

    assertThatThrownBy(
            () ->
                provider(server.baseUrl())
                    .complete(ModelRequest.of("m", List.of(user)), Cancellation.none()))
        .isInstanceOf(ProviderException.BadRequest.class)
        .hasMessageContaining("audio");
    assertThat(server.requests()).isEmpty();
  }
}
