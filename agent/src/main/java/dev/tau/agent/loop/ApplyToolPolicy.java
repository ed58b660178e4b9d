package dev.tau.agent.loop;

import dev.tau.agent.policy.Confirmer;
import dev.tau.agent.policy.PolicyDecision;
import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;

/**
 * Applies the tool policy to each ready call: denied calls are refused with {@code POLICY_DENIED};
 * calls that need approval go to the {@link Confirmer}, and are refused with {@code
 * CONFIRMATION_REFUSED} unless it approves.
 */
final class ApplyToolPolicy implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    turn.plans = turn.plans.stream().map(p -> decide(turn.run, p)).toList();
    return StageResult.CONTINUE;
  }

  private static PlannedCall decide(RunState run, PlannedCall plan) {
    if (!(plan instanceof PlannedCall.Ready ready)) {
      return plan;
    }
    String name = ready.call().name();
    return switch (run.policy.decide(ready.tool())) {
      case PolicyDecision.Allowed a -> ready;
      case PolicyDecision.Denied d ->
          new PlannedCall.Refused(
              ready.call(), new ToolResult.Failed(ToolErrorCode.POLICY_DENIED, d.reason()));
      case PolicyDecision.NeedsConfirmation c ->
          switch (run.confirmer.confirm(ready.call(), ready.tool().definition())) {
            case APPROVED -> ready;
            case DECLINED ->
                refused(ready, "not run: the user declined to run tool '" + name + "'");
            case UNANSWERED ->
                refused(
                    ready,
                    "not run: tool '"
                        + name
                        + "' needs confirmation (tool confirmation mode '"
                        + c.mode().wire()
                        + "') and nobody could answer in this unattended run; to allow it, run"
                        + " with --tool-confirmation-mode never or add '"
                        + name
                        + "' to the tool policy's approve list");
          };
    };
  }

  private static PlannedCall refused(PlannedCall.Ready ready, String message) {
    return new PlannedCall.Refused(
        ready.call(), new ToolResult.Failed(ToolErrorCode.CONFIRMATION_REFUSED, message));
  }
}
