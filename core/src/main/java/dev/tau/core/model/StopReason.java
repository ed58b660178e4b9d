package dev.tau.core.model;

/** Why the model stopped generating. */
public enum StopReason {
  /** A natural end of the answer. */
  END_TURN,
  /** The model wants tools to run. */
  TOOL_USE,
  /** The output token limit was reached. */
  MAX_TOKENS,
  /** A stop sequence matched. */
  STOP_SEQUENCE,
  /** The vendor's safety filter ended the answer. */
  CONTENT_FILTER,
  /** Anything the vendor reports that has no better mapping. */
  OTHER;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
