package dev.tau.mcp;

import java.util.Locale;

/** How Tau talks to an MCP server. */
public enum McpTransport {
  /** A child process speaking newline-delimited JSON-RPC on stdin/stdout. */
  STDIO,
  /** The Streamable HTTP transport: JSON-RPC POSTed to one endpoint URL. */
  HTTP;

  /** The name shown in {@code mcp list} and {@code doctor}: {@code stdio} or {@code http}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
