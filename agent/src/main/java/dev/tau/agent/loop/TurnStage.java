package dev.tau.agent.loop;

/** One small step of an agent turn. Stages run in the order {@link AgentLoop} declares. */
interface TurnStage {

  /** Does this stage's part of {@code turn}: continue with the next stage, or end the run. */
  StageResult apply(Turn turn);
}
