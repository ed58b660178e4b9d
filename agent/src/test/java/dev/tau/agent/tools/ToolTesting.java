package dev.tau.agent.tools;

import dev.tau.core.json.Json;
import dev.tau.core.provider.Cancellation;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolContext;
import dev.tau.core.tool.ToolResult;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for calling a tool directly in a test. */
final class ToolTesting {
  private ToolTesting() {}

  /** A JSON object from alternating field names and values (strings, numbers, booleans). */
  static ObjectNode args(Object... pairs) {
    ObjectNode node = Json.object();
    for (int i = 0; i < pairs.length; i += 2) {
      String field = (String) pairs[i];
      Object value = pairs[i + 1];
      switch (value) {
        case String s -> node.put(field, s);
        case Integer n -> node.put(field, n);
        case Long n -> node.put(field, n);
        case Boolean b -> node.put(field, b);
        default -> throw new IllegalArgumentException("unsupported value " + value);
      }
    }
    return node;
  }

  static ToolResult run(Tool tool, Path workspace, ObjectNode args) {
    return tool.execute(args, new ToolContext(workspace, Cancellation.none()));
  }

  static ToolResult run(Tool tool, Path workspace, ObjectNode args, Cancellation cancel) {
    return tool.execute(args, new ToolContext(workspace, cancel));
  }
}
