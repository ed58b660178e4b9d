package dev.tau.agent;

import dev.tau.core.provider.ModelRef;
import dev.tau.core.session.SessionId;

/**
 * Watches whole runs: gives each run on a session a listener of its own, which hears that run's
 * events and no other's. Hosts (the gateway, {@code ask}, {@code chat}) attach it to every run they
 * start; a tracer opens its spans here.
 */
@FunctionalInterface
public interface RunObserver {
  /** Watches nothing. */
  RunObserver NONE = (session, model) -> AgentListener.NONE;

  /**
   * The listener for one run about to start.
   *
   * @param session the session the run belongs to
   * @param model the configured model the run calls
   */
  AgentListener start(SessionId session, ModelRef model);
}
