package dev.tau.mcp;

import java.util.List;
import java.util.Objects;

/**
 * What connecting to one configured server gave.
 *
 * @param detail why it failed (safe to show: no environment values, URLs redacted); empty otherwise
 * @param serverInfo the server's own {@code name version} from its initialize answer, when
 *     connected
 * @param tools the tools offered to the agent, with their namespaced names
 * @param skipped tools the server listed but Tau does not offer, each with the reason
 */
public record McpServerStatus(
    String name,
    McpTransport transport,
    String target,
    McpServerState state,
    String detail,
    String serverInfo,
    List<McpToolInfo> tools,
    List<String> skipped) {
  public McpServerStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
    serverInfo = serverInfo == null ? "" : serverInfo;
    tools = tools == null ? List.of() : List.copyOf(tools);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /**
   * One tool as the agent sees it.
   *
   * @param name the namespaced name, {@code mcp__<server>__<tool>}
   * @param remoteName the name on the server
   */
  public record McpToolInfo(String name, String remoteName, String description) {}
}
