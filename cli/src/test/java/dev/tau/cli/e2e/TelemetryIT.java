package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import dev.tau.testkit.fakes.FakeToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The runbook's telemetry steps: events written by real runs, then {@code telemetry report}. */
class TelemetryIT {
  private static final String EVENTS = ".zavora/telemetry/events.jsonl";

  @TempDir Path work;

  @Test
  void theReportCountsWhatTheSessionDid() throws Exception {
    // the runbook's production profile points telemetry at .zavora/
    Files.createDirectories(work.resolve(".tau"));
    Files.writeString(
        work.resolve(".tau/config.toml"),
        "[profiles.default]\ntelemetry_enabled = true\ntelemetry_path = \"" + EVENTS + "\"\n");
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(
          FakeReply.toolCalls(
              new FakeToolCall("c1", "ls", "{\"path\":\".\"}"),
              new FakeToolCall("c2", "read", "{\"path\":\"missing.txt\"}")));
      fake.enqueue(FakeReply.text("There is a .tau directory."));
      fake.enqueue(FakeReply.error(401, "Incorrect API key provided"));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-telemetry-secret-123");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());

      var ask =
          TauProcess.run(
              work,
              env,
              null,
              "--model",
              "openai/gpt-4o-mini",
              "--telemetry-path",
              EVENTS,
              "ask",
              "what files are in the confidential workspace");
      assertThat(ask.exitCode()).as(ask.stderr()).isZero();
      var failing =
          TauProcess.run(work, env, null, "--model", "openai/gpt-4o-mini", "ask", "hi again");
      assertThat(failing.exitCode()).isEqualTo(10);

      String file = Files.readString(work.resolve(EVENTS));
      assertThat(file)
          .doesNotContain("sk-telemetry-secret-123")
          .doesNotContain("confidential workspace");
      List<JsonNode> events = file.lines().map(Json::parse).toList();
      assertThat(events.getFirst().get("event").asString()).isEqualTo("command.started");
      assertThat(events.getFirst().propertyNames().iterator().next()).isEqualTo("ts_unix_ms");
      assertThat(events)
          .anySatisfy(
              e -> {
                assertThat(e.get("event").asString()).isEqualTo("model.resolved");
                assertThat(e.get("provider").asString()).isEqualTo("openai");
                assertThat(e.get("path").asString()).isEqualTo("ask");
              });

      var report = TauProcess.run(work, env, null, "telemetry", "report", "--limit", "2000");
      assertThat(report.exitCode()).as(report.stderr()).isZero();
      // the report's own command.started is in the file by the time it reads it
      assertThat(report.stdout().lines())
          .startsWith("Telemetry report", "Path: " + EVENTS)
          .contains(
              "Lines in file: " + (events.size() + 1),
              "Events analyzed: " + (events.size() + 1) + " (parse_errors=0)",
              "Unique runs: 3",
              "Command outcomes: completed=1 failed=1",
              "Tool lifecycle: requested=2 succeeded=1 failed=1",
              "Top commands:",
              "- telemetry.report: 1");
      assertThat(report.stdout()).containsPattern("(?m)^- ask: \\d+$");
      assertThat(report.stdout()).containsPattern("(?m)^Last event ts_unix_ms: \\d{13}$");
    }
  }

  @Test
  void disabledTelemetryWritesNothingAndTheReportSaysSo() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    var ask = TauProcess.run(work, env, null, "--telemetry-enabled", "false", "ask", "hello");
    assertThat(ask.exitCode()).as(ask.stderr()).isZero();
    assertThat(work.resolve(".tau/telemetry")).doesNotExist();

    var report =
        TauProcess.run(work, env, null, "--telemetry-enabled", "false", "telemetry", "report");
    assertThat(report.exitCode()).isZero();
    assertThat(report.stdout().strip())
        .isEqualTo("No telemetry file found at '.tau/telemetry/events.jsonl'.");
  }

  @Test
  void theGatewayRecordsItsStartAndTheToolCallsOfEachRequest() throws Exception {
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(FakeReply.toolCalls(new FakeToolCall("c1", "ls", "{\"path\":\".\"}")));
      fake.enqueue(FakeReply.text("One folder."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-telemetry-secret-456");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());
      env.put("TAU_MODEL", "openai/gpt-4o-mini");
      int port = GatewayProcessIT.freePort();
      Process gateway =
          GatewayProcessIT.start(
              work,
              env,
              List.of(
                  "--telemetry-path",
                  EVENTS,
                  "server",
                  "serve",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port)));
      try {
        GatewayProcessIT.awaitUp(port, gateway, work);
        var response =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/v1/responses"))
                        .header("Content-Type", "application/json")
                        .POST(
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"input\":\"list the secret project files\"}"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      } finally {
        gateway.toHandle().destroy();
      }
      assertThat(gateway.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      String file = Files.readString(work.resolve(EVENTS));
      assertThat(file).doesNotContain("sk-telemetry-secret-456").doesNotContain("secret project");
      List<String> names = file.lines().map(l -> Json.parse(l).get("event").asString()).toList();
      assertThat(names)
          .containsSubsequence(
              "command.started",
              "server.started",
              "tool.requested",
              "tool.succeeded",
              "command.completed");
      JsonNode started =
          file.lines()
              .map(Json::parse)
              .filter(e -> e.get("event").asString().equals("server.started"))
              .findFirst()
              .orElseThrow();
      assertThat(started.get("command").asString()).isEqualTo("server.serve");
      assertThat(started.get("port").asInt()).isEqualTo(port);
    }
  }
}
