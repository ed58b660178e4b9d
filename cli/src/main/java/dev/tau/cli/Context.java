package dev.tau.cli;

import dev.tau.agent.tools.CodingTools;
import dev.tau.cli.config.SettingsResolver;
import dev.tau.cli.config.TauSettings;
import dev.tau.mcp.McpServerStatus;
import dev.tau.mcp.McpToolbox;
import dev.tau.otel.Tracing;
import dev.tau.telemetry.Telemetry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;

/**
 * What every command shares: the environment, the streams, the parsed global flags and the MCP
 * servers, connected on first use and closed when the command ends.
 */
public final class Context implements AutoCloseable {
  private final Map<String, String> env;
  private final Terminals terminals;
  private final GlobalOptions options = new GlobalOptions();
  private volatile Telemetry telemetry = Telemetry.disabled();
  private McpToolbox mcp;
  private Tracing tracing;

  Context(Map<String, String> env, Terminals terminals) {
    this.env = Map.copyOf(env);
    this.terminals = terminals;
  }

  public Map<String, String> env() {
    return env;
  }

  public Terminals terminals() {
    return terminals;
  }

  public GlobalOptions options() {
    return options;
  }

  /** The telemetry sink of this command run (disabled until the command line is parsed). */
  public Telemetry telemetry() {
    return telemetry;
  }

  void telemetry(Telemetry value) {
    this.telemetry = java.util.Objects.requireNonNull(value, "telemetry");
  }

  public boolean json() {
    return options.json();
  }

  public boolean verbose() {
    return options.verbose();
  }

  /** The working directory ({@code user.dir}). */
  public Path workingDir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  /**
   * The configured MCP servers, connected once per command run; each that failed is reported on
   * stderr once, and the run goes on without its tools.
   */
  public synchronized McpToolbox mcp(TauSettings settings) {
    if (mcp == null) {
      mcp =
          McpToolbox.connect(
              settings.mcpServers(),
              env,
              VersionProvider.version(),
              new HashSet<>(CodingTools.all().names()));
      for (McpServerStatus failed : mcp.failed()) {
        terminals
            .err()
            .println(
                "tau: warning: MCP server '"
                    + failed.name()
                    + "' is unavailable, its tools are not offered: "
                    + failed.detail());
      }
      terminals.err().flush();
    }
    return mcp;
  }

  /**
   * The OpenTelemetry tracing of this run's agent turns, from the {@code OTEL_*} variables (off
   * without an OTLP endpoint); created on first use and flushed when the command ends.
   *
   * @throws dev.tau.core.error.InputException when an {@code OTEL_*} value cannot be used
   */
  public synchronized Tracing tracing() {
    if (tracing == null) {
      tracing = Tracing.fromEnv(env);
    }
    return tracing;
  }

  /** Ends the MCP sessions and stdio server processes this run started, and flushes traces. */
  @Override
  public synchronized void close() {
    if (mcp != null) {
      mcp.close();
      mcp = null;
    }
    if (tracing != null) {
      tracing.close();
      tracing = null;
    }
  }

  /** Resolves settings from flags, env, the config profile and defaults. */
  public TauSettings settings() {
    return SettingsResolver.resolve(options.overrides(), env, workingDir());
  }
}
