package dev.tau.agent.tools;

import dev.tau.core.tool.ToolErrorCode;
import dev.tau.core.tool.ToolResult;
import java.util.Objects;

/**
 * A coding tool cannot do its job. Thrown inside a tool and turned into a {@link ToolResult.Failed}
 * at the tool's boundary, so it never reaches the agent loop.
 */
public final class ToolFailure extends RuntimeException {
  private final ToolErrorCode code;

  public ToolFailure(ToolErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ToolErrorCode code() {
    return code;
  }

  /** The failure as the value the model reads. */
  public ToolResult.Failed toResult() {
    return new ToolResult.Failed(code, getMessage());
  }

  static ToolFailure invalid(String field, String problem) {
    return new ToolFailure(ToolErrorCode.INVALID_ARGUMENTS, "argument '" + field + "' " + problem);
  }
}
