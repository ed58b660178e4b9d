package dev.tau.gateway.ui;

import static dev.tau.gateway.GatewayTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import dev.tau.core.util.IdSource;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.llm.offline.OfflineProvider;
import dev.tau.store.memory.InMemorySessionStore;
import dev.tau.testkit.store.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /dashboard/stream} over real HTTP. */
class DashboardStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private GatewayServer start(AuthMode mode, Clock clock, InMemorySessionStore store) {
    OfflineProvider provider = new OfflineProvider(IdSource.sequential());
    Agent agent = Agent.builder(AgentConfig.of("echo"), provider).clock(clock).build();
    return GatewayServer.start(
        GatewayTestSupport.config(mode, dir.resolve("gateway"), 10_000),
        new GatewayServices(agent, store, "offline/echo", clock, IdSource.random(), provider));
  }

  private static JsonNode snapshot(SseClient.Frame frame) {
    assertThat(frame.event()).isEqualTo("dashboard.snapshot");
    return Json.parse(frame.data());
  }

  private static JsonNode component(JsonNode snapshot, String id) {
    for (JsonNode c : snapshot.path("components")) {
      if (c.path("component").asString().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no component " + id + " in " + snapshot);
  }

  @Test
  void theFirstSnapshotShowsAHealthyGatewayEveryComponentAndRecentSessions() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemorySessionStore store = new InMemorySessionStore(clock);
    store.append(
        SessionId.of("recent-one"),
        List.of(new SessionEvent.MessageAppended(clock.instant(), Message.user("hello there"))));
    try (GatewayServer server = start(AuthMode.LOCALHOST_DEV, clock, store);
        SseClient stream = new SseClient(server.port(), "/dashboard/stream", null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      assertThat(stream.header("Cache-Control")).isEqualTo("no-store");

      JsonNode first = snapshot(stream.next(WAIT));

      assertThat(first.path("health_state").asString()).isEqualTo("healthy");
      assertThat(first.path("rollout_gate").asString()).isEqualTo("pass");
      assertThat(first.path("components").findValuesAsString("component"))
          .containsExactly("gateway", "cortex", "multi_channel", "events", "deployment");
      assertThat(component(first, "gateway").path("rollout_gate").asString()).isEqualTo("pass");
      JsonNode cortex = component(first, "cortex");
      assertThat(cortex.path("health_state").asString()).isEqualTo("failing");
      assertThat(cortex.path("reason_code").asString()).isEqualTo("cortex_observer_events_missing");
      JsonNode deployment = component(first, "deployment");
      assertThat(deployment.path("health_state").asString()).isEqualTo("unknown");
      assertThat(deployment.path("reason_code").asString()).isEqualTo("state_unavailable");
      assertThat(component(first, "multi_channel").path("reason_code").asString())
          .isEqualTo("state_unavailable");
      assertThat(first.path("gateway").path("model").asString()).isEqualTo("offline/echo");
      assertThat(first.path("gateway").path("auth_mode").asString()).isEqualTo("localhost-dev");
      assertThat(first.path("sessions").path("count").asInt()).isEqualTo(1);
      JsonNode session = first.path("sessions").path("recent").get(0);
      assertThat(session.path("session_key").asString()).isEqualTo("recent-one");
      assertThat(session.path("preview").asString()).isEqualTo("hello there");
      assertThat(first.path("traffic").path("requests")).hasSize(60);
    }
  }

  @Test
  void theStatusBlockAndTheDashboardCardShowTheDeploymentStateDirTheGatewayIsGiven()
      throws Exception {
    Path deploymentDir = dir.resolve("elsewhere").resolve("deployment");
    dev.tau.gateway.status.DeploymentHealthStatusTest.writeDegradedRunner(deploymentDir);
    Clock clock = Clock.systemUTC();
    InMemorySessionStore store = new InMemorySessionStore(clock);
    OfflineProvider provider = new OfflineProvider(IdSource.sequential());
    Agent agent = Agent.builder(AgentConfig.of("echo"), provider).clock(clock).build();
    try (GatewayServer server =
            GatewayServer.start(
                GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir.resolve("gateway"), 10_000)
                    .withDeploymentStateDir(deploymentDir),
                new GatewayServices(
                    agent, store, "offline/echo", clock, IdSource.random(), provider));
        SseClient stream = new SseClient(server.port(), "/dashboard/stream", null)) {
      var response = send(server, "GET", "/gateway/status", null, null);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode block = Json.parse(response.body()).path("deployment");
      assertThat(block.path("state_path").asString())
          .isEqualTo(deploymentDir.resolve("state.json").toString());
      assertThat(block.path("health_state").asString()).isEqualTo("degraded");
      assertThat(block.path("rollout_gate").asString()).isEqualTo("hold");
      assertThat(block.path("failure_streak").asLong()).isEqualTo(1);
      assertThat(block.path("last_cycle_failed").asLong()).isEqualTo(1);
      assertThat(block.path("queue_depth").asLong()).isEqualTo(2);
      assertThat(block.path("wasm_rollout_count").asLong()).isEqualTo(1);
      assertThat(block.path("cloud_rollout_count").asLong()).isEqualTo(2);
      assertThat(block.path("freshness").path("state_updated_unix_ms").asLong())
          .isEqualTo(1_760_000_040_000L);
      assertThat(block.path("freshness").path("state_age_ms").asLong()).isPositive();

      JsonNode card = component(snapshot(stream.next(WAIT)), "deployment");
      assertThat(card.path("health_state").asString()).isEqualTo("degraded");
      assertThat(card.path("rollout_gate").asString()).isEqualTo("hold");
      assertThat(card.path("reason_code").asString()).isEqualTo("case_processing_failed");
      assertThat(card.path("rollouts").asLong()).isEqualTo(3);
      assertThat(card.path("facts").toString())
          .contains("[\"WASM rollouts\",1]")
          .contains("[\"Cloud rollouts\",2]")
          .contains("[\"Failure streak\",1]");
    }
  }

  @Test
  void aRequestShowsUpInALaterSnapshot() throws Exception {
    Clock clock = Clock.systemUTC();
    try (GatewayServer server = start(AuthMode.TOKEN, clock, new InMemorySessionStore(clock));
        SseClient stream =
            new SseClient(server.port(), "/dashboard/stream", GatewayTestSupport.TOKEN)) {
      JsonNode first = snapshot(stream.next(WAIT));
      long before = first.path("traffic").path("total_requests").asLong();

      assertThat(send(server, "GET", "/gateway/sessions", "wrong-token", null).statusCode())
          .isEqualTo(401);

      JsonNode later = snapshot(stream.next(WAIT));
      JsonNode traffic = later.path("traffic");
      assertThat(traffic.path("total_requests").asLong()).isGreaterThan(before);
      assertThat(traffic.path("total_client_errors").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(later.path("generated_unix_ms").asLong())
          .isGreaterThanOrEqualTo(first.path("generated_unix_ms").asLong());
    }
  }

  @Test
  void theStreamNeedsTheBearerInTokenMode() throws Exception {
    Clock clock = Clock.systemUTC();
    try (GatewayServer server = start(AuthMode.TOKEN, clock, new InMemorySessionStore(clock));
        SseClient stream = new SseClient(server.port(), "/dashboard/stream", "not-the-token")) {
      assertThat(stream.status()).isEqualTo(401);
    }
  }

  @Test
  void theStreamEndsWhenTheGatewayDrainsSoShutdownIsNotHeldUp() throws Exception {
    Clock clock = Clock.systemUTC();
    GatewayServer server = start(AuthMode.LOCALHOST_DEV, clock, new InMemorySessionStore(clock));
    try (SseClient stream = new SseClient(server.port(), "/dashboard/stream", null)) {
      snapshot(stream.next(WAIT));

      CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(server::stop);

      assertThat(drained.get(30, TimeUnit.SECONDS)).as("every stream ended in time").isTrue();
      SseClient.Frame frame;
      do {
        frame = stream.next(WAIT);
      } while (frame != SseClient.Frame.END);
    } finally {
      server.stop();
    }
  }

  @Test
  void anExpiredSessionTokenEndsTheStream() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (GatewayServer server =
        start(AuthMode.PASSWORD_SESSION, clock, new InMemorySessionStore(clock))) {
      String issued =
          send(
                  server,
                  "POST",
                  "/gateway/auth/session",
                  null,
                  Json.write(Json.object().put("password", GatewayTestSupport.PASSWORD)))
              .body();
      String token = Json.parse(issued).path("access_token").asString();
      try (SseClient stream = new SseClient(server.port(), "/dashboard/stream", token)) {
        snapshot(stream.next(WAIT));

        clock.advance(Duration.ofHours(2));

        SseClient.Frame frame;
        do {
          frame = stream.next(WAIT);
        } while (frame != SseClient.Frame.END);
      }
    }
  }
}
