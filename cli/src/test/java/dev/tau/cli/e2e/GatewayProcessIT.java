package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** The gateway as a process: the fly.toml contract, refusals at start, SIGTERM drain. */
class GatewayProcessIT {
  @TempDir Path work;

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Process start(Path work, Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(TauProcess.launcher().toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(work.resolve("gateway.out").toFile());
    pb.redirectError(work.resolve("gateway.err").toFile());
    return pb.start();
  }

  static HttpResponse<String> get(int port, String path, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void awaitUp(int port, Process process, Path work) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "gateway exited: " + Files.readString(work.resolve("gateway.err")));
      }
      try {
        get(port, "/healthz", null);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("gateway did not come up");
  }

  @Test
  void theFlyManifestStartsATokenGatewayWhoseHealthCheckPassesAndSigtermDrains() throws Exception {
    JsonNode fly =
        new TomlMapper().readTree(Files.readString(TauProcess.home().resolve("fly.toml")));
    Map<String, String> env = TauProcess.cleanEnv(work);
    fly.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
    assertThat(env)
        .containsEntry("TAU_TRANSPORT_MODE", "gateway")
        .containsEntry("TAU_GATEWAY_OPENRESPONSES_AUTH_MODE", "token");
    assertThat(fly.path("http_service").path("internal_port").asInt()).isEqualTo(8080);
    String checkPath = fly.path("http_service").path("checks").get(0).path("path").asString();

    int port = freePort();
    env.put("TAU_GATEWAY_OPENRESPONSES_BIND", "0.0.0.0:" + port);
    env.put("TAU_GATEWAY_STATE_DIR", ".tau/gateway");
    env.put("TAU_SESSION_DB_URL", "sqlite://.tau/sessions.db");
    env.put("TAU_GATEWAY_OPENRESPONSES_AUTH_TOKEN", "fly-secret-token");
    Process gateway = start(work, env, List.of());
    try {
      awaitUp(port, gateway, work);
      assertThat(get(port, checkPath, null).statusCode())
          .as("the fly check path without a bearer")
          .isEqualTo(200);
      assertThat(get(port, "/v1/models", null).statusCode())
          .as("token mode protects the API")
          .isEqualTo(401);
    } finally {
      gateway.toHandle().destroy(); // SIGTERM
    }
    assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("exits within the drain bound").isTrue();
    assertThat(gateway.exitValue()).isZero();
    String out = Files.readString(work.resolve("gateway.out"), StandardCharsets.UTF_8);
    assertThat(out)
        .contains("gateway openresponses server listening")
        .contains("service_status=stopped");
    assertThat(out + Files.readString(work.resolve("gateway.err")))
        .doesNotContain("fly-secret-token");
  }

  @Test
  void unsafeStartsAreRefusedNamingTheFlag() throws Exception {
    Map<String, String> env = TauProcess.cleanEnv(work);
    var open =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-openresponses-server",
            "--gateway-openresponses-bind",
            "0.0.0.0:0");
    assertThat(open.exitCode()).isEqualTo(42);
    assertThat(open.stderr())
        .contains("--gateway-openresponses-auth-mode=localhost-dev requires a loopback bind");
    var noToken =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-openresponses-server",
            "--gateway-openresponses-auth-mode",
            "token",
            "--gateway-openresponses-bind",
            "127.0.0.1:0");
    assertThat(noToken.exitCode()).isEqualTo(42);
    assertThat(noToken.stderr()).contains("--gateway-openresponses-auth-token is required");
    var badBind =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-openresponses-server",
            "--gateway-openresponses-bind",
            "nowhere");
    assertThat(badBind.exitCode()).isEqualTo(42);
    assertThat(badBind.stderr()).contains("invalid gateway socket address 'nowhere'");
  }

  @Test
  void serviceStopPersistsTheHoldPostureAndStatusShowsIt() throws Exception {
    Map<String, String> env = new HashMap<>(TauProcess.cleanEnv(work));
    var stop =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-state-dir",
            ".tau/gateway",
            "--gateway-service-stop",
            "--gateway-service-stop-reason",
            "emergency_rollback");
    assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    assertThat(stop.stdout())
        .contains("service_status=stopped")
        .contains("rollout_reason_code=service_stopped")
        .contains("last_stop_reason=emergency_rollback");
    var status =
        TauProcess.run(
            work,
            env,
            null,
            "--gateway-state-dir",
            ".tau/gateway",
            "--gateway-service-status",
            "--gateway-service-status-json");
    assertThat(status.stdout()).contains("\"rollout_gate\":\"hold\"");
    var blank =
        TauProcess.run(
            work, env, null, "--gateway-service-stop", "--gateway-service-stop-reason", "  ");
    assertThat(blank.exitCode()).isEqualTo(42);
    assertThat(blank.stderr()).contains("cannot be empty or whitespace");
    var start =
        TauProcess.run(
            work, env, null, "--gateway-state-dir", ".tau/gateway", "--gateway-service-start");
    assertThat(start.stdout()).contains("service_status=running").contains("rollout_gate=pass");
  }

  @Test
  void serverServeStartsTheSameGatewayAndRefusesAnOpenNonLoopbackBind() throws Exception {
    int port = freePort();
    Map<String, String> env = TauProcess.cleanEnv(work);
    Process gateway =
        start(
            work,
            env,
            List.of("server", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
    try {
      awaitUp(port, gateway, work);
      assertThat(get(port, "/gateway/status", null).body())
          .contains("\"health_state\":\"healthy\"");
      assertThat(get(port, "/v1/models", null).statusCode()).isEqualTo(200);
    } finally {
      gateway.toHandle().destroy();
    }
    assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(gateway.exitValue()).isZero();

    var open =
        TauProcess.run(work, env, null, "server", "serve", "--host", "0.0.0.0", "--port", "0");
    assertThat(open.exitCode()).isEqualTo(42);
    assertThat(open.stderr()).contains("requires a loopback bind");
  }
}
