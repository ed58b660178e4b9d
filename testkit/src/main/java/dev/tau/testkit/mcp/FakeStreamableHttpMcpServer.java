package dev.tau.testkit.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tau.core.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake MCP server on loopback speaking the Streamable HTTP transport (MCP 2025-06-18): JSON-RPC
 * messages POSTed to one endpoint, a JSON answer per request, {@code 202} for notifications, an
 * {@code Mcp-Session-Id} from {@code initialize} on, {@code 405} for the optional GET stream and
 * {@code 401} without the expected bearer token. One tool, {@code lookup}, answers {@code "found:
 * <query>"}.
 */
public final class FakeStreamableHttpMcpServer implements AutoCloseable {
  private final HttpServer server;
  private final String token;
  private final String sessionId = UUID.randomUUID().toString();
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  /**
   * @param token the bearer token every request must carry; null accepts any request
   */
  public FakeStreamableHttpMcpServer(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/mcp", this::handle);
    server.start();
  }

  /** The endpoint URL, {@code http://127.0.0.1:<port>/mcp}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  /** JSON-RPC method names received, in order. */
  public List<String> methods() {
    return List.copyOf(methods);
  }

  /** The Authorization header of every request ("" when absent). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth == null ? "" : auth);
      if (token != null && !("Bearer " + token).equals(auth)) {
        send(exchange, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "DELETE" -> send(exchange, 200, "");
        default -> send(exchange, 405, "");
      }
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    JsonNode message;
    try {
      message =
          Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      send(exchange, 400, rpcError(null, -32700, "Parse error").toString());
      return;
    }
    String method = message.path("method").asString("");
    methods.add(method.isEmpty() ? "(response)" : method);
    if (!message.has("id") || message.get("id").isNull() || method.isEmpty()) {
      send(exchange, 202, "");
      return;
    }
    if (!method.equals("initialize")
        && !sessionId.equals(exchange.getRequestHeaders().getFirst("Mcp-Session-Id"))) {
      send(exchange, 400, rpcError(message.get("id"), -32600, "missing session").toString());
      return;
    }
    ObjectNode reply = Json.object().put("jsonrpc", "2.0").set("id", message.get("id"));
    ObjectNode result = reply.putObject("result");
    switch (method) {
      case "initialize" -> {
        result.put(
            "protocolVersion",
            message.path("params").path("protocolVersion").asString("2025-06-18"));
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", "fake-http-mcp").put("version", "0.1");
        exchange.getResponseHeaders().add("Mcp-Session-Id", sessionId);
      }
      case "tools/list" -> {
        ObjectNode tool = result.putArray("tools").addObject();
        tool.put("name", "lookup").put("description", "Looks a query up.");
        ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
        schema.putObject("properties").putObject("query").put("type", "string");
      }
      case "tools/call" -> {
        String query = message.path("params").path("arguments").path("query").asString("");
        result.putArray("content").addObject().put("type", "text").put("text", "found: " + query);
        result.put("isError", false);
      }
      case "ping" -> {}
      default -> {
        send(exchange, 200, rpcError(message.get("id"), -32601, "Method not found").toString());
        return;
      }
    }
    send(exchange, 200, reply.toString());
  }

  private static ObjectNode rpcError(JsonNode id, int code, String text) {
    ObjectNode error = Json.object().put("jsonrpc", "2.0");
    error.set("id", id);
    error.putObject("error").put("code", code).put("message", text);
    return error;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
