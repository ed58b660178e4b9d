package dev.tau.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tau.core.json.Json;
import dev.tau.testkit.fakes.FakeOpenAiServer;
import dev.tau.testkit.fakes.FakeReply;
import dev.tau.testkit.fakes.FakeToolCall;
import dev.tau.testkit.mcp.EchoMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * MCP through {@code bin/tau}: a real stdio MCP server process (built by the test suite, {@link
 * EchoMcpServer}) configured in {@code [mcp.servers.*]}, listed by {@code mcp list}, checked by
 * {@code doctor} and called by the agent in {@code ask}.
 */
class McpIT {
  @TempDir Path work;

  /** A unique server name argument, so the test can find its server processes afterwards. */
  private final String marker = "echo-" + UUID.randomUUID();

  private static String toml(String text) {
    return Json.write(Json.mapper().getNodeFactory().stringNode(text));
  }

  private static String tomlList(List<String> items) {
    return items.stream().map(McpIT::toml).collect(Collectors.joining(", ", "[", "]"));
  }

  private void config(String extra) throws Exception {
    List<String> command = EchoMcpServer.command("--name", marker);
    Files.createDirectories(work.resolve(".tau"));
    Files.writeString(
        work.resolve(".tau/config.toml"),
        "[mcp.servers.echo]\ncommand = "
            + toml(command.getFirst())
            + "\nargs = "
            + tomlList(command.subList(1, command.size()))
            + "\n"
            + extra);
  }

  private boolean serverProcessAlive() {
    return ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
  }

  @Test
  void mcpListShowsServersAndNamespacedTools() throws Exception {
    config(
        "\n[mcp.servers.broken]\ncommand = \"/nonexistent/mcp-server\"\n"
            + "\n[mcp.servers.docs]\ncommand = \"docs-mcp\"\nenabled = false\n");
    Map<String, String> env = TauProcess.cleanEnv(work);

    var list = TauProcess.run(work, env, null, "mcp", "list");
    assertThat(list.exitCode()).as(list.stderr()).isEqualTo(3);
    assertThat(list.stdout())
        .contains("MCP servers: configured=3, enabled=2")
        .contains("- echo [stdio] connected (" + marker + " 1.0.0)")
        .contains("    mcp__echo__echo  Returns the text it is given.")
        .contains("- broken [stdio] failed: /nonexistent/mcp-server")
        .contains("    error: command '/nonexistent/mcp-server' is not an executable file")
        .contains("- docs [stdio] disabled: docs-mcp");
    assertThat(list.stderr()).doesNotContain("Exception").doesNotContain("\tat ");

    var json = TauProcess.run(work, env, null, "--json", "mcp", "list");
    JsonNode root = Json.parse(json.stdout());
    assertThat(root.get("ok").asBoolean()).isFalse();
    assertThat(root.get("servers").get(0).get("tools").get(0).get("name").asString())
        .isEqualTo("mcp__echo__echo");
    assertThat(root.get("servers").get(1).get("state").asString()).isEqualTo("failed");
    assertThat(serverProcessAlive()).as("server processes end with the command").isFalse();
  }

  @Test
  void doctorReportsEachServerAndFailsOnABrokenOne() throws Exception {
    config("\n[mcp.servers.broken]\ncommand = \"/nonexistent/mcp-server\"\n");
    var doctor = TauProcess.run(work, TauProcess.cleanEnv(work), null, "--json", "doctor");
    assertThat(doctor.exitCode()).as(doctor.stderr()).isEqualTo(3);
    JsonNode checks = Json.parse(doctor.stdout()).get("checks");
    assertThat(checks)
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("mcp");
              assertThat(c.get("detail").asString())
                  .isEqualTo("MCP servers: configured=2, enabled=2");
            })
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("mcp echo");
              assertThat(c.get("status").asString()).isEqualTo("ok");
              assertThat(c.get("detail").asString()).contains("connected to " + marker, "5 tools");
            })
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("mcp broken");
              assertThat(c.get("status").asString()).isEqualTo("fail");
            })
        .anySatisfy(
            c -> {
              assertThat(c.get("name").asString()).isEqualTo("store");
              assertThat(c.get("detail").asString()).contains("schema version 1");
            });
  }

  @Test
  void theAgentCallsAnMcpToolWhenApproved() throws Exception {
    config("");
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(
          FakeReply.toolCalls(new FakeToolCall("c1", "mcp__echo__echo", "{\"text\":\"ping\"}")));
      fake.enqueue(FakeReply.text("The server said echo: ping."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-mcp-test-key-123");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());

      var ask =
          TauProcess.run(
              work,
              env,
              null,
              "--model",
              "openai/gpt-4o-mini",
              "--approve-tool",
              "mcp__echo__echo",
              "ask",
              "call the echo tool");
      assertThat(ask.exitCode()).as(ask.stderr()).isZero();
      assertThat(ask.stdout()).contains("The server said echo: ping.");
      assertThat(Json.write(fake.requests().getFirst().json().get("tools")))
          .contains("mcp__echo__echo");
      String followUp = Json.write(fake.requests().get(1).json());
      assertThat(followUp).contains("echo: ping");
    }
    assertThat(serverProcessAlive()).isFalse();
  }

  @Test
  void mcpOnlyConfirmationRefusesAnUnapprovedMcpToolHeadless() throws Exception {
    config("");
    try (var fake = new FakeOpenAiServer()) {
      fake.enqueue(
          FakeReply.toolCalls(new FakeToolCall("c1", "mcp__echo__echo", "{\"text\":\"ping\"}")));
      fake.enqueue(FakeReply.text("The tool was refused."));
      Map<String, String> env = TauProcess.cleanEnv(work);
      env.put("OPENAI_API_KEY", "sk-mcp-test-key-123");
      env.put("TAU_OPENAI_BASE_URL", fake.baseUrl().toString());

      var ask =
          TauProcess.run(
              work, env, "", "--model", "openai/gpt-4o-mini", "ask", "call the echo tool");
      assertThat(ask.exitCode()).as(ask.stderr()).isZero();
      String followUp = Json.write(fake.requests().get(1).json());
      assertThat(followUp).doesNotContain("echo: ping").contains("confirmation");
    }
  }
}
