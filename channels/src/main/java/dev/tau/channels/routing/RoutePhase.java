package dev.tau.channels.routing;

import dev.tau.channels.EventKind;

/**
 * The orchestration phase of a route. Binding files spell it {@code delegated_step}; route traces
 * write {@code delegated-step} (as the original does).
 */
public enum RoutePhase {
  PLANNER("planner", "planner"),
  DELEGATED_STEP("delegated_step", "delegated-step"),
  REVIEW("review", "review");

  private final String fileValue;
  private final String traceValue;

  RoutePhase(String fileValue, String traceValue) {
    this.fileValue = fileValue;
    this.traceValue = traceValue;
  }

  public String fileValue() {
    return fileValue;
  }

  public String traceValue() {
    return traceValue;
  }

  /** {@code command} → planner, {@code system} → review, else delegated-step. */
  public static RoutePhase defaultFor(EventKind kind) {
    return switch (kind) {
      case COMMAND -> PLANNER;
      case SYSTEM -> REVIEW;
      case MESSAGE, EDIT -> DELEGATED_STEP;
    };
  }
}
