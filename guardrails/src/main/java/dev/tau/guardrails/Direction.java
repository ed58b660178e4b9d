package dev.tau.guardrails;

import java.util.Locale;

/** Which way text is travelling when a guardrail checks it. Wire names are lower-case. */
public enum Direction {
  /** Text a person or client sends towards the model. */
  INPUT,
  /** Text the model produced, on its way to a person or client. */
  OUTPUT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
