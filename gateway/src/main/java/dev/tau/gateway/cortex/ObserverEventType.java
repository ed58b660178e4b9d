package dev.tau.gateway.cortex;

/**
 * The operator-relevant gateway actions recorded in the Cortex observer log (tau-spec §2.9.1).
 * {@code /v1/responses} traffic is deliberately not among them.
 */
public enum ObserverEventType {
  CORTEX_CHAT_REQUEST("cortex.chat.request"),
  SESSION_APPEND("session.append"),
  SESSION_RESET("session.reset"),
  MEMORY_WRITE("memory.write"),
  MEMORY_ENTRY_WRITE("memory.entry_write"),
  MEMORY_ENTRY_DELETE("memory.entry_delete"),
  EXTERNAL_CODING_AGENT_SESSION_OPENED("external_coding_agent.session_opened"),
  EXTERNAL_CODING_AGENT_SESSION_CLOSED("external_coding_agent.session_closed"),
  EXTERNAL_CODING_AGENT_PROGRESS("external_coding_agent.progress"),
  EXTERNAL_CODING_AGENT_FOLLOWUP_QUEUED("external_coding_agent.followup_queued");

  private final String wire;

  ObserverEventType(String wire) {
    this.wire = wire;
  }

  /** The {@code event_type} string written to the log. */
  public String wire() {
    return wire;
  }
}
