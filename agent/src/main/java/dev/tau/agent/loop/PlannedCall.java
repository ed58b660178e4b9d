package dev.tau.agent.loop;

import dev.tau.core.model.ToolCall;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolResult;
import tools.jackson.databind.JsonNode;

/** One tool call of the turn as the stages refine it: pending, then ready to run or refused. */
sealed interface PlannedCall {
  ToolCall call();

  /** Within the tool-call budget; not yet resolved. */
  record Pending(ToolCall call) implements PlannedCall {}

  /** Resolved to a tool with parsed arguments, and allowed so far. */
  record Ready(ToolCall call, Tool tool, JsonNode arguments) implements PlannedCall {}

  /** Will not run; {@code result} tells the model why. */
  record Refused(ToolCall call, ToolResult.Failed result) implements PlannedCall {}
}
