package dev.tau.mcp;

import dev.tau.core.json.Json;
import dev.tau.core.model.ToolDefinition;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** One tool of a connected MCP server, as a Tau {@link Tool}. */
final class McpRemoteTool implements Tool {
  private final ToolDefinition definition;
  private final String server;
  private final String remoteName;
  private final McpAsyncClient client;
  private final Duration timeout;

  McpRemoteTool(
      ToolDefinition definition,
      String server,
      String remoteName,
      McpAsyncClient client,
      Duration timeout) {
    this.definition = definition;
    this.server = server;
    this.remoteName = remoteName;
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public boolean isMcp() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ToolResult execute(JsonNode arguments, ToolContext context) {
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return ToolResult.failed(ToolErrorCode.INVALID_ARGUMENTS, "arguments must be a JSON object");
    }
    Map<String, Object> args =
        arguments == null || arguments.isNull()
            ? Map.of()
            : Json.mapper().convertValue(arguments, Map.class);
    CompletableFuture<McpSchema.CallToolResult> call =
        client
            .callTool(McpSchema.CallToolRequest.builder(remoteName).arguments(args).build())
            .timeout(timeout)
            .toFuture();
    try (AutoCloseable ignored = context.cancellation().onCancel(() -> call.cancel(true))) {
      McpSchema.CallToolResult result = call.get();
      String text = McpContentText.of(result);
      if (Boolean.TRUE.equals(result.isError())) {
        return ToolResult.failed(
            ToolErrorCode.COMMAND_FAILED, text.isEmpty() ? "the MCP tool reported an error" : text);
      }
      return ToolResult.ok(text);
    } catch (CancellationException e) {
      return ToolResult.failed(ToolErrorCode.CANCELLED, "cancelled");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      return ToolResult.failed(ToolErrorCode.CANCELLED, "cancelled");
    } catch (ExecutionException e) {
      return failure(e.getCause());
    } catch (Exception e) {
      // closing the cancellation handle cannot fail; anything else is the call's own failure
      return failure(e);
    }
  }

  private ToolResult failure(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return ToolResult.failed(
          ToolErrorCode.TIMEOUT,
          "MCP server '"
              + server
              + "' gave no answer for '"
              + remoteName
              + "' within "
              + timeout.toSeconds()
              + " s");
    }
    if (cause instanceof McpError error && error.getJsonRpcError() != null) {
      // a JSON-RPC error from the server: unknown tool, invalid params, ...
      return ToolResult.failed(
          ToolErrorCode.COMMAND_FAILED,
          "MCP server '" + server + "' refused the call: " + error.getJsonRpcError().message());
    }
    return ToolResult.failed(
        ToolErrorCode.UNAVAILABLE,
        "MCP server '"
            + server
            + "' could not run '"
            + remoteName
            + "': "
            + Failures.describe(cause));
  }
}
