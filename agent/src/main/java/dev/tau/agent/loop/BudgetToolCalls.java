package dev.tau.agent.loop;

import dev.tau.agent.RunLimit;
import dev.tau.core.model.ToolCall;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Charges the answer's tool calls to the run's {@code maxToolCalls} budget. Calls past the budget
 * are refused (so every call still gets a result) and the run stops after this turn.
 */
final class BudgetToolCalls implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    RunState run = turn.run;
    int max = run.config.maxToolCalls();
    List<PlannedCall> plans = new ArrayList<>();
    for (ToolCall call : turn.response.message().toolCalls()) {
      if (run.toolCallsUsed < max) {
        run.toolCallsUsed++;
        plans.add(new PlannedCall.Pending(call));
      } else {
        turn.limitHit = RunLimit.MAX_TOOL_CALLS;
        plans.add(
            new PlannedCall.Refused(
                call,
                new ToolResult.Failed(
                    ToolErrorCode.CANCELLED,
                    "not run: this run reached its limit of "
                        + max
                        + " tool calls (max_tool_calls)")));
      }
    }
    turn.plans = plans;
    return StageResult.CONTINUE;
  }
}
