package dev.tau.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.StopReason;
import dev.tau.core.model.Usage;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.provider.CancelledException;
import dev.tau.core.provider.ModelProvider;
import dev.tau.core.provider.ModelRequest;
import dev.tau.core.provider.ModelResponse;
import dev.tau.core.provider.StreamEvent;
import dev.tau.core.provider.StreamSink;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.responses.ResponsesHarness.Frame;
import dev.tau.testkit.agent.ScriptedModelProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Streams that end early: the client leaves, or the gateway shuts down. */
// The timeout only guards against a hang; nothing here asserts on speed.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResponsesLifecycleIT {
  @TempDir Path dir;

  /**
   * A model that streams "tick " every few milliseconds until the run is cancelled, like a long
   * answer from a real vendor; it records that it saw the cancel.
   */
  static final class EndlessModel implements ModelProvider {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public String id() {
      return "endless";
    }

    @Override
    public ModelResponse complete(ModelRequest request, Cancellation cancellation) {
      throw new UnsupportedOperationException("the gateway streams");
    }

    @Override
    public ModelResponse stream(ModelRequest request, StreamSink sink, Cancellation cancellation) {
      started.countDown();
      for (int i = 0; i < 60_000; i++) {
        if (cancellation.isCancelled()) {
          cancelled.countDown();
          throw new CancelledException();
        }
        sink.accept(new StreamEvent.TextDelta("tick "));
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancelledException();
        }
      }
      return new ModelResponse(
          "r", request.model(), Message.assistant("never"), Usage.ZERO, StopReason.END_TURN);
    }
  }

  @Test
  void aClientDisconnectCancelsTheAgentRunAndKeepsOnlyThePrompt() throws Exception {
    EndlessModel model = new EndlessModel();
    try (var gw = ResponsesHarness.start(model, dir)) {
      String body =
          "{\"input\":\"talk forever\",\"stream\":true,\"metadata\":{\"session_id\":\"gone\"}}";
      try (Socket socket = new Socket("127.0.0.1", gw.server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.contains("response.output_text.delta")) {
          // read until the answer is streaming
        }
        assertThat(line).isNotNull();
      }

      assertThat(model.cancelled.await(30, TimeUnit.SECONDS)).as("run cancelled").isTrue();
      awaitReason(gw, "client_disconnected");
      // as for any cancel, the session keeps the prompt but not the unfinished answer
      assertThat(gw.sessions.events(SessionId.of("gone")))
          .extracting(e -> ((SessionEvent.MessageAppended) e.event()).message())
          .containsExactly(Message.user("talk forever"));
      assertThat(gw.runtime().activeStreams()).isZero();
    }
  }

  @Test
  void drainingEndsAnOpenStreamWithResponseFailedThenDone() throws Exception {
    ScriptedModelProvider model = new ScriptedModelProvider().hangUntilCancelled("partial ");
    ResponsesHarness gw = ResponsesHarness.start(model, dir, 32_000, Duration.ofSeconds(2));
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch streaming = new CountDownLatch(1);
    HttpClient client = HttpClient.newHttpClient();
    ObjectNode body = Json.object();
    body.put("input", "hi");
    body.put("stream", true);
    CompletableFuture<HttpResponse<Void>> response =
        client
            .sendAsync(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.server.port() + "/v1/responses"))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                r -> {
                  r.body()
                      .forEach(
                          l -> {
                            lines.add(l);
                            if (l.contains("response.output_text.delta")) {
                              streaming.countDown();
                            }
                          });
                  return null;
                });
    assertThat(streaming.await(30, TimeUnit.SECONDS)).isTrue();

    boolean drained = gw.server.stop();

    response.get(30, TimeUnit.SECONDS);
    assertThat(drained).as("every in-flight stream ended within the drain timeout").isTrue();
    List<Frame> frames = ResponsesHarness.frames(String.join("\n", lines) + "\n");
    Frame failed = frames.get(frames.size() - 2);
    assertThat(failed.event()).isEqualTo("response.failed");
    assertThat(failed.json().path("response").path("error").path("code").asString())
        .isEqualTo("service_unavailable");
    assertThat(frames.getLast().data()).isEqualTo("[DONE]");
    assertThat(gw.runtime().reasonCodeCounts()).containsEntry("gateway_draining", 1L);
  }

  @Test
  void aTurnOnABusySessionWaitsUntilTheSessionIsFree() throws Exception {
    ScriptedModelProvider model = new ScriptedModelProvider().replyText("second");
    try (var gw = ResponsesHarness.start(model, dir)) {
      SessionLocks.Lease held =
          gw.runtime().sessionLocks().acquire(SessionId.of("busy"), Duration.ofSeconds(1));
      CompletableFuture<HttpResponse<String>> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return gw.post(
                      "/v1/responses", "{\"input\":\"hi\",\"metadata\":{\"session_id\":\"busy\"}}");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertThat(waiting).as("held session").isNotDone();
      assertThat(model.requests()).isEmpty();

      held.close();

      HttpResponse<String> response = waiting.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Json.parse(response.body()).path("output_text").asString()).isEqualTo("second");
    }
  }

  private static void awaitReason(ResponsesHarness gw, String code) throws InterruptedException {
    for (int i = 0; i < 300 && !gw.runtime().reasonCodeCounts().containsKey(code); i++) {
      Thread.sleep(100);
    }
    assertThat(gw.runtime().reasonCodeCounts()).containsKey(code);
  }
}
