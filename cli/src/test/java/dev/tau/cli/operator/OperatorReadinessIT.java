package dev.tau.cli.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gateway operator deployment guide, run the way an operator runs it: its commands verbatim
 * (with {@code bin/tau} in place of {@code cargo run -p tau-coding-agent --}) in a fresh working
 * directory holding {@code bin/tau} and {@code scripts/dev/…} (links to this repository's files),
 * against a real gateway process on a free port.
 */
class OperatorReadinessIT {
  /** Runbook Step 1, localhost-dev. */
  static final String STEP_1 =
      """
      bin/tau \\
        --model openai/gpt-4o-mini \\
        --gateway-state-dir .tau/gateway \\
        --gateway-openresponses-server \\
        --gateway-openresponses-bind 127.0.0.1:${TAU_GATEWAY_PORT:-8791} \\
        --gateway-openresponses-auth-mode localhost-dev \\
        --gateway-openresponses-max-input-chars 32000
      """;

  /** Runbook Step 1, the production-facing token baseline. */
  static final String STEP_1_TOKEN =
      """
      bin/tau \\
        --model openai/gpt-4o-mini \\
        --gateway-state-dir .tau/gateway \\
        --gateway-openresponses-server \\
        --gateway-openresponses-bind 127.0.0.1:${TAU_GATEWAY_PORT:-8791} \\
        --gateway-openresponses-auth-mode token \\
        --gateway-openresponses-auth-token local-dev-token \\
        --gateway-openresponses-max-input-chars 32000
      """;

  /** Runbook Step 2 (localhost-dev). */
  static final String STEP_2 =
      """
      curl -sS http://127.0.0.1:${TAU_GATEWAY_PORT:-8791}/gateway/status | jq
      curl -sS http://127.0.0.1:${TAU_GATEWAY_PORT:-8791}/cortex/status | jq
      """;

  /** Runbook Step 4. */
  static final String STEP_4 =
      """
      scripts/dev/operator-readiness-live-check.sh \\
        --base-url http://127.0.0.1:${TAU_GATEWAY_PORT:-8791} \\
        --auth-mode none \\
        --expect-gateway-health-state healthy \\
        --expect-gateway-rollout-gate pass \\
        --expect-cortex-health-state failing \\
        --expect-cortex-rollout-gate hold \\
        --expect-operator-health-state failing \\
        --expect-operator-rollout-gate hold
      """;

  /** Runbook Step 6 / Rollback step 1. */
  static final String STOP =
      """
      bin/tau \\
        --gateway-state-dir .tau/gateway \\
        --gateway-service-stop \\
        --gateway-service-stop-reason emergency_rollback
      """;

  /** Rollback step 3. */
  static final String RECHECK =
      """
      scripts/dev/operator-readiness-live-check.sh \\
        --base-url http://127.0.0.1:${TAU_GATEWAY_PORT:-8791} \\
        --auth-mode none \\
        --expect-gateway-health-state healthy \\
        --expect-gateway-rollout-gate pass
      """;

  record Result(int exitCode, String stdout, String stderr) {}

  @TempDir Path work;
  int port;
  Map<String, String> env;
  Process gateway;

  static Path home() {
    return Path.of(System.getProperty("tau.home"));
  }

  @BeforeEach
  void freshWorkingDirectory() throws IOException {
    Files.createDirectories(work.resolve("bin"));
    Files.createSymbolicLink(work.resolve("bin/tau"), home().resolve("bin/tau"));
    Files.createDirectories(work.resolve("scripts/dev"));
    Files.createSymbolicLink(
        work.resolve("scripts/dev/operator-readiness-live-check.sh"),
        home().resolve("scripts/dev/operator-readiness-live-check.sh"));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    env = new HashMap<>(System.getenv());
    for (String key : List.copyOf(env.keySet())) {
      if (key.endsWith("_API_KEY") || key.startsWith("TAU_")) {
        env.remove(key);
      }
    }
    env.put("TAU_SKIP_BUILD", "1");
    env.put("XDG_CACHE_HOME", work.resolve(".cache").toString());
    env.put("OLLAMA_HOST", "http://127.0.0.1:9");
    // the runbook's recommended shell setup
    env.put("OPENAI_API_KEY", "local-dev-placeholder");
    env.put("TAU_GATEWAY_PORT", Integer.toString(port));
    // no accidental call leaves this machine: nothing listens on port 9
    env.put("TAU_OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
  }

  @AfterEach
  void stopGateway() throws InterruptedException {
    stop();
  }

  Result shell(String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 120 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  void start(String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("gateway.out").toFile()));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("gateway.err").toFile()));
    gateway = pb.start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!gateway.isAlive()) {
        throw new AssertionError(
            "gateway exited: " + Files.readString(work.resolve("gateway.err")));
      }
      try {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("gateway did not come up on port " + port);
  }

  void stop() throws InterruptedException {
    if (gateway == null) {
      return;
    }
    gateway.descendants().forEach(ProcessHandle::destroy); // SIGTERM, as an operator's Ctrl-C
    gateway.destroy();
    if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
      gateway.descendants().forEach(ProcessHandle::destroyForcibly);
      gateway.destroyForcibly();
    }
    gateway = null;
  }

  @Test
  void step4PassesOnAFreshGatewayExactlyAsTheRunbookSays() throws Exception {
    start(STEP_1);

    Result step2 = shell(STEP_2);
    assertThat(step2.exitCode()).as(step2.stderr()).isZero();
    assertThat(step2.stdout())
        .contains("\"health_state\": \"healthy\"")
        .contains("\"rollout_gate\": \"pass\"")
        .contains("\"reason_code\": \"cortex_observer_events_missing\"");

    Result step4 = shell(STEP_4);
    assertThat(step4.exitCode()).as(step4.stderr()).isZero();
    assertThat(step4.stdout())
        .startsWith("operator-readiness-live-check\n")
        .contains("base_url=http://127.0.0.1:" + port + "\n")
        .contains("auth_mode=none\n")
        .contains("gateway_health_state=healthy\n")
        .contains("gateway_rollout_gate=pass\n")
        .contains("gateway_reason=guardrail_checks_passing\n")
        .contains("cortex_health_state=failing\n")
        .contains("cortex_rollout_gate=hold\n")
        .contains("cortex_reason_code=cortex_observer_events_missing\n")
        .contains("operator_health_state=failing\n")
        .contains("operator_rollout_gate=hold\n")
        .contains("operator_reason_codes=dashboard:state_unavailable,")
        .endsWith("status=pass\n");
  }

  @Test
  void afterAServiceStopTheRecheckFailsOnTheGatewayGateAndAfterARestartStep4PassesAgain()
      throws Exception {
    start(STEP_1);
    Result stopped = shell(STOP);
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    assertThat(stopped.stdout())
        .contains("service_status=stopped")
        .contains("last_stop_reason=emergency_rollback");

    Result recheck = shell(RECHECK);
    assertThat(recheck.exitCode()).isEqualTo(1);
    assertThat(recheck.stderr())
        .contains(
            "error: gateway status rollout_gate='hold' expected 'pass' (reason='service_stopped')");
    assertThat(recheck.stdout()).isEmpty();

    stop();
    start(STEP_1);
    Result step4 = shell(STEP_4);
    assertThat(step4.exitCode()).as(step4.stderr()).isZero();
    assertThat(step4.stdout()).contains("gateway_rollout_gate=pass").endsWith("status=pass\n");
  }

  @Test
  void inTokenModeACortexChatThroughTheConfiguredModelMakesCortexReady() throws Exception {
    try (FakeOpenAiServer model = new FakeOpenAiServer()) {
      model.enqueue(FakeReply.text("Cortex is ready once a chat is recorded."));
      env.put("TAU_OPENAI_BASE_URL", model.baseUrl().toString());
      start(STEP_1_TOKEN);
      String base = "http://127.0.0.1:" + port;
      String operatorSparse =
          " --expect-operator-health-state failing --expect-operator-rollout-gate hold";

      Result noToken = shell("scripts/dev/operator-readiness-live-check.sh --base-url " + base);
      assertThat(noToken.exitCode()).isEqualTo(1);
      assertThat(noToken.stderr())
          .contains(
              "error: auth token required for token mode (set --auth-token or TAU_OPERATOR_AUTH_TOKEN)");

      Result wrong =
          shell(
              "scripts/dev/operator-readiness-live-check.sh --base-url "
                  + base
                  + " --auth-token nope");
      assertThat(wrong.exitCode()).as("curl's exit code for an HTTP 401").isEqualTo(22);
      assertThat(wrong.stderr()).contains("unauthorized").doesNotContain("local-dev-token");

      HttpResponse<String> chat =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/cortex/chat"))
                      .header("Authorization", "Bearer local-dev-token")
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"is cortex ready?\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.body())
          .contains("event: cortex.response.output_text.delta")
          .contains("event: cortex.response.completed")
          .endsWith("event: done\ndata: [DONE]\n\n");
      assertThat(model.lastRequest().json().path("model").asString()).isEqualTo("gpt-4o-mini");
      assertThat(Json.write(model.lastRequest().json())).contains("is cortex ready?");

      Result ready =
          shell(
              "TAU_OPERATOR_AUTH_TOKEN=local-dev-token scripts/dev/operator-readiness-live-check.sh"
                  + " --base-url "
                  + base
                  + "/"
                  + operatorSparse);
      assertThat(ready.exitCode()).as(ready.stderr()).isZero();
      assertThat(ready.stdout())
          .contains("auth_mode=token")
          .contains("cortex_health_state=healthy")
          .contains("cortex_reason_code=cortex_ready")
          .doesNotContain("local-dev-token");
    }
  }

  @Test
  void theScriptValidatesItsOptionsBeforeCallingAnything() throws Exception {
    String script = "scripts/dev/operator-readiness-live-check.sh";
    Result help = shell(script + " --help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).startsWith("Usage: scripts/dev/operator-readiness-live-check.sh");
    for (String option :
        List.of(
            "--base-url",
            "--auth-mode",
            "--auth-token",
            "--expect-gateway-health-state",
            "--expect-cortex-health-state",
            "--expect-operator-health-state",
            "--expect-gateway-rollout-gate",
            "--expect-cortex-rollout-gate",
            "--expect-operator-rollout-gate",
            "--expect-rollout-gate",
            "--timeout-seconds",
            "--quiet")) {
      assertThat(help.stdout()).contains(option);
    }

    Result unknown = shell(script + " --frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.stderr())
        .startsWith("error: unknown option '--frobnicate'")
        .contains("Usage:");

    Result badTimeout = shell(script + " --auth-mode none --timeout-seconds soon");
    assertThat(badTimeout.exitCode()).isEqualTo(1);
    assertThat(badTimeout.stderr()).contains("--timeout-seconds must be a whole number");

    Result badMode = shell(script + " --auth-mode=basic");
    assertThat(badMode.exitCode()).isEqualTo(1);
    assertThat(badMode.stderr()).contains("--auth-mode must be 'token' or 'none' (got 'basic')");

    Result refused = shell(script + " --auth-mode none --base-url http://127.0.0.1:" + port);
    assertThat(refused.exitCode()).as("curl's exit code for a refused connection").isEqualTo(7);
  }

  @Test
  void theSummaryCommandPrintsTextOrJsonSavesSnapshotsAndHonoursTheGatewayStateDir()
      throws Exception {
    Result orphan = shell("bin/tau --operator-control-summary-json");
    assertThat(orphan.exitCode()).isEqualTo(42);
    assertThat(orphan.stderr())
        .contains("--operator-control-summary-json requires --operator-control-summary");

    Result text =
        shell(
            "bin/tau --operator-control-summary --operator-control-summary-snapshot-out snap.json");
    assertThat(text.exitCode()).as(text.stderr()).isZero();
    assertThat(text.stdout())
        .startsWith("operator control summary: health_state=failing rollout_gate=hold")
        .contains(
            "component=gateway health_state=failing rollout_gate=hold reason_code=state_unavailable");
    assertThat(Json.parse(Files.readString(work.resolve("snap.json"))).path("reason_codes").size())
        .isEqualTo(9);

    assertThat(shell("bin/tau --gateway-state-dir custom/gw --gateway-service-stop").exitCode())
        .isZero();
    Result json =
        shell(
            "bin/tau --gateway-state-dir custom/gw --operator-control-summary"
                + " --operator-control-summary-json");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    assertThat(Json.parse(json.stdout()).path("reason_codes").toString())
        .contains("gateway:service_stopped");
  }

  @Test
  void theGatewayStatusAndTheSummaryShowTheDeploymentStateDirTheyAreGiven() throws Exception {
    Path deployment = work.resolve("custom/dep");
    Files.createDirectories(deployment);
    Files.writeString(
        deployment.resolve("state.json"),
        "{\"schema_version\":1,\"rollouts\":[{\"case_key\":\"a\",\"deploy_target\":\"wasm\"}],"
            + "\"health\":{\"failure_streak\":2,\"last_cycle_failed\":1,\"queue_depth\":1}}");
    Files.writeString(
        deployment.resolve("runtime-events.jsonl"),
        "{\"reason_codes\":[\"case_processing_failed\"]}\n");

    start(STEP_1.strip() + " --deployment-state-dir custom/dep");
    Result status =
        shell("curl -sS http://127.0.0.1:${TAU_GATEWAY_PORT}/gateway/status | jq -c .deployment");
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    JsonNode block = Json.parse(status.stdout());
    assertThat(block.path("state_path").asString())
        .isEqualTo(deployment.resolve("state.json").toString());
    assertThat(block.path("health_state").asString()).isEqualTo("degraded");
    assertThat(block.path("rollout_gate").asString()).isEqualTo("hold");
    assertThat(block.path("failure_streak").asLong()).isEqualTo(2);
    assertThat(block.path("wasm_rollout_count").asLong()).isEqualTo(1);

    Result summary =
        shell(
            "bin/tau --deployment-state-dir custom/dep --operator-control-summary"
                + " --operator-control-summary-json");
    assertThat(summary.exitCode()).as(summary.stderr()).isZero();
    JsonNode report = Json.parse(summary.stdout());
    assertThat(report.path("reason_codes").toString())
        .contains("deployment:case_processing_failed");
    JsonNode component = null;
    for (JsonNode c : report.path("components")) {
      if (c.path("component").asString().equals("deployment")) {
        component = c;
      }
    }
    assertThat(component).isNotNull();
    assertThat(component.path("health_state").asString()).isEqualTo("degraded");
    assertThat(component.path("failure_streak").asLong()).isEqualTo(2);
  }
}
