package dev.tau.gateway.features;

import static dev.tau.gateway.GatewayTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.core.json.Json;
import dev.tau.core.provider.ProviderException;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.gateway.service.GatewayStateFile;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.testkit.agent.ScriptedModelProvider;
import dev.tau.testkit.store.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /gateway/status}, {@code /cortex/*} and {@code /metrics} over real HTTP against a real
 * server, in localhost-dev and token modes.
 */
class StatusCortexMetricsIT {
  @TempDir Path root;

  final ScriptedModelProvider model = new ScriptedModelProvider();

  GatewayServer start(AuthMode mode) {
    return GatewayServer.start(
        GatewayTestSupport.config(mode, root.resolve("gateway"), 10_000),
        GatewayTestSupport.services(model));
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.parse(response.body());
  }

  /** The SSE frames of a finished stream as (event, data) pairs. */
  static List<String[]> frames(String body) {
    List<String[]> frames = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String event = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (event != null) {
        frames.add(new String[] {event, data});
      }
    }
    return frames;
  }

  @Test
  void aFreshGatewayReportsHealthyPassWithEveryStatusBlock() throws Exception {
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      HttpResponse<String> r = send(server, "GET", "/gateway/status", null, null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode s = json(r);
      assertThat(s.path("health_state").asString()).isEqualTo("healthy");
      assertThat(s.path("rollout_gate").asString()).isEqualTo("pass");
      assertThat(s.path("reason_code").asString()).isEqualTo("guardrail_checks_passing");
      assertThat(s.path("service").path("service_status").asString()).isEqualTo("running");
      assertThat(s.path("service").path("rollout_gate").asString()).isEqualTo("pass");
      assertThat(s.path("auth").path("mode").asString()).isEqualTo("localhost-dev");
      assertThat(s.path("multi_channel").path("health_state").asString()).isEqualTo("unknown");
      assertThat(s.path("events").path("reason_code").asString())
          .isEqualTo("events_not_configured");
      assertThat(s.path("training").path("status_present").asBoolean()).isFalse();
      assertThat(s.path("runtime_heartbeat").path("run_state").asString()).isEqualTo("unknown");
      assertThat(s.path("runtime_heartbeat").path("reason_code").asString())
          .isEqualTo("heartbeat_state_missing");
      JsonNode gateway = s.path("gateway");
      assertThat(gateway.path("status_endpoint").asString()).isEqualTo("/gateway/status");
      assertThat(gateway.path("metrics_endpoint").asString()).isEqualTo("/metrics");
      assertThat(gateway.path("web_ui").path("cortex_chat_endpoint").asString())
          .isEqualTo("/cortex/chat");
      assertThat(gateway.path("model").asString()).isEqualTo("offline/echo");
      // the catalogue lists exactly the registered routes
      List<String> listed = new ArrayList<>();
      gateway
          .path("routes")
          .forEach(n -> listed.add(n.path("method").asString() + " " + n.path("path").asString()));
      assertThat(listed)
          .containsExactlyElementsOf(
              server.routes().stream().map(x -> x.method().text() + " " + x.path()).toList());
    }
  }

  @Test
  void aServiceStopFromAnotherProcessShowsAtOnceAsHoldServiceStopped() throws Exception {
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      new GatewayStateFile(root.resolve("gateway"), Clock.systemUTC())
          .markStopped("emergency_rollback");
      JsonNode s = json(send(server, "GET", "/gateway/status", null, null));
      assertThat(s.path("health_state").asString()).isEqualTo("healthy");
      assertThat(s.path("rollout_gate").asString()).isEqualTo("hold");
      assertThat(s.path("reason_code").asString()).isEqualTo("service_stopped");
      assertThat(s.path("service").path("service_last_stop_reason").asString())
          .isEqualTo("emergency_rollback");
    }
  }

  @Test
  void statusReadsTheEventsAndMultiChannelFilesUnderTheTauRoot() throws Exception {
    Files.createDirectories(root.resolve("events"));
    Files.writeString(root.resolve("events/bad.json"), "{\"id\":\"x\"}");
    Files.createDirectories(root.resolve("multi-channel"));
    Files.writeString(
        root.resolve("multi-channel/state.json"), "{\"health\":{\"failure_streak\":0}}");
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      JsonNode s = json(send(server, "GET", "/gateway/status", null, null));
      assertThat(s.path("events").path("reason_code").asString())
          .isEqualTo("events_malformed_definitions");
      assertThat(s.path("rollout_gate").asString()).isEqualTo("hold");
      assertThat(s.path("reason_code").asString()).isEqualTo("events_malformed_definitions");
      assertThat(s.path("multi_channel").path("health_state").asString()).isEqualTo("healthy");
    }
  }

  @Test
  void tokenModeProtectsStatusCortexAndMetricsAndNeverShowsTheToken() throws Exception {
    try (GatewayServer server = start(AuthMode.TOKEN)) {
      for (String path : List.of("/gateway/status", "/cortex/status", "/metrics")) {
        HttpResponse<String> anonymous = send(server, "GET", path, null, null);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(json(anonymous).path("error").path("code").asString()).isEqualTo("unauthorized");
        assertThat(send(server, "GET", path, "wrong", null).statusCode()).as(path).isEqualTo(401);
        HttpResponse<String> ok = send(server, "GET", path, GatewayTestSupport.TOKEN, null);
        assertThat(ok.statusCode()).as(path).isEqualTo(200);
        assertThat(ok.body()).doesNotContain(GatewayTestSupport.TOKEN);
      }
      JsonNode s = json(send(server, "GET", "/gateway/status", GatewayTestSupport.TOKEN, null));
      assertThat(s.path("auth").path("mode").asString()).isEqualTo("token");
      assertThat(s.path("auth").path("auth_failures").asLong()).isEqualTo(6);
      assertThat(s.path("health_state").asString()).isEqualTo("healthy");
      assertThat(send(server, "POST", "/cortex/chat", null, "{\"input\":\"hi\"}").statusCode())
          .isEqualTo(401);
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void cortexIsFailingOnFreshStateAndReadyAfterAStreamedChat() throws Exception {
    model.chunkSize(6).replyText("Cortex has no observer events yet.");
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      JsonNode fresh = json(send(server, "GET", "/cortex/status", null, null));
      assertThat(fresh.path("health_state").asString()).isEqualTo("failing");
      assertThat(fresh.path("rollout_gate").asString()).isEqualTo("hold");
      assertThat(fresh.path("reason_code").asString()).isEqualTo("cortex_observer_events_missing");

      HttpResponse<String> chat =
          send(server, "POST", "/cortex/chat", null, "{\"input\":\"why is cortex on hold?\"}");
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      List<String[]> frames = frames(chat.body());
      assertThat(frames.stream().map(f -> f[0]).distinct().toList())
          .containsExactly(
              "cortex.response.created",
              "cortex.response.output_text.delta",
              "cortex.response.output_text.done",
              "cortex.response.completed",
              "done");
      assertThat(frames.getLast()[1]).isEqualTo("[DONE]");
      StringBuilder text = new StringBuilder();
      frames.stream()
          .filter(f -> f[0].equals("cortex.response.output_text.delta"))
          .forEach(f -> text.append(Json.parse(f[1]).path("delta").asString()));
      assertThat(text.toString()).isEqualTo("Cortex has no observer events yet.");
      // the model was asked with the observer status as grounding
      assertThat(model.requests().getFirst().messages().getFirst().text())
          .contains("why is cortex on hold?")
          .contains("reason_code=cortex_observer_events_missing");

      JsonNode after = json(send(server, "GET", "/cortex/status", null, null));
      assertThat(after.path("health_state").asString()).isEqualTo("healthy");
      assertThat(after.path("rollout_gate").asString()).isEqualTo("pass");
      assertThat(after.path("reason_code").asString()).isEqualTo("cortex_ready");
      assertThat(after.path("event_type_counts").path("cortex.chat.request").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aBlankCortexInputIsRejectedBeforeAnyModelCall() throws Exception {
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      for (String body : List.of("{\"input\":\"   \"}", "{}", "{\"input\":3}")) {
        HttpResponse<String> r = send(server, "POST", "/cortex/chat", null, body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(json(r).path("error").path("code").asString()).isEqualTo("invalid_cortex_input");
        assertThat(json(r).path("error").path("message").asString())
            .isEqualTo("input must be non-empty");
      }
      HttpResponse<String> tooLong =
          send(server, "POST", "/cortex/chat", null, "{\"input\":\"" + "a".repeat(32_001) + "\"}");
      assertThat(tooLong.statusCode()).isEqualTo(413);
      assertThat(model.requests()).isEmpty();
      assertThat(
              json(send(server, "GET", "/cortex/status", null, null))
                  .path("reason_code")
                  .asString())
          .isEqualTo("cortex_observer_events_missing");
    }
  }

  @Test
  void aProviderFailureStreamsAFailedEventAndStillRecordsTheChat() throws Exception {
    model.fail(new ProviderException.ConnectionFailed("openai", "connection refused", null));
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV)) {
      HttpResponse<String> chat =
          send(server, "POST", "/cortex/chat", null, "{\"input\":\"hello\"}");
      assertThat(chat.statusCode()).isEqualTo(200);
      List<String[]> frames = frames(chat.body());
      assertThat(frames.stream().map(f -> f[0]).toList())
          .containsExactly("cortex.response.created", "cortex.response.failed", "done");
      JsonNode failed = Json.parse(frames.get(1)[1]);
      assertThat(failed.path("error").path("code").asString())
          .isEqualTo("provider_connection_failed");
      assertThat(failed.path("reason_code").asString()).isEqualTo("cortex_chat_llm_error_fallback");
      JsonNode status = json(send(server, "GET", "/cortex/status", null, null));
      assertThat(status.path("recent_events").get(0).path("metadata").path("fallback").asBoolean())
          .isTrue();
    }
  }

  @Test
  void aCortexChatWaitingOnAHungModelEndsWhenTheGatewayDrains() throws Exception {
    model.hangUntilCancelled("thinking");
    GatewayServer server = start(AuthMode.LOCALHOST_DEV);
    try {
      var pending =
          GatewayTestSupport.client()
              .sendAsync(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + server.port() + "/cortex/chat"))
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\":\"hi\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      while (model.requests().isEmpty()) {
        Thread.sleep(20); // until the model call is under way
      }
      assertThat(server.stop()).as("drained within the drain timeout").isTrue();
      String body = pending.get(30, java.util.concurrent.TimeUnit.SECONDS).body();
      List<String[]> frames = frames(body);
      assertThat(frames.stream().map(f -> f[0]).toList())
          .containsExactly(
              "cortex.response.created",
              "cortex.response.output_text.delta",
              "cortex.response.failed",
              "done");
      assertThat(Json.parse(frames.get(2)[1]).path("error").path("code").asString())
          .isEqualTo("cancelled");
    } finally {
      server.stop();
    }
  }

  @Test
  void metricsCountRequestsAuthFailuresAndRateLimitsInPrometheusText() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    GatewayServices services =
        new GatewayServices(
            Agent.builder(AgentConfig.of("echo"), model).clock(clock).build(),
            new InMemorySessionStore(clock),
            "scripted/echo",
            clock,
            IdSource.sequential(),
            model);
    try (GatewayServer server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.TOKEN, root.resolve("gateway"), 4), services)) {
      send(server, "GET", "/gateway/status", GatewayTestSupport.TOKEN, null);
      send(server, "GET", "/gateway/status", GatewayTestSupport.TOKEN, null);
      send(server, "GET", "/gateway/status", "wrong", null);
      send(server, "GET", "/healthz", null, null);
      send(server, "GET", "/no-such-page-1", null, null);
      send(server, "GET", "/no-such-page-2", null, null);
      HttpResponse<String> metrics =
          send(server, "GET", "/metrics", GatewayTestSupport.TOKEN, null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).doesNotContain("no-such-page");
      assertThat(metrics.headers().firstValue("content-type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains(
              "tau_gateway_http_requests_total{route=\"/gateway/status\",method=\"GET\",status=\"200\"} 2\n")
          .contains(
              "tau_gateway_http_requests_total{route=\"/gateway/status\",method=\"GET\",status=\"401\"} 1\n")
          .contains(
              "tau_gateway_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n")
          .contains(
              "tau_gateway_http_requests_total{route=\"(unmatched)\",method=\"GET\",status=\"404\"} 2\n")
          .contains(
              "tau_gateway_http_request_duration_seconds_count{route=\"/gateway/status\",method=\"GET\"} 3\n")
          .contains("tau_gateway_auth_failures_total 1\n")
          .contains("tau_gateway_http_requests_in_flight 1\n")
          .contains("tau_gateway_rate_limited_requests_total 0\n");

      // 3 of 4 allowed requests used: one more passes, the next two are refused
      send(server, "GET", "/gateway/status", GatewayTestSupport.TOKEN, null);
      assertThat(
              send(server, "GET", "/gateway/status", GatewayTestSupport.TOKEN, null).statusCode())
          .isEqualTo(429);
      assertThat(send(server, "GET", "/metrics", GatewayTestSupport.TOKEN, null).statusCode())
          .isEqualTo(429);
      clock.advance(Duration.ofSeconds(61)); // a new window
      String later = send(server, "GET", "/metrics", GatewayTestSupport.TOKEN, null).body();
      assertThat(later)
          .contains("tau_gateway_rate_limited_requests_total 2\n")
          .contains(
              "tau_gateway_http_requests_total{route=\"/gateway/status\",method=\"GET\",status=\"429\"} 1\n")
          .contains(
              "tau_gateway_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"429\"} 1\n");
    }
  }
}
