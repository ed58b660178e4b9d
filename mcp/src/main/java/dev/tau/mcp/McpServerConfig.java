package dev.tau.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code [mcp.servers.<name>]} table: a stdio command or a Streamable HTTP URL, checked when
 * built.
 *
 * @param name the server's name; tools appear to the agent as {@code mcp__<name>__<tool>}
 * @param command the program to start (stdio); null for HTTP
 * @param args its arguments
 * @param env variables set for the child process on top of a minimal inherited set ({@code PATH},
 *     {@code HOME}, locale, temp dir); Tau's own environment, with its provider keys, is not passed
 * @param url the Streamable HTTP endpoint; null for stdio
 * @param enabled false keeps the server configured but not started
 * @param timeout limit for starting, initialising and listing tools
 * @param toolTimeout limit for one tool call
 * @param authBearerEnv the environment variable holding a bearer token for HTTP servers; missing or
 *     empty fails that server
 * @param toolAllowlist the server's tool names to offer; empty offers all
 */
public record McpServerConfig(
    String name,
    String command,
    List<String> args,
    Map<String, String> env,
    URI url,
    boolean enabled,
    Duration timeout,
    Duration toolTimeout,
    String authBearerEnv,
    List<String> toolAllowlist) {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

  /** Connect, initialise and list limit when the table sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  /** Tool-call limit when the table sets none. */
  public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(120);

  public McpServerConfig {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "MCP server name '"
              + name
              + "' must be 1-32 letters, digits, '_' or '-' (it becomes part of tool names)");
    }
    String where = "[mcp.servers." + name + "]";
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(new TreeMap<>(env));
    toolAllowlist = toolAllowlist == null ? List.of() : List.copyOf(toolAllowlist);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    toolTimeout = toolTimeout == null ? DEFAULT_TOOL_TIMEOUT : toolTimeout;
    boolean hasCommand = command != null && !command.isBlank();
    if (hasCommand == (url != null)) {
      throw new IllegalArgumentException(
          where + " needs exactly one of 'command' (stdio) or 'url' (Streamable HTTP)");
    }
    if (url != null) {
      String scheme = url.getScheme() == null ? "" : url.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException(where + " 'url' must be an http:// or https:// URL");
      }
      if (!args.isEmpty() || !env.isEmpty()) {
        throw new IllegalArgumentException(
            where + " 'args' and 'env' apply to stdio servers only (this one has a 'url')");
      }
    } else if (authBearerEnv != null) {
      throw new IllegalArgumentException(
          where + " 'auth_bearer_env' applies to HTTP servers only (this one has a 'command')");
    }
    for (String key : env.keySet()) {
      if (!ENV_NAME.matcher(key).matches()) {
        throw new IllegalArgumentException(
            where + " 'env' key '" + key + "' is not a valid environment variable name");
      }
    }
    if (authBearerEnv != null && !ENV_NAME.matcher(authBearerEnv).matches()) {
      throw new IllegalArgumentException(
          where + " 'auth_bearer_env' must name an environment variable, not hold a token");
    }
    if (timeout.isNegative()
        || timeout.isZero()
        || toolTimeout.isNegative()
        || toolTimeout.isZero()) {
      throw new IllegalArgumentException(where + " timeouts must be at least one second");
    }
  }

  /** A stdio server with default limits. */
  public static McpServerConfig stdio(String name, String command, List<String> args) {
    return new McpServerConfig(
        name, command, args, Map.of(), null, true, null, null, null, List.of());
  }

  /** A Streamable HTTP server with default limits. */
  public static McpServerConfig http(String name, URI url) {
    return new McpServerConfig(name, null, null, null, url, true, null, null, null, List.of());
  }

  public McpTransport transport() {
    return url != null ? McpTransport.HTTP : McpTransport.STDIO;
  }

  /** What to show for this server's target: the command line or the redacted URL, never env. */
  public String target() {
    if (url != null) {
      return dev.tau.core.util.Urls.redact(url);
    }
    return args.isEmpty() ? command : command + " " + String.join(" ", args);
  }

  @Override
  public String toString() {
    // env values may be credentials
    return "McpServerConfig[name=" + name + ", transport=" + transport().wire() + "]";
  }
}
