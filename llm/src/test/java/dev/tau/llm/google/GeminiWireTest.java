package dev.tau.llm.google;

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
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.ToolChoice;
import dev.tau.core.util.IdSource;
import dev.tau.llm.testing.RawServer;
import dev.tau.llm.testing.TestOptions;
import dev.tau.testkit.fakes.FakeGeminiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the Gemini adapter puts on the wire. */
class GeminiWireTest {
  private final FakeGeminiServer server = new FakeGeminiServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private GeminiProvider provider(URI base) {
    return new GeminiProvider(
        TestOptions.settings("google", base, "AIza-secret", 0),
        TestOptions.recording(d -> {}),
        IdSource.sequential());
  }

  @Test
  void theKeyTravelsInAHeaderAndNeverInTheUrl() {
    server.enqueue(FakeReply.text("ok"), FakeReply.text("ok"));

    provider(server.baseUrl()).stream(
        ModelRequest.of("gemini-2.5-flash", List.of(Message.user("hi"))),
        e -> {},
        Cancellation.none());
    var streamed = server.lastRequest();
    provider(server.baseUrl())
        .complete(
            ModelRequest.of("models/gemini-2.5-flash", List.of(Message.user("hi"))),
            Cancellation.none());
    var plain = server.lastRequest();

    assertThat(streamed.target())
        .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    assertThat(plain.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(streamed.header("x-goog-api-key")).contains("AIza-secret");
    assertThat(streamed.target()).doesNotContain("AIza-secret");
  }

  @Test
  void mapsFunctionCallsResponsesImagesAndConfig() {
    server.enqueue(FakeReply.text("ok"));
    ToolCall call = new ToolCall("call_7", "read", "{\"path\":\"a\"}");
    ModelRequest request =
        ModelRequest.of(
                "gemini-test",
                List.of(
                    new Message.User(
                        List.of(
                            new ContentPart.Text("look"),
                            new ContentPart.Image(new MediaSource.Base64("image/webp", "V0VCUA==")),
                            new ContentPart.Image(
                                new MediaSource.Url("data:image/png;base64,UE5H")))),
                    new Message.Assistant(List.of(), List.of(call)),
                    new Message.Tool("call_7", "", List.of(new ContentPart.Text("A!")), false)))
            .withInstructions("Be brief.")
            .withTools(
                List.of(
                    new ToolDefinition(
                        "read",
                        "Reads",
                        Json.parse(
                            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                                + "\"additionalProperties\":false,\"properties\":{\"path\":{\"type\":[\"string\",\"null\"],"
                                + "\"description\":\"where\"}},\"required\":[\"path\"]}"))))
            .withToolChoice(new ToolChoice.Named("read"))
            .withMaxOutputTokens(64)
            .withTemperature(0.5);

    provider(server.baseUrl()).complete(request, Cancellation.none());

    JsonNode body = server.lastRequest().json();
    assertThat(body.path("systemInstruction"))
        .isEqualTo(Json.parse("{\"parts\":[{\"text\":\"Be brief.\"}]}"));
    JsonNode contents = body.path("contents");
    assertThat(contents.get(0).path("role").asString()).isEqualTo("user");
    assertThat(contents.get(0).path("parts").get(1))
        .isEqualTo(
            Json.parse("{\"inlineData\":{\"mimeType\":\"image/webp\",\"data\":\"V0VCUA==\"}}"));
    assertThat(contents.get(0).path("parts").get(2))
        .isEqualTo(Json.parse("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"UE5H\"}}"));
    assertThat(contents.get(1))
        .isEqualTo(
            Json.parse(
                "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"read\",\"args\":{\"path\":\"a\"}}}]}"));
    assertThat(contents.get(2))
        .isEqualTo(
            Json.parse(
                "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"read\",\"response\":{\"result\":\"A!\"}}}]}"));
    assertThat(body.path("tools").get(0).path("functionDeclarations").get(0).path("parameters"))
        .isEqualTo(
            Json.parse(
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"nullable\":true,"
                    + "\"description\":\"where\"}},\"required\":[\"path\"]}"));
    assertThat(body.path("toolConfig"))
        .isEqualTo(
            Json.parse(
                "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"read\"]}}"));
    assertThat(body.path("generationConfig"))
        .isEqualTo(Json.parse("{\"maxOutputTokens\":64,\"temperature\":0.5}"));
  }

  @Test
  void anInvalidKeyIsAnAuthFailureEvenThoughGeminiSays400() {
    server.enqueue(FakeReply.error(400, "API key not valid. Please pass a valid API key."));

    assertThatThrownBy(
            () ->
                provider(server.baseUrl())
                    .complete(
                        ModelRequest.of("g", List.of(Message.user("x"))), Cancellation.none()))
        .isInstanceOf(ProviderException.AuthFailed.class)
        .hasMessageNotContaining("AIza-secret");
  }

  @Test
  void thoughtSignaturesGoBackWithTheirCalls() throws IOException {
    String answer =
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"ls\",\"args\":{}},"
            + "\"thoughtSignature\":\"c2lnbmF0dXJl\"}]},\"finishReason\":\"STOP\"}]}";
    try (RawServer raw = RawServer.sequence("application/json", answer, answer)) {
      GeminiProvider provider = provider(raw.baseUrl());
      ModelRequest first = ModelRequest.of("g", List.of(Message.user("list")));
      ModelResponse calling = provider.complete(first, Cancellation.none());
      List<Message> conversation = new ArrayList<>(first.messages());
      conversation.add(calling.message());
      conversation.add(Message.toolResult(calling.message().toolCalls().getFirst(), "a b", false));

      provider.complete(first.withMessages(conversation), Cancellation.none());

      assertThat(calling.message().toolCalls().getFirst().id()).isEqualTo("call_1");
      JsonNode sent = Json.parse(raw.bodies().get(1));
      assertThat(
              sent.path("contents").get(1).path("parts").get(0).path("thoughtSignature").asString())
          .isEqualTo("c2lnbmF0dXJl");
    }
  }

  @Test
  void aBlockedPromptIsAContentFilterStop() throws IOException {
    try (RawServer raw =
        RawServer.sequence(
            "application/json", "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}")) {
      ModelResponse response =
          provider(raw.baseUrl())
              .complete(ModelRequest.of("g", List.of(Message.user("x"))), Cancellation.none());

      assertThat(response.stopReason()).isEqualTo(dev.tau.core.model.StopReason.CONTENT_FILTER);
      assertThat(response.message().text()).isEmpty();
    }
  }
}
