package dev.tau.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tau.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gate's thresholds against a small in-process stand-in for the gateway's two routes (the
 * test's own JVM is the "gateway" whose memory is read), so the pass and fail paths run in
 * milliseconds; {@code make perf-check} runs the same code against the real gateway process.
 */
class PerfCheckTest {
  @TempDir Path dir;

  private HttpServer server;
  private volatile int pingStatus = 200;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/healthz", x -> answer(x, 200, "{\"status\":\"ok\"}"));
    server.createContext(
        "/v1/a2a/ping",
        x -> {
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean ok = body.equals(PerfCheck.PING_BODY) && pingStatus == 200;
          answer(
              x,
              ok ? 200 : pingStatus,
              ok
                  ? "{\"message_id\":\"ack-ping-1\",\"status\":\"acknowledged\"}"
                  : "{\"error\":\"broken\"}");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private int run(String... extra) {
    String[] base = {
      "--base-url",
      "http://127.0.0.1:" + server.getAddress().getPort(),
      "--pid",
      Long.toString(ProcessHandle.current().pid()),
      "--requests",
      "60",
      "--concurrency",
      "6",
      "--warmup",
      "20",
      "--out",
      dir.resolve("perf/perf-check.json").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return PerfCheck.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void passesWithinTheThresholdsAndWritesItsFigures() throws Exception {
    assertThat(run("--healthz-p95-ms", "5000", "--ping-p95-ms", "5000", "--max-rss-mb", "100000"))
        .isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("| GET /healthz | 60 | 0 |")
        .contains("| POST /v1/a2a/ping | 60 | 0 |")
        .contains("| GET /healthz p95 | < 5000 ms |")
        .contains("perf-check: passed");
    JsonNode json = Json.parse(Files.readString(dir.resolve("perf/perf-check.json")));
    assertThat(json.path("passed").asBoolean()).isTrue();
    assertThat(json.path("endpoints").get(1).path("name").asString())
        .isEqualTo("POST /v1/a2a/ping");
    assertThat(json.path("endpoints").get(0).path("p95_ms").asDouble()).isPositive();
    assertThat(json.path("gateway_memory").path("hwm_mb").asDouble()).isPositive();
  }

  @Test
  void anImpossibleLatencyThresholdFailsTheGate() throws Exception {
    assertThat(run("--healthz-p95-ms", "0.001", "--max-rss-mb", "100000")).isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsPattern("perf-check: FAILED: GET /healthz p95 [0-9.]+ ms, needs < 0.001 ms");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("**FAIL**");
    JsonNode json = Json.parse(Files.readString(dir.resolve("perf/perf-check.json")));
    assertThat(json.path("passed").asBoolean()).isFalse();
  }

  @Test
  void memoryOverTheBoundFailsTheGate() {
    assertThat(run("--ping-p95-ms", "0.001", "--healthz-p95-ms", "5000", "--max-rss-mb=1"))
        .isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("FAILED: gateway RSS, peak (VmHWM)")
        .contains("needs < 1 MB")
        .contains("FAILED: POST /v1/a2a/ping p95");
  }

  @Test
  void failedRequestsFailTheGateWhateverTheLatency() {
    pingStatus = 500;

    assertThat(run("--healthz-p95-ms", "5000", "--ping-p95-ms", "5000", "--max-rss-mb", "100000"))
        .isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("first failed POST /v1/a2a/ping: HTTP 500")
        .contains("FAILED: failed requests 60, needs 0");
  }

  @Test
  void badOptionsAreRefused() {
    assertThat(PerfCheck.run(new String[] {"--requests", "lots"}, System.out, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(
            PerfCheck.run(
                new String[] {"--base-url", "http://x"}, System.out, new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--requests must be a number")
        .contains("--base-url and --pid go together");
  }
}
