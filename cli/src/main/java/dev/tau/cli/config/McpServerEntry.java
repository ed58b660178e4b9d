package dev.tau.cli.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code [mcp.servers.<name>]} table as written; {@link ConfigFile} turns it into a checked
 * {@code dev.tau.mcp.McpServerConfig}.
 */
public record McpServerEntry(
    String command,
    List<String> args,
    Map<String, String> env,
    String url,
    Boolean enabled,
    Integer timeoutSecs,
    Integer toolTimeoutSecs,
    String authBearerEnv,
    List<String> toolAllowlist) {

  @Override
  public String toString() {
    // env values may be credentials
    return "McpServerEntry[command=" + command + ", url=" + (url == null ? "unset" : "set") + "]";
  }
}
