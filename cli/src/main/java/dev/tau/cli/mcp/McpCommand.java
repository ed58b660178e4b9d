package dev.tau.cli.mcp;

import dev.tau.cli.Context;
import dev.tau.cli.TauCommand;
import dev.tau.cli.config.TauSettings;
import dev.tau.core.error.ExitCode;
import dev.tau.core.json.Json;
import dev.tau.mcp.McpServerState;
import dev.tau.mcp.McpServerStatus;
import dev.tau.mcp.McpToolbox;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tau mcp}: the configured MCP servers and their tools (see docs/mcp.md). */
@Command(
    name = "mcp",
    description = "MCP servers from [mcp.servers.<name>] in the config (see docs/mcp.md).",
    subcommands = {McpCommand.ListServers.class})
public final class McpCommand implements Callable<Integer> {
  @ParentCommand TauCommand root;

  @Override
  public Integer call() {
    root.context().terminals().out().println("Usage: tau mcp list");
    root.context().terminals().out().flush();
    return 0;
  }

  /**
   * {@code tau mcp list}: starts or reaches every enabled server, lists its tools as the agent sees
   * them and exits 3 when an enabled server cannot be used. The global {@code --json} prints one
   * JSON object.
   */
  @Command(
      name = "list",
      description = "Connect to each configured server and list its tools; exit 3 if one fails.")
  public static final class ListServers implements Callable<Integer> {
    @ParentCommand McpCommand parent;

    @Override
    public Integer call() {
      Context ctx = parent.root.context();
      TauSettings settings = ctx.settings();
      McpToolbox box = ctx.mcp(settings);
      List<McpServerStatus> statuses = box.statuses();
      PrintWriter out = ctx.terminals().out();
      if (ctx.json()) {
        out.println(Json.write(json(statuses)));
      } else if (statuses.isEmpty()) {
        out.println(
            "No MCP servers configured. Add an [mcp.servers.<name>] table to "
                + settings.configPath()
                + " (docs/mcp.md).");
      } else {
        long enabled = statuses.stream().filter(s -> s.state() != McpServerState.DISABLED).count();
        out.println("MCP servers: configured=" + statuses.size() + ", enabled=" + enabled);
        for (McpServerStatus s : statuses) {
          out.println(
              "- "
                  + s.name()
                  + " ["
                  + s.transport().wire()
                  + "] "
                  + s.state().wire()
                  + (s.serverInfo().isEmpty() ? "" : " (" + s.serverInfo() + ")")
                  + ": "
                  + s.target());
          if (!s.detail().isEmpty() && s.state() == McpServerState.FAILED) {
            out.println("    error: " + s.detail());
          }
          for (McpServerStatus.McpToolInfo tool : s.tools()) {
            out.println("    " + tool.name() + "  " + firstLine(tool.description()));
          }
          for (String skipped : s.skipped()) {
            out.println("    skipped " + skipped);
          }
        }
      }
      out.flush();
      return box.failed().isEmpty() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    private static String firstLine(String text) {
      int newline = text.indexOf('\n');
      String line = newline < 0 ? text : text.substring(0, newline);
      return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }

    static ObjectNode json(List<McpServerStatus> statuses) {
      ObjectNode root = Json.object();
      root.put("ok", statuses.stream().noneMatch(s -> s.state() == McpServerState.FAILED));
      ArrayNode servers = root.putArray("servers");
      for (McpServerStatus s : statuses) {
        ObjectNode server = servers.addObject();
        server.put("name", s.name());
        server.put("transport", s.transport().wire());
        server.put("target", s.target());
        server.put("state", s.state().wire());
        server.put("detail", s.detail());
        server.put("server_info", s.serverInfo());
        ArrayNode tools = server.putArray("tools");
        for (McpServerStatus.McpToolInfo tool : s.tools()) {
          tools
              .addObject()
              .put("name", tool.name())
              .put("remote_name", tool.remoteName())
              .put("description", tool.description());
        }
        ArrayNode skipped = server.putArray("skipped");
        s.skipped().forEach(skipped::add);
      }
      return root;
    }
  }
}
