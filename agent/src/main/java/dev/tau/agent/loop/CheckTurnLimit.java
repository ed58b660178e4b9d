package dev.tau.agent.loop;

import dev.tau.agent.RunLimit;

/** Ends the run when another turn would exceed {@code maxTurns}. */
final class CheckTurnLimit implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    RunState run = turn.run;
    if (run.turnsTaken < run.config.maxTurns()) {
      return StageResult.CONTINUE;
    }
    return StageResult.stop(
        run.limitReached(
            RunLimit.MAX_TURNS,
            "the run reached its limit of "
                + run.config.maxTurns()
                + " turns (max_turns) before the model gave a final answer; raise max_turns or"
                + " send another message to continue"));
  }
}
