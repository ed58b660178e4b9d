package dev.tau.gateway.ui;

import static dev.tau.gateway.GatewayTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.agent.Agent;
import dev.tau.agent.AgentConfig;
import dev.tau.core.json.Json;
import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.model.Usage;
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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /gateway/sessions} and {@code GET /gateway/sessions/{key}} over real HTTP. */
class SessionsRoutesIT {
  private static final String TOKEN = GatewayTestSupport.TOKEN;

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final InMemorySessionStore store = new InMemorySessionStore(clock);

  private GatewayServer start() {
    OfflineProvider provider = new OfflineProvider(IdSource.sequential());
    Agent agent = Agent.builder(AgentConfig.of("echo"), provider).clock(clock).build();
    return GatewayServer.start(
        GatewayTestSupport.config(AuthMode.TOKEN, dir.resolve("gateway"), 10_000),
        new GatewayServices(agent, store, "offline/echo", clock, IdSource.sequential(), provider));
  }

  private void conversation(String id, String question, String answer) {
    store.append(
        SessionId.of(id),
        List.of(
            new SessionEvent.MessageAppended(clock.instant(), Message.user(question)),
            new SessionEvent.MessageAppended(clock.instant(), Message.assistant(answer)),
            new SessionEvent.UsageRecorded(clock.instant(), "echo", new Usage(12, 3, 0))));
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void listsSessionsMostRecentlyUpdatedFirstWithTheirLastQuestion() throws Exception {
    conversation("older", "first question", "first answer");
    conversation("newer", "second question", "second answer");
    try (GatewayServer server = start()) {
      HttpResponse<String> response = send(server, "GET", "/gateway/sessions", TOKEN, null);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Json.parse(response.body());
      assertThat(body.path("total").asInt()).isEqualTo(2);
      assertThat(body.path("limit").asInt()).isEqualTo(50);
      JsonNode first = body.path("sessions").get(0);
      assertThat(first.path("session_key").asString()).isEqualTo("newer");
      assertThat(first.path("preview").asString()).isEqualTo("second question");
      assertThat(first.path("event_count").asLong()).isEqualTo(3);
      assertThat(first.path("updated_unix_ms").asLong())
          .isEqualTo(Instant.parse("2025-03-01T10:01:00Z").toEpochMilli());
      assertThat(body.path("sessions").get(1).path("session_key").asString()).isEqualTo("older");
    }
  }

  @Test
  void theLimitIsClampedAndMustBeANumber() throws Exception {
    conversation("a", "q", "a");
    conversation("b", "q", "a");
    try (GatewayServer server = start()) {
      JsonNode one =
          Json.parse(send(server, "GET", "/gateway/sessions?limit=1", TOKEN, null).body());
      assertThat(one.path("sessions")).hasSize(1);
      JsonNode clamped =
          Json.parse(send(server, "GET", "/gateway/sessions?limit=0", TOKEN, null).body());
      assertThat(clamped.path("limit").asInt()).isEqualTo(1);
      assertThat(
              Json.parse(send(server, "GET", "/gateway/sessions?limit=9999", TOKEN, null).body())
                  .path("limit")
                  .asInt())
          .isEqualTo(200);

      HttpResponse<String> bad = send(server, "GET", "/gateway/sessions?limit=ten", TOKEN, null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(Json.parse(bad.body()).path("error").path("param").asString()).isEqualTo("limit");
    }
  }

  @Test
  void aSessionsDetailGivesItsMessagesWithToolCallsResultsAndUsage() throws Exception {
    ToolCall call = new ToolCall("call_1", "clock", "{\"zone\":\"UTC\"}");
    store.append(
        SessionId.of("work"),
        List.of(
            new SessionEvent.MessageAppended(clock.instant(), Message.user("what time is it?")),
            new SessionEvent.MessageAppended(
                clock.instant(), new Message.Assistant(List.of(), List.of(call))),
            new SessionEvent.UsageRecorded(clock.instant(), "echo", new Usage(10, 2, 0)),
            new SessionEvent.MessageAppended(
                clock.instant(), Message.toolResult(call, "10:00 UTC", false)),
            new SessionEvent.MessageAppended(
                clock.instant(), Message.assistant("It is **10:00**.")),
            new SessionEvent.UsageRecorded(clock.instant(), "echo", new Usage(20, 5, 0))));
    try (GatewayServer server = start()) {
      HttpResponse<String> response = send(server, "GET", "/gateway/sessions/work", TOKEN, null);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Json.parse(response.body());
      assertThat(body.path("session_key").asString()).isEqualTo("work");
      assertThat(body.path("title").asString()).isEqualTo("what time is it?");
      assertThat(body.path("truncated").asBoolean()).isFalse();
      JsonNode messages = body.path("messages");
      assertThat(messages).hasSize(4);
      assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
      JsonNode toolCall = messages.get(1).path("tool_calls").get(0);
      assertThat(toolCall.path("id").asString()).isEqualTo("call_1");
      assertThat(toolCall.path("name").asString()).isEqualTo("clock");
      assertThat(toolCall.path("arguments").asString()).isEqualTo("{\"zone\":\"UTC\"}");
      assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
      assertThat(messages.get(2).path("tool_call_id").asString()).isEqualTo("call_1");
      assertThat(messages.get(2).path("text").asString()).isEqualTo("10:00 UTC");
      assertThat(messages.get(2).path("is_error").asBoolean()).isFalse();
      assertThat(messages.get(3).path("text").asString()).isEqualTo("It is **10:00**.");
      assertThat(body.path("usage").path("total_tokens").asLong()).isEqualTo(37);

      JsonNode lastTwo =
          Json.parse(send(server, "GET", "/gateway/sessions/work?limit=2", TOKEN, null).body());
      assertThat(lastTwo.path("truncated").asBoolean()).isTrue();
      assertThat(lastTwo.path("messages")).hasSize(1);
    }
  }

  @Test
  void anUnknownSessionIsNotFoundAndABadKeyIsRefused() throws Exception {
    try (GatewayServer server = start()) {
      HttpResponse<String> missing = send(server, "GET", "/gateway/sessions/nobody", TOKEN, null);
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonNode error = Json.parse(missing.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("session_not_found");
      assertThat(error.path("message").asString()).isEqualTo("session 'nobody' not found");

      HttpResponse<String> bad = send(server, "GET", "/gateway/sessions/a%20b", TOKEN, null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(Json.parse(bad.body()).path("error").path("param").asString())
          .isEqualTo("session_key");
    }
  }

  @Test
  void sessionsNeedTheBearerInTokenMode() throws Exception {
    conversation("private", "secret plans", "ok");
    try (GatewayServer server = start()) {
      for (String path : List.of("/gateway/sessions", "/gateway/sessions/private")) {
        HttpResponse<String> anonymous = send(server, "GET", path, null, null);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("secret plans");
      }
    }
  }
}
