package dev.tau.agent;

/** A limit that can end a run early. Serialised as snake_case. */
public enum RunLimit {
  /** The run made {@link AgentConfig#maxTurns()} model calls and the model still wanted tools. */
  MAX_TURNS,
  /** The model asked for more than {@link AgentConfig#maxToolCalls()} tool calls in the run. */
  MAX_TOOL_CALLS;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
