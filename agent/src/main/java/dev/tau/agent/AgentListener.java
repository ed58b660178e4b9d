package dev.tau.agent;

/**
 * Receives a run's {@link AgentEvent}s on the run's thread, in order. Keep it quick; an exception
 * thrown here propagates out of {@link Agent#run}.
 */
@FunctionalInterface
public interface AgentListener {
  AgentListener NONE = event -> {};

  void onEvent(AgentEvent event);
}
