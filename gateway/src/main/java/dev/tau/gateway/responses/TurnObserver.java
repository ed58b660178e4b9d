package dev.tau.gateway.responses;

/**
 * Hears a turn's output as it is produced, on the run's thread, in order: for each item {@link
 * #itemAdded}, then for a message its {@link #textDelta}s, then {@link #itemDone}. Implementations
 * must not throw (a throwing listener would abort the run).
 */
interface TurnObserver {
  TurnObserver NONE = new TurnObserver() {};

  /** Item {@code index} of the output began (status {@code in_progress}). */
  default void itemAdded(int index, OutputItem item) {}

  /** Text was appended to message {@code index}. */
  default void textDelta(int index, OutputItem.Message item, String delta) {}

  /** Item {@code index} is final. */
  default void itemDone(int index, OutputItem item) {}
}
