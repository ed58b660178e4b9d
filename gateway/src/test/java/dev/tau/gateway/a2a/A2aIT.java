package dev.tau.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.guardrail.GuardrailMode;
import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import dev.tau.gateway.GatewayServer;
import dev.tau.gateway.GatewayServices;
import dev.tau.gateway.GatewayTestSupport;
import dev.tau.gateway.auth.AuthMode;
import dev.tau.guardrails.Guardrail;
import dev.tau.guardrails.GuardrailPolicy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The ping, the agent card and the JSON-RPC endpoint over real HTTP on a loopback gateway. */
class A2aIT {
  @TempDir Path dir;
  private GatewayServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private GatewayServer start(AuthMode mode) {
    server =
        GatewayServer.start(
            GatewayTestSupport.config(mode, dir, 10_000), GatewayTestSupport.offlineServices());
    return server;
  }

  private HttpResponse<String> post(String path, String bearer, String version, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (version != null) {
      b.header("A2A-Version", version);
    }
    return GatewayTestSupport.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode rpc(String version, String method, String params) throws Exception {
    var r =
        post(
            "/a2a",
            null,
            version,
            "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}");
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.parse(r.body());
  }

  /** The {@code data:} payloads of an SSE answer, in order. */
  private List<JsonNode> stream(String version, String method, String params) throws Exception {
    var r =
        post(
            "/a2a",
            null,
            version,
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: ")) {
        JsonNode event = Json.parse(line.substring(6));
        assertThat(event.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(event.path("id").asInt()).isEqualTo(7);
        events.add(event.path("result"));
      }
    }
    return events;
  }

  private static String message(String text, String contextId) {
    return "{\"message\":{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"m-1\","
        + (contextId == null ? "" : "\"contextId\":\"" + contextId + "\",")
        + "\"parts\":[{\"kind\":\"text\",\"text\":\""
        + text
        + "\"}]}}";
  }

  @Test
  void runbookPingIsAcknowledgedAndEachMissingFieldIsA400WithTheSpecMessage() throws Exception {
    start(AuthMode.LOCALHOST_DEV);
    var ok =
        post(
            "/v1/a2a/ping",
            null,
            null,
            "{\"from_agent\":\"ops\",\"to_agent\":\"zavora\",\"message_id\":\"ping-1\",\"payload\":{}}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .isEqualTo(
            "{\"from_agent\":\"zavora\",\"to_agent\":\"ops\",\"message_id\":\"ack-ping-1\","
                + "\"correlation_id\":\"ping-1\",\"acknowledged_message_id\":\"ping-1\","
                + "\"status\":\"acknowledged\","
                + "\"payload\":{\"accepted\":true,\"protocol\":\"zavora-a2a-v1\"}}");
    String[][] cases = {
      {"{\"to_agent\":\"z\",\"message_id\":\"m\"}", "from_agent is required for A2A ping"},
      {
        "{\"from_agent\":\"o\",\"to_agent\":\" \",\"message_id\":\"m\"}",
        "to_agent is required for A2A ping"
      },
      {"{\"from_agent\":\"o\",\"to_agent\":\"z\"}", "message_id is required for A2A ping"},
    };
    for (String[] c : cases) {
      var r = post("/v1/a2a/ping", null, null, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"" + c[1] + "\"}");
    }
    assertThat(post("/v1/a2a/ping", null, null, "{not json").statusCode()).isEqualTo(400);
  }

  @Test
  void pingEventsReachTheServicesListenerReceivedBeforeValidation() throws Exception {
    var plain = GatewayTestSupport.offlineServices();
    RecordingEvents events = new RecordingEvents();
    server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir, 10_000),
            new GatewayServices(
                plain.agent(),
                plain.sessions(),
                plain.model(),
                plain.clock(),
                plain.ids(),
                plain.provider(),
                plain.guardrail(),
                events));
    post(
        "/v1/a2a/ping",
        null,
        null,
        "{\"from_agent\":\"o\",\"to_agent\":\"z\",\"message_id\":\"p\"}");
    post("/v1/a2a/ping", null, null, "{\"from_agent\":\"o\"}");
    assertThat(events.seen)
        .containsExactly("received(o,z,p)", "responded(ack-p,acknowledged)", "received(o,,)");
  }

  @Test
  void tokenModeProtectsThePingAndJsonRpcButNotTheAgentCard() throws Exception {
    start(AuthMode.TOKEN);
    String ping = "{\"from_agent\":\"o\",\"to_agent\":\"z\",\"message_id\":\"m\"}";
    assertThat(post("/v1/a2a/ping", null, null, ping).statusCode()).isEqualTo(401);
    assertThat(post("/v1/a2a/ping", GatewayTestSupport.TOKEN, null, ping).statusCode())
        .isEqualTo(200);
    assertThat(post("/a2a", null, null, "{}").statusCode()).isEqualTo(401);
    for (String path : List.of("/.well-known/agent-card.json", "/.well-known/agent.json")) {
      var card = GatewayTestSupport.send(server, "GET", path, null, null);
      assertThat(card.statusCode()).as(path).isEqualTo(200);
      assertThat(card.body()).doesNotContain(GatewayTestSupport.TOKEN);
      JsonNode json = Json.parse(card.body());
      assertThat(json.path("url").asString())
          .isEqualTo("http://127.0.0.1:" + server.port() + "/a2a");
      assertThat(json.path("securitySchemes").path("bearer").path("type").asString())
          .isEqualTo("http");
      assertThat(json.path("defaultInputModes").get(0).asString()).isEqualTo("text/plain");
      assertThat(json.path("skills").get(0).path("id").asString()).isEqualTo("agent-turn");
    }
  }

  @Test
  void messageSendRunsOneTurnOnTheContextSessionAndTasksGetReturnsTheTask() throws Exception {
    start(AuthMode.LOCALHOST_DEV);
    JsonNode sent = rpc(null, "message/send", message("hello there", "ctx-42"));
    assertThat(sent.path("id").asString()).isEqualTo("r1");
    JsonNode task = sent.path("result");
    assertThat(task.path("kind").asString()).isEqualTo("task");
    assertThat(task.path("contextId").asString()).isEqualTo("ctx-42");
    assertThat(task.path("status").path("state").asString()).isEqualTo("completed");
    String answer = task.path("artifacts").get(0).path("parts").get(0).path("text").asString();
    assertThat(answer).contains("hello there");
    assertThat(task.path("history").get(0).path("role").asString()).isEqualTo("user");
    assertThat(task.path("history").get(1).path("role").asString()).isEqualTo("agent");

    JsonNode got = rpc(null, "tasks/get", "{\"id\":\"" + task.path("id").asString() + "\"}");
    assertThat(got.path("result").path("id").asString()).isEqualTo(task.path("id").asString());
    assertThat(got.path("result").path("status").path("state").asString()).isEqualTo("completed");
    JsonNode shortHistory =
        rpc(
            null,
            "tasks/get",
            "{\"id\":\"" + task.path("id").asString() + "\",\"historyLength\":1}");
    assertThat(shortHistory.path("result").path("history")).hasSize(1);

    // the context is the session: the turn is persisted there, and a second message continues it
    rpc(null, "message/send", message("second", "ctx-42"));
    var session = server.context().services().sessions().recentEvents(SessionId.of("ctx-42"), 100);
    assertThat(session.size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void messageStreamSendsTaskThenWorkingThenArtifactChunksThenFinalCompleted() throws Exception {
    start(AuthMode.LOCALHOST_DEV);
    List<JsonNode> events = stream(null, "message/stream", message("stream me", null));
    assertThat(events.size()).isGreaterThanOrEqualTo(4);
    assertThat(events.get(0).path("kind").asString()).isEqualTo("task");
    assertThat(events.get(0).path("status").path("state").asString()).isEqualTo("submitted");
    assertThat(events.get(1).path("kind").asString()).isEqualTo("status-update");
    assertThat(events.get(1).path("status").path("state").asString()).isEqualTo("working");
    assertThat(events.get(1).path("final").asBoolean()).isFalse();
    List<JsonNode> chunks = events.subList(2, events.size() - 1);
    assertThat(chunks)
        .isNotEmpty()
        .allMatch(e -> e.path("kind").asString().equals("artifact-update"));
    assertThat(chunks.get(chunks.size() - 1).path("lastChunk").asBoolean()).isTrue();
    StringBuilder text = new StringBuilder();
    chunks.forEach(
        c -> text.append(c.path("artifact").path("parts").get(0).path("text").asString()));
    assertThat(text.toString()).contains("stream me");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("kind").asString()).isEqualTo("status-update");
    assertThat(last.path("status").path("state").asString()).isEqualTo("completed");
    assertThat(last.path("final").asBoolean()).isTrue();
    String taskId = events.get(0).path("id").asString();
    assertThat(events)
        .allMatch(
            e ->
                e.path("taskId").asString("").isEmpty()
                    || e.path("taskId").asString().equals(taskId));
  }

  @Test
  void v10NamesNeedTheVersionHeaderAndAnswerInTheV10Shape() throws Exception {
    start(AuthMode.LOCALHOST_DEV);
    String v1Message =
        "{\"message\":{\"role\":\"ROLE_USER\",\"messageId\":\"m-9\",\"contextId\":\"c-v1\","
            + "\"parts\":[{\"text\":\"version one\"}]}}";
    JsonNode refused = rpc(null, "SendMessage", v1Message);
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(refused.path("error").path("message").asString()).contains("A2A-Version: 1.0");

    JsonNode sent = rpc("1.0", "SendMessage", v1Message);
    JsonNode task = sent.path("result").path("task");
    assertThat(task.has("kind")).isFalse();
    assertThat(task.path("status").path("state").asString()).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(task.path("history").get(0).path("role").asString()).isEqualTo("ROLE_USER");
    JsonNode got = rpc("1.0", "GetTask", "{\"id\":\"" + task.path("id").asString() + "\"}");
    assertThat(got.path("result").path("id").asString()).isEqualTo(task.path("id").asString());

    List<JsonNode> events = stream("1.0", "SendStreamingMessage", v1Message);
    assertThat(events.get(0).has("task")).isTrue();
    assertThat(events.get(1).path("statusUpdate").path("status").path("state").asString())
        .isEqualTo("TASK_STATE_WORKING");
    assertThat(events.get(2).has("artifactUpdate")).isTrue();
    assertThat(
            events
                .get(events.size() - 1)
                .path("statusUpdate")
                .path("status")
                .path("state")
                .asString())
        .isEqualTo("TASK_STATE_COMPLETED");

    assertThat(rpc("9.9", "SendMessage", v1Message).path("error").path("code").asInt())
        .isEqualTo(-32009);
  }

  @Test
  void aBlockedInputFailsTheTaskWithTheGuardrailMessageAndNeverReachesTheSession()
      throws Exception {
    var plain = GatewayTestSupport.offlineServices();
    var guarded =
        new GatewayServices(
            plain.agent(),
            plain.sessions(),
            plain.model(),
            plain.clock(),
            plain.ids(),
            plain.provider(),
            new Guardrail(
                new GuardrailPolicy(
                    GuardrailMode.BLOCK, GuardrailMode.DISABLED, List.of("password"), "[REDACTED]"),
                event -> {}));
    server =
        GatewayServer.start(
            GatewayTestSupport.config(AuthMode.LOCALHOST_DEV, dir, 10_000), guarded);
    JsonNode task = rpc(null, "message/send", message("my password is x", "ctx-g")).path("result");
    assertThat(task.path("status").path("state").asString()).isEqualTo("failed");
    assertThat(task.path("status").path("message").path("parts").get(0).path("text").asString())
        .contains("guardrail");
    assertThat(plain.sessions().recentEvents(SessionId.of("ctx-g"), 10)).isEmpty();
  }

  @Test
  void protocolErrorsUseTheStandardJsonRpcCodes() throws Exception {
    start(AuthMode.LOCALHOST_DEV);
    JsonNode parse = Json.parse(post("/a2a", null, null, "{oops").body());
    assertThat(parse.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(parse.path("id").isNull()).isTrue();
    JsonNode invalid =
        Json.parse(post("/a2a", null, null, "{\"jsonrpc\":\"1.0\",\"id\":1}").body());
    assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
    JsonNode batch = Json.parse(post("/a2a", null, null, "[]").body());
    assertThat(batch.path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(rpc(null, "tasks/cancel", "{}").path("error").path("code").asInt())
        .isEqualTo(-32601);
    assertThat(rpc(null, "message/send", "{}").path("error").path("code").asInt())
        .isEqualTo(-32602);
    JsonNode imageOnly =
        rpc(
            null,
            "message/send",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"kind\":\"file\"}]}}");
    assertThat(imageOnly.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(imageOnly.path("error").path("message").asString()).contains("parts[0]");
    JsonNode missing = rpc(null, "tasks/get", "{\"id\":\"task-nope\"}");
    assertThat(missing.path("error").path("code").asInt()).isEqualTo(-32001);
    assertThat(missing.path("id").asString()).isEqualTo("r1");
  }
}
