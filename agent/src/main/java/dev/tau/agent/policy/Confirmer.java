package dev.tau.agent.policy;

import dev.tau.core.model.ToolCall;
import dev.tau.core.model.ToolDefinition;

/**
 * Asks a person whether a tool call may run. Called on the agent's run thread, one call at a time,
 * before any tool of the turn runs.
 */
@FunctionalInterface
public interface Confirmer {

  /** A person's answer. */
  enum Decision {
    /** Run the call. */
    APPROVED,
    /** Do not run the call: the person said no. */
    DECLINED,
    /** Do not run the call: nobody could be asked (a headless or unattended run). */
    UNANSWERED
  }

  /** Decides whether {@code call} of the tool described by {@code definition} may run. */
  Decision confirm(ToolCall call, ToolDefinition definition);

  /** For headless runs: never waits for anyone, so every call that needs approval is refused. */
  Confirmer UNATTENDED = (call, definition) -> Decision.UNANSWERED;

  /** Approves everything; for callers that have already confirmed out of band. */
  Confirmer APPROVE_ALL = (call, definition) -> Decision.APPROVED;
}
