package dev.tau.core.tool;

import dev.tau.core.model.ToolDefinition;
import tools.jackson.databind.JsonNode;

/** A tool the agent can run. Implementations are stateless and thread-safe. */
public interface Tool {

  /** The name, description and JSON Schema shown to the model. */
  ToolDefinition definition();

  /** Whether this tool comes from an MCP server (for the {@code mcp-only} confirmation mode). */
  default boolean isMcp() {
    return false;
  }

  /**
   * Runs the tool. Failures the model should read come back as {@link ToolResult.Failed}; only a
   * bug throws.
   *
   * @param arguments the parsed JSON arguments object
   */
  ToolResult execute(JsonNode arguments, ToolContext context);
}
