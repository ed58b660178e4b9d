package dev.tau.agent.loop;

/** An answer without tool calls is the final answer: the run is complete. */
final class FinishWhenAnswered implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    if (!turn.response.message().toolCalls().isEmpty()) {
      return StageResult.CONTINUE;
    }
    return StageResult.stop(
        turn.run.completed(turn.response.message().text(), turn.response.stopReason()));
  }
}
