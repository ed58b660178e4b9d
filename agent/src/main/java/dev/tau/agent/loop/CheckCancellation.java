package dev.tau.agent.loop;

/** Ends the run as cancelled when the caller cancelled before this turn. */
final class CheckCancellation implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    return turn.run.cancellation.isCancelled()
        ? StageResult.stop(turn.run.cancelled())
        : StageResult.CONTINUE;
  }
}
