package dev.tau.testkit.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real MCP server over stdio, built with the MCP Java SDK, that the tests start as a child
 * process ({@link #command()}). Tools: {@code echo}, {@code add}, {@code fail} (answers with {@code
 * isError}), {@code env} (reads one of its environment variables, to test what the child inherits)
 * and {@code sleep}.
 *
 * <p>Arguments: {@code --crash "message"} prints the message on stderr and exits 3 before speaking
 * MCP; {@code --name N} sets the server's name.
 */
public final class EchoMcpServer {
  private EchoMcpServer() {}

  /** The command line that starts this server with the current JVM and class path. */
  public static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EchoMcpServer.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  public static void main(String[] args) throws InterruptedException {
    String name = "echo-server";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--crash") && i + 1 < args.length) {
        System.err.println(args[i + 1]);
        System.exit(3);
      }
      if (args[i].equals("--name") && i + 1 < args.length) {
        name = args[++i];
      }
    }
    var mapper = McpJsonDefaults.getMapper();
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(mapper))
            .serverInfo(name, "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                tool(
                    "echo",
                    "Returns the text it is given.",
                    "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}",
                    args2 -> text("echo: " + args2.get("text"))),
                tool(
                    "add",
                    "Adds two numbers.",
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}",
                    args2 ->
                        text(
                            String.valueOf(
                                ((Number) args2.get("a")).doubleValue()
                                    + ((Number) args2.get("b")).doubleValue()))),
                tool(
                    "fail",
                    "Always fails.",
                    "{\"type\":\"object\",\"properties\":{}}",
                    args2 ->
                        McpSchema.CallToolResult.builder()
                            .content(
                                List.of(
                                    McpSchema.TextContent.builder("deliberate failure").build()))
                            .isError(true)
                            .build()),
                tool(
                    "env",
                    "Reads an environment variable of the server process.",
                    "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}",
                    args2 -> {
                      String value = System.getenv(String.valueOf(args2.get("name")));
                      return text(value == null ? "(unset)" : value);
                    }),
                tool(
                    "sleep",
                    "Sleeps for ms milliseconds.",
                    "{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}}",
                    args2 -> {
                      try {
                        Thread.sleep(((Number) args2.getOrDefault("ms", 1000)).longValue());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return text("slept");
                    }))
            .build();
    // the transport reads stdin on its own threads; exit when the client closes it
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }

  private interface Handler {
    McpSchema.CallToolResult call(Map<String, Object> arguments);
  }

  private static SyncToolSpecification tool(
      String name, String description, String schema, Handler handler) {
    var mapper = McpJsonDefaults.getMapper();
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name, mapper, schema).description(description).build())
        .callHandler(
            (exchange, request) ->
                handler.call(request.arguments() == null ? Map.of() : request.arguments()))
        .build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder()
        .content(List.of(McpSchema.TextContent.builder(text).build()))
        .isError(false)
        .build();
  }
}
