package dev.tau.mcp;

import dev.tau.core.tool.Tool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MCP servers of a configuration, connected: their tools for the agent and a status per server.
 * A server that cannot be started, reached or initialised is reported as {@link
 * McpServerState#FAILED} and the others still work. Closing it ends every session and stdio child.
 */
public final class McpToolbox implements AutoCloseable {
  private static final McpToolbox EMPTY = new McpToolbox(List.of(), List.of(), List.of());

  private final List<McpServerStatus> statuses;
  private final List<Tool> tools;
  private final List<McpConnection> connections;

  private McpToolbox(
      List<McpServerStatus> statuses, List<Tool> tools, List<McpConnection> connections) {
    this.statuses = List.copyOf(statuses);
    this.tools = List.copyOf(tools);
    this.connections = List.copyOf(connections);
  }

  /** No servers. */
  public static McpToolbox empty() {
    return EMPTY;
  }

  /**
   * Connects to every enabled server at once, each within its own {@code timeout}.
   *
   * @param env the environment stdio servers inherit from (only a minimal part of it) and where
   *     bearer-token variables are looked up
   * @param version Tau's version, sent as the client info
   * @param reservedToolNames names already used (the built-in tools); a remote tool never shadows
   *     one
   */
  public static McpToolbox connect(
      List<McpServerConfig> servers,
      Map<String, String> env,
      String version,
      Set<String> reservedToolNames) {
    Objects.requireNonNull(servers, "servers");
    if (servers.isEmpty()) {
      return EMPTY;
    }
    List<McpServerStatus> statuses = new ArrayList<>();
    List<Tool> tools = new ArrayList<>();
    List<McpConnection> live = new ArrayList<>();
    Set<String> taken = new HashSet<>(reservedToolNames);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Attempt> attempts = new ArrayList<>();
      for (McpServerConfig server : servers) {
        if (!server.enabled()) {
          attempts.add(new Attempt(server, null, null, null));
          continue;
        }
        McpConnection connection;
        try {
          connection = McpConnection.create(server, env, version);
        } catch (RuntimeException e) {
          attempts.add(new Attempt(server, null, null, Failures.describe(e)));
          continue;
        }
        Future<?> opened =
            threads.submit(
                () -> {
                  // servers start in parallel; names are claimed in config order below
                  connection.open();
                  return null;
                });
        attempts.add(new Attempt(server, connection, opened, null));
      }
      for (Attempt attempt : attempts) {
        McpServerConfig server = attempt.config();
        if (!server.enabled()) {
          statuses.add(status(server, McpServerState.DISABLED, "enabled = false"));
          continue;
        }
        if (attempt.connection() == null) {
          statuses.add(status(server, McpServerState.FAILED, attempt.error()));
          continue;
        }
        try {
          attempt.opened().get(server.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
          statuses.add(attempt.connection().claim(taken, tools));
          live.add(attempt.connection());
        } catch (ExecutionException e) {
          String detail = attempt.connection().failure(e.getCause());
          if (e.getCause() instanceof TimeoutException) {
            detail += " (timeout_secs = " + server.timeout().toSeconds() + ")";
          }
          statuses.add(status(server, McpServerState.FAILED, detail));
          attempt.connection().close();
        } catch (TimeoutException e) {
          attempt.opened().cancel(true);
          statuses.add(
              status(
                  server,
                  McpServerState.FAILED,
                  attempt.connection().failure(e)
                      + " (no answer within "
                      + server.timeout().toSeconds()
                      + " s)"));
          attempt.connection().close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          attempt.connection().close();
          live.forEach(McpConnection::close);
          throw new IllegalStateException("interrupted while connecting to MCP servers", e);
        }
      }
    }
    return new McpToolbox(statuses, tools, live);
  }

  private record Attempt(
      McpServerConfig config, McpConnection connection, Future<?> opened, String error) {}

  private static McpServerStatus status(
      McpServerConfig server, McpServerState state, String detail) {
    return new McpServerStatus(
        server.name(),
        server.transport(),
        server.target(),
        state,
        detail,
        "",
        List.of(),
        List.of());
  }

  /** The tools of every connected server, namespaced {@code mcp__<server>__<tool>}. */
  public List<Tool> tools() {
    return tools;
  }

  /** One status per configured server, in configuration order. */
  public List<McpServerStatus> statuses() {
    return statuses;
  }

  /** The servers that are enabled but could not be used. */
  public List<McpServerStatus> failed() {
    return statuses.stream().filter(s -> s.state() == McpServerState.FAILED).toList();
  }

  @Override
  public void close() {
    connections.forEach(McpConnection::close);
  }
}
