package dev.tau.core.tool;

import java.util.Objects;

/** The outcome of running a tool: a value, never an exception, so the model can read it. */
public sealed interface ToolResult {

  /** The text the model sees. */
  String text();

  boolean isError();

  /** The tool did its job. */
  record Ok(String text) implements ToolResult {
    public Ok {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean isError() {
      return false;
    }
  }

  /**
   * The tool could not do its job (bad arguments, a refused path, a failing command). The reason
   * says why, for the model and for the operator.
   */
  record Failed(ToolErrorCode code, String text) implements ToolResult {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean isError() {
      return true;
    }
  }

  static ToolResult ok(String text) {
    return new Ok(text);
  }

  static ToolResult failed(ToolErrorCode code, String text) {
    return new Failed(code, text);
  }
}
