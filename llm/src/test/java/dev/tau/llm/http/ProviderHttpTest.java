package dev.tau.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tau.core.model.Message;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ProviderException;
import dev.tau.llm.ProviderSettings;
import dev.tau.llm.openai.chat.OpenAiChatProvider;
import dev.tau.llm.testing.RawServer;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {
  private static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");

  private final FakeOpenAiServer server = new FakeOpenAiServer();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final ProviderHttp.Options options =
      new ProviderHttp.Options(
          Clock.fixed(NOW, ZoneOffset.UTC),
          (duration, cancellation) -> sleeps.add(duration),
          new SplittableRandom(1),
          Backoff.DEFAULT);

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiChatProvider provider(int maxRetries) {
    return provider(server.baseUrl(), maxRetries);
  }

  private OpenAiChatProvider provider(URI baseUrl, int maxRetries) {
    ProviderSettings settings =
        ProviderSettings.of("openai", baseUrl)
            .withApiKey("sk-test")
            .withMaxRetries(maxRetries)
            .withExtraHeader("X-Title", "Tau tests");
    return new OpenAiChatProvider(settings, options, dev.tau.core.util.IdSource.sequential());
  }

  private static ModelRequest hello() {
    return ModelRequest.of("gpt-test", List.of(Message.user("hi")));
  }

  @Test
  void retryAfterAsAnHttpDateIsReadWithTheInjectedClock() {
    String inSevenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atOffset(ZoneOffset.UTC));
    server.enqueue(
        FakeReply.error(429, "slow down").withRetryAfter(inSevenSeconds), FakeReply.text("ok"));

    provider(3).complete(hello(), Cancellation.none());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterBeyondTheLimitIsReportedInsteadOfWaited() {
    server.enqueue(FakeReply.error(429, "quota").withRetryAfter("3600"), FakeReply.text("no"));

    assertThatThrownBy(() -> provider(3).complete(hello(), Cancellation.none()))
        .isInstanceOfSatisfying(
            ProviderException.RateLimited.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    assertThat(sleeps).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void waitsBetweenServerErrorsStayWithinTheGrowingCeilings() {
    server.enqueue(
        FakeReply.error(500, "a"),
        FakeReply.error(502, "b"),
        FakeReply.error(503, "c"),
        FakeReply.text("ok"));

    provider(3).stream(hello(), e -> {}, Cancellation.none());

    assertThat(sleeps).hasSize(3);
    for (int i = 0; i < sleeps.size(); i++) {
      assertThat(sleeps.get(i)).isBetween(Duration.ZERO, Backoff.DEFAULT.ceiling(i));
    }
  }

  @Test
  void anUnreachableBaseUrlWithUserInfoIsNamedWithoutIt() throws IOException {
    URI dead;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      dead = URI.create("http://u:sk-SECRET@127.0.0.1:" + socket.getLocalPort() + "/v1?k=q-SECRET");
    }

    assertThatThrownBy(() -> provider(dead, 0).complete(hello(), Cancellation.none()))
        .isInstanceOf(ProviderException.ConnectionFailed.class)
        .hasMessageContaining("could not reach openai at http://***@127.0.0.1:" + dead.getPort())
        .hasMessageNotContaining("SECRET");
    assertThat(provider(dead, 0).toString())
        .isEqualTo(
            "OpenAiChatProvider[openai at http://***@127.0.0.1:" + dead.getPort() + "/v1?***]");
  }

  @Test
  void noRetriesMeansOneAttempt() {
    server.enqueue(FakeReply.error(500, "a"), FakeReply.text("unused"));

    assertThatThrownBy(() -> provider(0).complete(hello(), Cancellation.none()))
        .isInstanceOf(ProviderException.ServerError.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void extraHeadersAndTheKeyAreSent() {
    server.enqueue(FakeReply.text("ok"));

    provider(0).complete(hello(), Cancellation.none());

    assertThat(server.lastRequest().header("x-title")).contains("Tau tests");
    assertThat(server.lastRequest().header("authorization")).contains("Bearer sk-test");
    assertThat(server.lastRequest().header("content-type")).contains("application/json");
  }

  @Test
  void invalidJsonInAPlainAnswerIsAProtocolError() throws IOException {
    try (RawServer raw = RawServer.answering(200, "application/json", "{\"id\": ")) {
      assertThatThrownBy(() -> provider(raw.baseUrl(), 3).complete(hello(), Cancellation.none()))
          .isInstanceOf(ProviderException.ProtocolError.class)
          .hasMessageContaining("invalid JSON");
      assertThat(raw.requests()).isEqualTo(1);
    }
  }

  @Test
  void aJsonErrorAnsweredToAStreamingRequestIsMapped() throws IOException {
    try (RawServer raw =
        RawServer.answering(
            200, "application/json", "{\"error\":{\"message\":\"model is loading\"}}")) {
      assertThatThrownBy(
              () -> provider(raw.baseUrl(), 0).stream(hello(), e -> {}, Cancellation.none()))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("model is loading");
    }
  }

  @Test
  void htmlAnsweredToAStreamingRequestIsAProtocolError() throws IOException {
    try (RawServer raw = RawServer.answering(200, "text/html", "<html>login</html>")) {
      assertThatThrownBy(
              () -> provider(raw.baseUrl(), 0).stream(hello(), e -> {}, Cancellation.none()))
          .isInstanceOf(ProviderException.ProtocolError.class)
          .hasMessageContaining("text/html")
          .hasMessageContaining("instead of an event stream");
    }
  }

  @Test
  void aVendorErrorEventBeforeAnyOutputIsRetried() throws IOException {
    String overloaded = "data: {\"error\":{\"code\":503,\"message\":\"overloaded\"}}\n\n";
    String answer =
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", overloaded, answer)) {
      assertThat(
              provider(raw.baseUrl(), 2).stream(hello(), e -> {}, Cancellation.none())
                  .message()
                  .text())
          .isEqualTo("hi");
      assertThat(raw.requests()).isEqualTo(2);
      assertThat(sleeps).hasSize(1);
    }
  }

  @Test
  void aVendorErrorEventAfterOutputIsNotRetried() throws IOException {
    String partThenError =
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
            + "data: {\"error\":{\"code\":503,\"message\":\"overloaded\"}}\n\n";
    try (RawServer raw = RawServer.sequence("text/event-stream", partThenError, partThenError)) {
      assertThatThrownBy(
              () -> provider(raw.baseUrl(), 2).stream(hello(), e -> {}, Cancellation.none()))
          .isInstanceOf(ProviderException.ServerError.class)
          .hasMessageContaining("overloaded");
      assertThat(raw.requests()).isEqualTo(1);
    }
  }

  @Test
  void aStreamThatGoesSilentEndsWithAnErrorInsteadOfHanging() throws IOException {
    HttpServer silent =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    silent.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          exchange
              .getResponseBody()
              .write(
                  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                      .getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
          try {
            Thread.sleep(4000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    silent.start();
    try {
      ProviderSettings settings =
          ProviderSettings.of(
                  "openai", URI.create("http://127.0.0.1:" + silent.getAddress().getPort() + "/v1"))
              .withMaxRetries(0)
              .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
      OpenAiChatProvider provider =
          new OpenAiChatProvider(settings, options, dev.tau.core.util.IdSource.sequential());
      long start = System.nanoTime();

      assertThatThrownBy(() -> provider.stream(hello(), e -> {}, Cancellation.none()))
          .isInstanceOf(ProviderException.ProtocolError.class)
          .hasMessageContaining("no data arrived");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    } finally {
      silent.stop(0);
    }
  }

  @Test
  void theSystemSleeperWakesAtOnceWhenCancelled() {
    Cancellation cancellation = new Cancellation();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cancellation.cancel();
            });
    long start = System.nanoTime();

    assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofSeconds(20), cancellation))
        .isInstanceOf(CancelledException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theSystemSleeperReallySleeps() {
    long start = System.nanoTime();

    Sleeper.system().sleep(Duration.ofMillis(60), Cancellation.none());

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(55));
  }

  @Test
  void resolveKeepsTheBasePath() {
    ProviderHttp http =
        new ProviderHttp(
            ProviderSettings.of("x", java.net.URI.create("https://example.test/api/v1/")),
            options,
            ErrorMapper.standard());

    assertThat(http.resolve("/chat/completions"))
        .hasToString("https://example.test/api/v1/chat/completions");
  }
}
