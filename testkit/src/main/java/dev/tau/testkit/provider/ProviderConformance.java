package dev.tau.testkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tau.core.json.Json;
import dev.tau.core.model.ContentPart;
import dev.tau.core.model.MediaSource;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.provider.StreamEvent;
import dev.tau.testkit.fakes.FakeReply;
import dev.tau.testkit.fakes.FakeToolCall;
import dev.tau.testkit.fakes.FakeVendorServer;
import dev.tau.testkit.fakes.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The behaviour every model provider adapter must have, checked against a fake vendor server that
 * speaks the vendor's wire format. Each adapter's test subclasses this and says how to start its
 * fake and build its adapter; the tests themselves are the same for all.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ProviderConformance {
  /** The key every test configures; the tests check it never leaks into errors or URLs. */
  protected static final String API_KEY = "sk-conformance-secret-4242";

  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  protected FakeVendorServer server;
  protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  /** Starts the adapter's fake vendor server. */
  protected abstract FakeVendorServer startServer();

  /**
   * Builds the adapter under test.
   *
   * @param baseUrl where the fake (or a dead port) listens
   * @param apiKey the key to configure (empty for none)
   * @param maxRetries retries after the first attempt
   * @param sleeper receives every backoff wait instead of sleeping
   */
  protected abstract ModelProvider provider(
      URI baseUrl, String apiKey, int maxRetries, Consumer<Duration> sleeper);

  /** The model name requests use. */
  protected String model() {
    return "test-model";
  }

  /** Whether the adapter sends a key at all (a local Ollama takes none). */
  protected boolean sendsApiKey() {
    return true;
  }

  /** Whether the vendor names its tool calls (Gemini does not; the adapter makes ids). */
  protected boolean vendorSendsToolCallIds() {
    return true;
  }

  @BeforeEach
  void startFake() {
    server = startServer();
  }

  @AfterEach
  void stopFake() {
    server.close();
  }

  protected ModelProvider provider() {
    return provider(server.baseUrl(), sendsApiKey() ? API_KEY : "", 3, sleeps::add);
  }

  protected ModelRequest hello() {
    return ModelRequest.of(model(), List.of(Message.user("Say hello")));
  }

  protected static ToolDefinition tool(String name) {
    return new ToolDefinition(
        name,
        "Reads a file",
        Json.parse(
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
                + "\"required\":[\"path\"]}"));
  }

  private static final FakeToolCall CALL_A =
      new FakeToolCall("call_a1", "read_file", "{\"path\":\"a.txt\"}");
  private static final FakeToolCall CALL_B =
      new FakeToolCall("call_b2", "read_file", "{\"path\":\"b.txt\"}");

  // ---- answers ----

  @Test
  void plainTextAnswerIsMappedWithUsageAndEndTurn() {
    server.enqueue(FakeReply.text("Hello from the fake vendor.").withUsage(12, 5, 2));

    ModelResponse response = provider().complete(hello(), Cancellation.none());

    assertThat(response.message().text()).isEqualTo("Hello from the fake vendor.");
    assertThat(response.message().toolCalls()).isEmpty();
    assertThat(response.usage()).isEqualTo(new Usage(12, 5, 2));
    assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    RecordedRequest request = server.lastRequest();
    assertThat(request.body()).contains("Say hello");
    assertThat(request.target() + " " + request.body()).contains(model());
    assertKeySentOnlyInHeaders(request);
  }

  @Test
  void streamedTextArrivesAsDeltasInOrderAndEndsWithCompleted() {
    server.enqueue(FakeReply.text("One two three four five.").withUsage(20, 6, 0));
    List<StreamEvent> events = new ArrayList<>();

    ModelResponse response = provider().stream(hello(), events::add, Cancellation.none());

    List<StreamEvent.TextDelta> deltas =
        events.stream()
            .filter(StreamEvent.TextDelta.class::isInstance)
            .map(StreamEvent.TextDelta.class::cast)
            .toList();
    assertThat(deltas).hasSizeGreaterThan(1);
    assertThat(String.join("", deltas.stream().map(StreamEvent.TextDelta::text).toList()))
        .isEqualTo("One two three four five.");
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed(response));
    int usageAt = indexOf(events, StreamEvent.UsageReported.class);
    assertThat(usageAt).isGreaterThan(events.lastIndexOf(deltas.getLast()));
    assertThat(usageAt).isEqualTo(events.size() - 2);
    assertThat(events.get(usageAt)).isEqualTo(new StreamEvent.UsageReported(new Usage(20, 6, 0)));
    assertThat(response.message().text()).isEqualTo("One two three four five.");
    assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    assertKeySentOnlyInHeaders(server.lastRequest());
  }

  @Test
  void instructionsAndSystemMessagesReachTheWire() {
    server.enqueue(FakeReply.text("ok"));
    ModelRequest request =
        ModelRequest.of(
                model(), List.of(Message.system("Answer in French."), Message.user("Say hello")))
            .withInstructions("You are terse.");

    provider().complete(request, Cancellation.none());

    assertThat(server.lastRequest().body())
        .contains("You are terse.")
        .contains("Answer in French.");
  }

  @Test
  void parallelToolCallsAreStreamedInOrderAndAssembled() {
    server.enqueue(FakeReply.toolCalls(CALL_A, CALL_B).withUsage(30, 9, 0));
    List<StreamEvent> events = new ArrayList<>();

    ModelResponse response =
        provider().stream(
            hello().withTools(List.of(tool("read_file"))), events::add, Cancellation.none());

    List<ToolCall> calls = response.message().toolCalls();
    assertThat(calls).hasSize(2);
    assertThat(calls).extracting(ToolCall::name).containsExactly("read_file", "read_file");
    assertThat(json(calls.get(0).arguments())).isEqualTo(json(CALL_A.argumentsJson()));
    assertThat(json(calls.get(1).arguments())).isEqualTo(json(CALL_B.argumentsJson()));
    assertThat(calls.get(0).id()).isNotBlank().isNotEqualTo(calls.get(1).id());
    if (vendorSendsToolCallIds()) {
      assertThat(calls).extracting(ToolCall::id).containsExactly("call_a1", "call_b2");
    }
    assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);

    List<StreamEvent.ToolCallStarted> started = eventsOf(events, StreamEvent.ToolCallStarted.class);
    assertThat(started).extracting(StreamEvent.ToolCallStarted::index).containsExactly(0, 1);
    assertThat(started)
        .extracting(StreamEvent.ToolCallStarted::id)
        .containsExactly(calls.get(0).id(), calls.get(1).id());
    List<StreamEvent.ToolCallDone> done = eventsOf(events, StreamEvent.ToolCallDone.class);
    assertThat(done)
        .extracting(StreamEvent.ToolCallDone::call)
        .containsExactly(calls.get(0), calls.get(1));
    for (int index = 0; index < 2; index++) {
      int i = index;
      String streamed =
          String.join(
              "",
              eventsOf(events, StreamEvent.ToolCallDelta.class).stream()
                  .filter(d -> d.index() == i)
                  .map(StreamEvent.ToolCallDelta::argumentsDelta)
                  .toList());
      assertThat(json(streamed)).isEqualTo(json(calls.get(i).arguments()));
      assertThat(events.indexOf(started.get(i))).isLessThan(events.indexOf(done.get(i)));
    }
    assertThat(events.getLast()).isEqualTo(new StreamEvent.Completed(response));
    assertThat(server.lastRequest().body()).contains("read_file").contains("Reads a file");
  }

  @Test
  void nonStreamingToolCallsAreMapped() {
    server.enqueue(FakeReply.toolCalls(CALL_A, CALL_B));

    ModelResponse response =
        provider().complete(hello().withTools(List.of(tool("read_file"))), Cancellation.none());

    assertThat(response.message().toolCalls()).hasSize(2);
    assertThat(json(response.message().toolCalls().get(1).arguments()))
        .isEqualTo(json(CALL_B.argumentsJson()));
    assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void toolResultsAreFedBackToTheVendor() {
    server.enqueue(FakeReply.toolCalls(CALL_A, CALL_B), FakeReply.text("Both files read."));
    ModelProvider provider = provider();
    ModelRequest first = hello().withTools(List.of(tool("read_file")));
    ModelResponse calling = provider.complete(first, Cancellation.none());
    List<Message> conversation = new ArrayList<>(first.messages());
    conversation.add(calling.message());
    ToolCall a = calling.message().toolCalls().get(0);
    ToolCall b = calling.message().toolCalls().get(1);
    conversation.add(Message.toolResult(a, "contents of a", false));
    conversation.add(Message.toolResult(b, "no such file b.txt", true));

    ModelResponse answer =
        provider.stream(first.withMessages(conversation), event -> {}, Cancellation.none());

    assertThat(answer.message().text()).isEqualTo("Both files read.");
    String body = server.lastRequest().body();
    assertThat(body).contains("contents of a").contains("no such file b.txt");
    if (vendorSendsToolCallIds()) {
      assertThat(body).contains("call_a1").contains("call_b2");
    }
    assertThat(body).contains("a.txt").contains("b.txt");
  }

  @Test
  void imageInputReachesTheWire() {
    server.enqueue(FakeReply.text("A red dot."));
    Message.User user =
        new Message.User(
            List.of(
                new ContentPart.Text("What is in this picture?"),
                new ContentPart.Image(new MediaSource.Base64("image/png", PNG_BASE64))));

    provider().complete(ModelRequest.of(model(), List.of(user)), Cancellation.none());

    assertThat(server.lastRequest().body())
        .contains(PNG_BASE64)
        .contains("image/png")
        .contains("What is in this picture?");
  }

  @Test
  void outputLimitStopReasonIsMaxTokens() {
    server.enqueue(FakeReply.text("Cut short").withStop(FakeReply.Stop.MAX_TOKENS));
    server.enqueue(FakeReply.text("Cut short").withStop(FakeReply.Stop.MAX_TOKENS));

    ModelResponse streamed = provider().stream(hello(), e -> {}, Cancellation.none());
    ModelResponse completed = provider().complete(hello(), Cancellation.none());

    assertThat(streamed.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(completed.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
  }

  @Test
  void contentFilterStopReasonIsMapped() {
    server.enqueue(FakeReply.text("I can't").withStop(FakeReply.Stop.CONTENT_FILTER));

    ModelResponse response = provider().stream(hello(), e -> {}, Cancellation.none());

    assertThat(response.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
  }

  // ---- errors ----

  @Test
  void badRequestIsReportedWithTheVendorMessageAndNotRetried() {
    server.enqueue(FakeReply.error(400, "Unsupported parameter: 'frobnicate'"));

    Throwable thrown = catchThrowable(() -> provider().complete(hello(), Cancellation.none()));

    assertThat(thrown).isInstanceOf(ProviderException.BadRequest.class);
    assertThat(thrown.getMessage()).contains("Unsupported parameter: 'frobnicate'").contains("400");
    assertThat(((ProviderException) thrown).status()).isEqualTo(400);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void authFailureIsReportedWithoutTheKey() {
    server.enqueue(FakeReply.error(401, "Incorrect API key provided: " + key()));

    Throwable thrown =
        catchThrowable(() -> provider().stream(hello(), e -> {}, Cancellation.none()));

    assertThat(thrown).isInstanceOf(ProviderException.AuthFailed.class);
    assertThat(thrown.getMessage()).doesNotContain(API_KEY).contains("401");
    assertThat(thrown.toString()).doesNotContain(API_KEY);
    assertThat(provider().toString()).doesNotContain(API_KEY);
    assertThat(server.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void rateLimitIsRetriedAfterRetryAfterThenSucceeds() {
    server.enqueue(
        FakeReply.error(429, "Rate limit reached").withRetryAfter("2"), FakeReply.text("Finally."));

    ModelResponse response = provider().stream(hello(), e -> {}, Cancellation.none());

    assertThat(response.message().text()).isEqualTo("Finally.");
    assertThat(server.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.getFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rateLimitIsReportedWithRetryAfterWhenRetriesRunOut() {
    server.enqueue(
        FakeReply.error(429, "Rate limit reached").withRetryAfter("3"),
        FakeReply.error(429, "Rate limit reached").withRetryAfter("3"));
    ModelProvider provider = provider(server.baseUrl(), key(), 1, sleeps::add);

    Throwable thrown = catchThrowable(() -> provider.complete(hello(), Cancellation.none()));

    assertThat(thrown).isInstanceOf(ProviderException.RateLimited.class);
    assertThat(((ProviderException) thrown).retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(((ProviderException) thrown).retryable()).isTrue();
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void serverErrorIsRetriedThenSucceeds() {
    server.enqueue(FakeReply.error(500, "The server had an error"), FakeReply.text("Recovered."));

    ModelResponse response = provider().stream(hello(), e -> {}, Cancellation.none());

    assertThat(response.message().text()).isEqualTo("Recovered.");
    assertThat(server.requests()).hasSize(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void serverErrorIsReportedWhenRetriesRunOut() {
    server.enqueue(
        FakeReply.error(503, "overloaded"),
        FakeReply.error(503, "overloaded"),
        FakeReply.error(503, "overloaded"));
    ModelProvider provider = provider(server.baseUrl(), key(), 2, sleeps::add);

    Throwable thrown = catchThrowable(() -> provider.complete(hello(), Cancellation.none()));

    assertThat(thrown).isInstanceOf(ProviderException.ServerError.class);
    assertThat(server.requests()).hasSize(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void unreachableServerIsAConnectionFailureAfterRetries() throws IOException {
    URI dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }
    ModelProvider provider = provider(dead, key(), 2, sleeps::add);

    Throwable thrown = catchThrowable(() -> provider.complete(hello(), Cancellation.none()));

    assertThat(thrown).isInstanceOf(ProviderException.ConnectionFailed.class);
    assertThat(thrown.getMessage()).doesNotContain(API_KEY);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void streamCutOffMidwayIsAProtocolErrorAndNotRetried() {
    server.enqueue(
        FakeReply.text("This answer will never finish properly, sadly.")
            .withFault(FakeReply.Fault.CUT_OFF_MIDWAY),
        FakeReply.text("must not be used"));
    List<StreamEvent> events = new CopyOnWriteArrayList<>();

    Throwable thrown =
        catchThrowable(() -> provider().stream(hello(), events::add, Cancellation.none()));

    assertThat(thrown)
        .isInstanceOf(ProviderException.ProtocolError.class)
        .hasMessageContaining("ended before completion");
    assertThat(events).isNotEmpty().noneMatch(StreamEvent.Completed.class::isInstance);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void malformedEventStreamIsAProtocolError() {
    server.enqueue(FakeReply.text("Hello there.").withFault(FakeReply.Fault.MALFORMED_SSE));

    assertThatThrownBy(() -> provider().stream(hello(), e -> {}, Cancellation.none()))
        .isInstanceOf(ProviderException.ProtocolError.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void invalidJsonInAStreamEventIsAProtocolError() {
    server.enqueue(FakeReply.text("Hello there.").withFault(FakeReply.Fault.INVALID_JSON));

    assertThatThrownBy(() -> provider().stream(hello(), e -> {}, Cancellation.none()))
        .isInstanceOf(ProviderException.ProtocolError.class)
        .hasMessageContaining("invalid JSON");
  }

  // ---- cancellation ----

  @Test
  void cancellingAStreamAbortsTheExchange() throws Exception {
    server.enqueue(
        FakeReply.text("Streaming slowly forever")
            .withFault(FakeReply.Fault.HANG_AFTER_FIRST_OUTPUT));
    Cancellation cancellation = new Cancellation();
    CountDownLatch firstText = new CountDownLatch(1);
    ModelProvider provider = provider();

    CompletableFuture<ModelResponse> call =
        CompletableFuture.supplyAsync(
            () ->
                provider.stream(
                    hello(),
                    event -> {
                      if (event instanceof StreamEvent.TextDelta) {
                        firstText.countDown();
                      }
                    },
                    cancellation),
            runnable -> Thread.ofVirtual().start(runnable));
    assertThat(firstText.await(10, TimeUnit.SECONDS)).as("first text delta arrived").isTrue();
    cancellation.cancel();

    Throwable thrown = catchThrowable(() -> call.get(5, TimeUnit.SECONDS));
    assertThat(thrown).hasCauseInstanceOf(CancelledException.class);
    assertThat(server.awaitClientGone(Duration.ofSeconds(5)))
        .as("the server saw the client close the connection")
        .isTrue();
  }

  @Test
  void cancellingBeforeTheAnswerArrivesAbortsTheRequest() throws Exception {
    server.enqueue(FakeReply.text("too late").withHeaderDelay(Duration.ofSeconds(8)));
    Cancellation cancellation = new Cancellation();
    ModelProvider provider = provider();

    CompletableFuture<ModelResponse> call =
        CompletableFuture.supplyAsync(
            () -> provider.stream(hello(), e -> {}, cancellation),
            runnable -> Thread.ofVirtual().start(runnable));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.requests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long start = System.nanoTime();
    cancellation.cancel();

    Throwable thrown = catchThrowable(() -> call.get(5, TimeUnit.SECONDS));
    assertThat(thrown).hasCauseInstanceOf(CancelledException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anAlreadyCancelledCallSendsNothing() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();

    assertThatThrownBy(() -> provider().stream(hello(), e -> {}, cancellation))
        .isInstanceOf(CancelledException.class);
    assertThat(server.requests()).isEmpty();
  }

  // ---- helpers ----

  private String key() {
    return sendsApiKey() ? API_KEY : "";
  }

  private void assertKeySentOnlyInHeaders(RecordedRequest request) {
    assertThat(request.target()).doesNotContain(API_KEY);
    assertThat(request.body()).doesNotContain(API_KEY);
    if (sendsApiKey()) {
      assertThat(request.headers().values())
          .as("the key travels in a header")
          .anyMatch(values -> values.stream().anyMatch(v -> v.contains(API_KEY)));
    }
  }

  protected static JsonNode json(String text) {
    return Json.parse(text);
  }

  private static int indexOf(List<StreamEvent> events, Class<? extends StreamEvent> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static <T extends StreamEvent> List<T> eventsOf(List<StreamEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
