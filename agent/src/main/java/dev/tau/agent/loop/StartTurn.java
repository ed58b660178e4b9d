package dev.tau.agent.loop;

import dev.tau.agent.AgentEvent;

/** Counts the turn and tells listeners it started. */
final class StartTurn implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    turn.number = ++turn.run.turnsTaken;
    turn.run.emit(new AgentEvent.TurnStarted(turn.number));
    return StageResult.CONTINUE;
  }
}
