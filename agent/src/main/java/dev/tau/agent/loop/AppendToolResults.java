package dev.tau.agent.loop;

import dev.tau.core.model.Message;
import dev.tau.core.model.ToolCall;
import dev.tau.core.tool.ToolResult;

/**
 * Feeds every result back as a tool message, in call order. A failure's text starts with its code
 * in brackets (for example {@code [policy_denied]}) so the model can tell what went wrong.
 */
final class AppendToolResults implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    for (int i = 0; i < turn.plans.size(); i++) {
      ToolCall call = turn.plans.get(i).call();
      ToolResult result = turn.results.get(i);
      String text =
          switch (result) {
            case ToolResult.Ok ok -> ok.text();
            case ToolResult.Failed failed -> "[" + failed.code().wire() + "] " + failed.text();
          };
      turn.run.append(Message.toolResult(call, text, result.isError()));
    }
    return StageResult.CONTINUE;
  }
}
