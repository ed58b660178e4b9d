package dev.tau.agent;

/**
 * Receives a run's {@link AgentEvent}s on the run's thread, in order. Keep it quick; an exception
 * thrown here propagates out of {@link Agent#run}.
 */
@FunctionalInterface
public interface AgentListener {
  AgentListener NONE = event -> {};

  void onEvent(AgentEvent event);

  /** A listener that tells this one, then {@code next}, about each event. */
  default AgentListener andThen(AgentListener next) {
    java.util.Objects.requireNonNull(next, "next");
    return event -> {
      onEvent(event);
      next.onEvent(event);
    };
  }
}
