package dev.tau.core.tool;

/** Why a tool call failed. Serialised as snake_case. */
public enum ToolErrorCode {
  /** The arguments did not match the tool's schema. */
  INVALID_ARGUMENTS,
  /** No tool of that name is registered. */
  UNKNOWN_TOOL,
  /** The tool policy denies this tool. */
  POLICY_DENIED,
  /** The tool needs confirmation and none could be given (or it was declined). */
  CONFIRMATION_REFUSED,
  /** A path escapes the workspace root. */
  PATH_OUTSIDE_WORKSPACE,
  /** A file or directory was not found. */
  NOT_FOUND,
  /** The edit's old text matched zero or several times. */
  EDIT_MISMATCH,
  /** The tool ran past its time limit. */
  TIMEOUT,
  /** The command ran and failed (non-zero exit). */
  COMMAND_FAILED,
  /** An input or output was larger than allowed. */
  TOO_LARGE,
  /** An I/O failure while running the tool. */
  IO_ERROR,
  /** The run was cancelled. */
  CANCELLED,
  /** The server behind the tool (an MCP server) could not be reached or closed the connection. */
  UNAVAILABLE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
