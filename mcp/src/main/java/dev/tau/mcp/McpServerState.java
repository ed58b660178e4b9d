package dev.tau.mcp;

import java.util.Locale;

/** Where a configured MCP server stands after Tau tried to connect to it. */
public enum McpServerState {
  /** Initialised; its tools are offered to the agent. */
  CONNECTED,
  /** Could not be started, reached, initialised or listed; its tools are not offered. */
  FAILED,
  /** {@code enabled = false} in the config; not started. */
  DISABLED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
