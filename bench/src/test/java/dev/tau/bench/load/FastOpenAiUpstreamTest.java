package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRef;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamEvent;
import dev.tau.llm.ProviderFactory;
import dev.tau.llm.ProviderSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FastOpenAiUpstreamTest {
  private FastOpenAiUpstream upstream;

  @BeforeEach
  void start() throws Exception {
    upstream = FastOpenAiUpstream.start();
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private ModelProvider provider(ProviderSettings.Api api) {
    ProviderSettings settings =
        ProviderSettings.of("openai", upstream.baseUrl()).withApiKey("dummy").withApi(api);
    return ProviderFactory.create(new ModelRef("openai", "gpt-4o-mini"), settings);
  }

  private static ModelRequest hello() {
    return ModelRequest.of("gpt-4o-mini", List.of(Message.user("hello")));
  }

  @Test
  void tausResponsesAdapterReadsTheWholeAnswer() {
    ModelResponse answer =
        provider(ProviderSettings.Api.RESPONSES).complete(hello(), Cancellation.none());

    assertThat(answer.message().text()).isEqualTo(FastOpenAiUpstream.ANSWER);
    assertThat(answer.model()).isEqualTo("gpt-4o-mini");
    assertThat(answer.usage().outputTokens())
        .isEqualTo(UpstreamWire.words(FastOpenAiUpstream.ANSWER).size());
  }

  @Test
  void tausResponsesAdapterReadsTheStreamWordByWord() {
    List<String> deltas = new ArrayList<>();
    ModelResponse answer =
        provider(ProviderSettings.Api.RESPONSES).stream(
            hello(),
            event -> {
              if (event instanceof StreamEvent.TextDelta delta) {
                deltas.add(delta.text());
              }
            },
            Cancellation.none());

    assertThat(deltas).isEqualTo(UpstreamWire.words(FastOpenAiUpstream.ANSWER));
    assertThat(answer.message().text()).isEqualTo(FastOpenAiUpstream.ANSWER);
  }

  @Test
  void tausChatCompletionsAdapterReadsTheWholeAnswerAndTheStream() {
    ModelProvider chat = provider(ProviderSettings.Api.CHAT);
    List<String> deltas = new ArrayList<>();

    ModelResponse whole = chat.complete(hello(), Cancellation.none());
    ModelResponse streamed =
        chat.stream(
            hello(),
            event -> {
              if (event instanceof StreamEvent.TextDelta delta) {
                deltas.add(delta.text());
              }
            },
            Cancellation.none());

    assertThat(whole.message().text()).isEqualTo(FastOpenAiUpstream.ANSWER);
    assertThat(streamed.message().text()).isEqualTo(FastOpenAiUpstream.ANSWER);
    assertThat(String.join("", deltas)).isEqualTo(FastOpenAiUpstream.ANSWER);
  }

  @Test
  void responsesStreamFollowsTheCanonicalEventOrderWithSequenceNumbers() throws Exception {
    List<String> types = new ArrayList<>();
    List<Long> sequence = new ArrayList<>();
    try (HttpClient client = LoadPhase.newClient()) {
      HttpResponse<java.util.stream.Stream<String>> response =
          client.send(
              LoadPhase.request(
                  URI.create(upstream.baseUrl() + "/responses"),
                  LoadPhase.body("gpt-4o-mini", "s", true)),
              HttpResponse.BodyHandlers.ofLines());
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      response
          .body()
          .filter(line -> line.startsWith("data: "))
          .map(line -> Json.parse(line.substring("data: ".length())))
          .forEach(
              data -> {
                types.add(data.path("type").asString());
                sequence.add(data.path("sequence_number").asLong());
              });
    }

    int words = UpstreamWire.words(FastOpenAiUpstream.ANSWER).size();
    List<String> expected = new ArrayList<>();
    expected.addAll(
        List.of(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added"));
    for (int i = 0; i < words; i++) {
      expected.add("response.output_text.delta");
    }
    expected.addAll(
        List.of(
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed"));
    assertThat(types).isEqualTo(expected);
    assertThat(sequence)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.range(0, expected.size()).boxed().toList());
  }

  @Test
  void heldStreamStopsAfterItsFirstDeltaUntilReleased() throws Exception {
    upstream.holdStreams();
    CountDownLatch firstDelta = new CountDownLatch(1);
    try (HttpClient client = LoadPhase.newClient()) {
      CompletableFuture<SseTimer.Timing> timing =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  HttpResponse<InputStream> response =
                      client.send(
                          LoadPhase.request(
                              URI.create(upstream.baseUrl() + "/responses"),
                              LoadPhase.body("gpt-4o-mini", "s", true)),
                          HttpResponse.BodyHandlers.ofInputStream());
                  return SseTimer.read(response.body(), System.nanoTime(), firstDelta::countDown);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              r -> Thread.ofVirtual().start(r));

      assertThat(firstDelta.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(upstream.openStreams()).isEqualTo(1);
      assertThat(timing).isNotDone();

      upstream.releaseStreams();

      SseTimer.Timing done = timing.get(10, TimeUnit.SECONDS);
      assertThat(done.completed()).isTrue();
      assertThat(done.deltas()).isEqualTo(UpstreamWire.words(FastOpenAiUpstream.ANSWER).size());
      assertThat(upstream.peakOpenStreams()).isEqualTo(1);
    }
  }

  @Test
  void unknownPathAnswers404InOpenAisErrorShape() throws Exception {
    try (HttpClient client = LoadPhase.newClient()) {
      HttpResponse<String> response =
          client.send(
              LoadPhase.request(URI.create(upstream.baseUrl() + "/nowhere"), "{}"),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(404);
      JsonNode error = Json.parse(response.body()).path("error");
      assertThat(error.path("message").asString()).contains("/v1/nowhere");
      assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
    }
  }

  @Test
  void bodyThatIsNotJsonAnswers400() throws Exception {
    try (HttpClient client = LoadPhase.newClient()) {
      HttpResponse<String> response =
          client.send(
              LoadPhase.request(URI.create(upstream.baseUrl() + "/responses"), "{not json"),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Json.parse(response.body()).path("error").path("message").asString())
          .contains("parse the JSON");
    }
  }

  @Test
  void oneKeptAliveConnectionCarriesSeveralRequestsIncludingAChunkedBody() throws Exception {
    String body = "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\"}";
    String half = body.substring(0, 10);
    String rest = body.substring(10);
    String requests =
        "POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\n\r\n"
            + body
            + "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(half.length())
            + "\r\n"
            + half
            + "\r\n"
            + Integer.toHexString(rest.length())
            + "\r\n"
            + rest
            + "\r\n0\r\n\r\n"
            + "GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String answers;
    try (Socket socket = new Socket("127.0.0.1", upstream.baseUrl().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
    assertThat(answers).contains("\"object\":\"response\"");
    assertThat(answers).contains("\"object\":\"chat.completion\"");
    assertThat(answers).contains("\"object\":\"list\"");
    assertThat(upstream.requests()).isEqualTo(3);
  }
}
