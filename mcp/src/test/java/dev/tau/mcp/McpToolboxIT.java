package dev.tau.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import dev.tau.testkit.mcp.EchoMcpServer;
import dev.tau.testkit.mcp.FakeStreamableHttpMcpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toolbox against a real stdio MCP server process and a Streamable HTTP server on loopback. */
class McpToolboxIT {
  @TempDir Path workspace;

  private static McpServerConfig stdio(String name, String... args) {
    List<String> command = EchoMcpServer.command(args);
    return new McpServerConfig(
        name,
        command.getFirst(),
        command.subList(1, command.size()),
        Map.of("ECHO_GREETING", "hello from config"),
        null,
        true,
        Duration.ofSeconds(20),
        Duration.ofSeconds(5),
        null,
        List.of());
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("OPENAI_API_KEY", "sk-test-must-not-leak-1234567890");
    return env;
  }

  private ToolResult call(McpToolbox box, String name, String argsJson) {
    Tool tool =
        box.tools().stream()
            .filter(t -> t.definition().name().equals(name))
            .findFirst()
            .orElseThrow();
    return tool.execute(Json.parse(argsJson), new ToolContext(workspace, Cancellation.none()));
  }

  @Test
  void stdioServerToolsAreNamespacedAndCallable() {
    try (McpToolbox box = McpToolbox.connect(List.of(stdio("echo")), env(), "test", Set.of())) {
      assertThat(box.failed()).isEmpty();
      McpServerStatus status = box.statuses().getFirst();
      assertThat(status.state()).isEqualTo(McpServerState.CONNECTED);
      assertThat(status.serverInfo()).isEqualTo("echo-server 1.0.0");
      assertThat(box.tools())
          .extracting(t -> t.definition().name())
          .containsExactly(
              "mcp__echo__echo",
              "mcp__echo__add",
              "mcp__echo__fail",
              "mcp__echo__env",
              "mcp__echo__sleep");
      assertThat(box.tools()).allMatch(Tool::isMcp);
      assertThat(
              box.tools().getFirst().definition().parameters().path("required").get(0).asString())
          .isEqualTo("text");

      assertThat(call(box, "mcp__echo__echo", "{\"text\":\"hi\"}"))
          .isEqualTo(ToolResult.ok("echo: hi"));
      assertThat(call(box, "mcp__echo__add", "{\"a\":2,\"b\":3}").text()).isEqualTo("5.0");
      ToolResult failed = call(box, "mcp__echo__fail", "{}");
      assertThat(failed)
          .isEqualTo(ToolResult.failed(ToolErrorCode.COMMAND_FAILED, "deliberate failure"));
    }
  }

  @Test
  void stdioChildGetsConfiguredEnvButNotTausSecrets() {
    try (McpToolbox box = McpToolbox.connect(List.of(stdio("echo")), env(), "test", Set.of())) {
      assertThat(call(box, "mcp__echo__env", "{\"name\":\"ECHO_GREETING\"}").text())
          .isEqualTo("hello from config");
      assertThat(call(box, "mcp__echo__env", "{\"name\":\"OPENAI_API_KEY\"}").text())
          .isEqualTo("(unset)");
      assertThat(call(box, "mcp__echo__env", "{\"name\":\"PATH\"}").text()).isNotEqualTo("(unset)");
    }
  }

  @Test
  void failingServerIsReportedAndTheOthersStillWork() {
    McpServerConfig crashing = stdio("broken", "--crash", "boom: missing config file");
    McpServerConfig missing =
        McpServerConfig.stdio("nobinary", "/nonexistent/tau-mcp-server", List.of());
    McpServerConfig disabled =
        new McpServerConfig(
            "off", "/bin/true", List.of(), Map.of(), null, false, null, null, null, List.of());
    try (McpToolbox box =
        McpToolbox.connect(
            List.of(crashing, stdio("echo"), missing, disabled), env(), "test", Set.of())) {
      assertThat(box.statuses())
          .extracting(McpServerStatus::name, McpServerStatus::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("broken", McpServerState.FAILED),
              org.assertj.core.groups.Tuple.tuple("echo", McpServerState.CONNECTED),
              org.assertj.core.groups.Tuple.tuple("nobinary", McpServerState.FAILED),
              org.assertj.core.groups.Tuple.tuple("off", McpServerState.DISABLED));
      assertThat(box.statuses().get(0).detail()).contains("boom: missing config file");
      assertThat(box.statuses().get(2).detail()).contains("/nonexistent/tau-mcp-server");
      assertThat(box.tools()).hasSize(5);
      assertThat(call(box, "mcp__echo__echo", "{\"text\":\"still here\"}").text())
          .isEqualTo("echo: still here");
    }
  }

  @Test
  void allowlistAndReservedNamesLimitTheOfferedTools() {
    McpServerConfig base = stdio("echo");
    McpServerConfig limited =
        new McpServerConfig(
            base.name(),
            base.command(),
            base.args(),
            base.env(),
            null,
            true,
            base.timeout(),
            base.toolTimeout(),
            null,
            List.of("echo", "add"));
    try (McpToolbox box =
        McpToolbox.connect(List.of(limited), env(), "test", Set.of("mcp__echo__add"))) {
      assertThat(box.tools())
          .extracting(t -> t.definition().name())
          .containsExactly("mcp__echo__echo");
      assertThat(box.statuses().getFirst().skipped())
          .anyMatch(s -> s.startsWith("fail: not in tool_allowlist"))
          .anyMatch(s -> s.startsWith("add: name 'mcp__echo__add' is already taken"));
    }
  }

