package dev.tau.core.provider;

import java.util.Objects;

/** How the model may use the offered tools. */
public sealed interface ToolChoice {
  /** The model decides (the default). */
  record Auto() implements ToolChoice {}

  /** The model must not call tools. */
  record None() implements ToolChoice {}

  /** The model must call some tool. */
  record Required() implements ToolChoice {}

  /** The model must call this tool. */
  record Named(String name) implements ToolChoice {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  ToolChoice AUTO = new Auto();
  ToolChoice NONE = new None();
  ToolChoice REQUIRED = new Required();
}
