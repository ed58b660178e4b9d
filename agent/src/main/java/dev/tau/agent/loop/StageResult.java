package dev.tau.agent.loop;

import dev.tau.agent.AgentOutcome;

/** What a stage decided: go on to the next stage, or stop the run with an outcome. */
sealed interface StageResult {

  record Continue() implements StageResult {}

  record Stop(AgentOutcome outcome) implements StageResult {}

  StageResult CONTINUE = new Continue();

  static StageResult stop(AgentOutcome outcome) {
    return new Stop(outcome);
  }
}