  @Test
  void slowToolTimesOutAndCancellationAbortsTheCall() throws Exception {
    try (McpToolbox box = McpToolbox.connect(List.of(stdio("echo")), env(), "test", Set.of())) {
      ToolResult timedOut = call(box, "mcp__echo__sleep", "{\"ms\":30000}");
      assertThat(timedOut).isInstanceOf(ToolResult.Failed.class);
      assertThat(((ToolResult.Failed) timedOut).code()).isEqualTo(ToolErrorCode.TIMEOUT);

      Tool sleep =
          box.tools().stream()
              .filter(t -> t.definition().name().equals("mcp__echo__sleep"))
              .findFirst()
              .orElseThrow();
      Cancellation cancellation = new Cancellation();
      CompletableFuture<ToolResult> running =
          CompletableFuture.supplyAsync(
              () ->
                  sleep.execute(
                      Json.parse("{\"ms\":30000}"), new ToolContext(workspace, cancellation)));
      Thread.sleep(300);
      cancellation.cancel();
      ToolResult cancelled = running.get(3, TimeUnit.SECONDS);
      assertThat(((ToolResult.Failed) cancelled).code()).isEqualTo(ToolErrorCode.CANCELLED);
    }
  }

  @Test
  void closingEndsTheServerProcess() {
    McpToolbox box = McpToolbox.connect(List.of(stdio("echo")), env(), "test", Set.of());
    List<ProcessHandle> children =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().commandLine().orElse("").contains(EchoMcpServer.class.getName()))
            .toList();
    assertThat(children).isNotEmpty();
    box.close();
    for (ProcessHandle child : children) {
      child.onExit().orTimeout(5, TimeUnit.SECONDS).join();
      assertThat(child.isAlive()).isFalse();
    }
  }

  /** The fake HTTP server as {@code remote}, its token read from {@code OPS_MCP_TOKEN}. */
  private static McpServerConfig remote(FakeStreamableHttpMcpServer server) {
    return new McpServerConfig(
        "remote",
        null,
        null,
        null,
        server.url(),
        true,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        "OPS_MCP_TOKEN",
        List.of());
  }

  @Test
  void httpServerWithBearerTokenFromTheEnvironment() throws Exception {
    try (FakeStreamableHttpMcpServer server = new FakeStreamableHttpMcpServer("tok-abc-123")) {
      McpServerConfig http = remote(server);
      Map<String, String> env = new HashMap<>(env());
      env.put("OPS_MCP_TOKEN", "tok-abc-123");
      try (McpToolbox box = McpToolbox.connect(List.of(http), env, "test", Set.of())) {
        assertThat(box.failed()).isEmpty();
        assertThat(box.statuses().getFirst().serverInfo()).isEqualTo("fake-http-mcp 0.1");
        assertThat(call(box, "mcp__remote__lookup", "{\"query\":\"disk full\"}").text())
            .isEqualTo("found: disk full");
      }
      assertThat(server.methods()).startsWith("initialize", "notifications/initialized");
      assertThat(server.methods()).contains("tools/list", "tools/call");
      assertThat(server.authorizations()).allMatch(a -> a.equals("Bearer tok-abc-123"));
    }
  }

  @Test
  void httpServerFailuresNameTheProblemWithoutTheToken() throws Exception {
    try (FakeStreamableHttpMcpServer server = new FakeStreamableHttpMcpServer("right-token-999")) {
      McpServerConfig http = remote(server);
      Map<String, String> unset = new HashMap<>(env());
      unset.remove("OPS_MCP_TOKEN");
      try (McpToolbox box = McpToolbox.connect(List.of(http), unset, "test", Set.of())) {
        assertThat(box.failed().getFirst().detail())
            .isEqualTo("environment variable OPS_MCP_TOKEN (auth_bearer_env) is not set or empty");
      }
      Map<String, String> wrong = new HashMap<>(env());
      wrong.put("OPS_MCP_TOKEN", "wrong-token-777");
      try (McpToolbox box = McpToolbox.connect(List.of(http), wrong, "test", Set.of())) {
        McpServerStatus status = box.failed().getFirst();
        assertThat(status.detail())
            .isEqualTo(
                "the server refused the credentials (HTTP 401 or 403): check auth_bearer_env");
        assertThat(box.tools()).isEmpty();
      }
    }
  }

  @Test
  void unreachableHttpServerIsReportedPlainly() throws Exception {
    java.net.URI closed;
    try (FakeStreamableHttpMcpServer server = new FakeStreamableHttpMcpServer(null)) {
      closed = server.url();
    }
    try (McpToolbox box =
        McpToolbox.connect(
            List.of(McpServerConfig.http("gone", closed)), env(), "test", Set.of())) {
      assertThat(box.failed().getFirst().detail())
          .isEqualTo("cannot connect to the server (connection refused or closed)");
    }
  }
}
