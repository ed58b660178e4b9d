package dev.tau.agent.loop;

import dev.tau.core.json.Json;
import dev.tau.core.model.ToolCall;
import dev.tau.core.tool.Tool;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Finds each call's tool and parses its JSON arguments; unknown tools and bad JSON are refused. */
final class ResolveToolCalls implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    turn.plans = turn.plans.stream().map(p -> resolve(turn.run, p)).toList();
    return StageResult.CONTINUE;
  }

  private static PlannedCall resolve(RunState run, PlannedCall plan) {
    if (!(plan instanceof PlannedCall.Pending(ToolCall call))) {
      return plan;
    }
    Optional<Tool> tool = run.tools.find(call.name());
    if (tool.isEmpty()) {
      return refuse(
          call,
          ToolErrorCode.UNKNOWN_TOOL,
          "no tool named '" + call.name() + "'; available tools: " + run.tools.names());
    }
    JsonNode arguments;
    try {
      arguments = Json.parse(call.arguments());
    } catch (IllegalArgumentException e) {
      return refuse(
          call, ToolErrorCode.INVALID_ARGUMENTS, "arguments are not valid JSON: " + e.getMessage());
    }
    if (!arguments.isObject()) {
      return refuse(call, ToolErrorCode.INVALID_ARGUMENTS, "arguments must be a JSON object");
    }
    return new PlannedCall.Ready(call, tool.get(), arguments);
  }

  private static PlannedCall refuse(ToolCall call, ToolErrorCode code, String message) {
    return new PlannedCall.Refused(call, new ToolResult.Failed(code, message));
  }
}
