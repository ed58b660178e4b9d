package dev.tau.agent.loop;

/** Ends the run after a turn whose tool calls went past the {@code maxToolCalls} budget. */
final class StopAtToolCallLimit implements TurnStage {
  @Override
  public StageResult apply(Turn turn) {
    if (turn.limitHit == null) {
      return StageResult.CONTINUE;
    }
    return StageResult.stop(
        turn.run.limitReached(
            turn.limitHit,
            "the model asked for more than "
                + turn.run.config.maxToolCalls()
                + " tool calls in this run (max_tool_calls); the extra calls were not run;"
                + " raise max_tool_calls or send another message to continue"));
  }
}
